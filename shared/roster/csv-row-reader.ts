import { ListTableError, tooManyBytes, tooManyRows } from "./list-table-limits.ts";
import type { ListTableLimits } from "./list-table-limits.ts";

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Where the reader is inside a field: plain text, inside quotes, or just after a quote inside quotes (a doubled quote or the closing one). */
const State = { Plain: 0, Quoted: 1, QuoteInQuoted: 2 } as const;

/**
 * RFC 4180 CSV read as its bytes arrive (quotes, doubled quotes, CRLF or LF), UTF-8 with or without a
 * BOM (the decoder drops it): `push` takes the next bytes and gives the rows they complete, `end` the
 * last. A chunk may end anywhere, inside a character, a quoted field or a CRLF. Blank rows are skipped;
 * the header row counts as a row. Bounds as it goes: the bytes, the rows and the characters of a row.
 */
export class CsvRowReader {
  private readonly decoder = new TextDecoder();
  private bytes = 0;
  /** Rows given so far, the header included. */
  private rows = 0;
  private row: string[] = [];
  private field = "";
  /** Characters of the row being read that came in earlier text. */
  private carried = 0;
  private state: number = State.Plain;

  constructor(private readonly limits: ListTableLimits) {}

  push(chunk: Uint8Array): string[][] {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxBytes) throw tooManyBytes(this.limits);
    return this.read(this.decoder.decode(chunk, { stream: true }));
  }

  end(): string[][] {
    const rows = this.read(this.decoder.decode());
    if (this.field !== "" || this.row.length > 0 || this.state !== State.Plain) this.endRow(rows);
    return rows;
  }

  private read(text: string): string[][] {
    const rows: string[][] = [];
    const length = text.length;
    let index = 0;
    let rowStart = 0;
    while (index < length) {
      if (this.state === State.Quoted) {
        const quote = text.indexOf('"', index);
        const end = quote < 0 ? length : quote;
        this.field += text.slice(index, end);
        index = end + 1;
        if (quote >= 0) this.state = State.QuoteInQuoted;
        continue;
      }
      if (this.state === State.QuoteInQuoted) {
        this.state = State.Plain;
        if (text.charCodeAt(index) === QUOTE) {
          this.field += '"';
          this.state = State.Quoted;
          index++;
          continue;
        }
      }
      let end = index;
      let code = 0;
      while (end < length) {
        code = text.charCodeAt(end);
        if (code === COMMA || code === LF || code === CR || code === QUOTE) break;
        end++;
      }
      if (end > index) this.field += text.slice(index, end);
      if (end === length) break;
      index = end + 1;
      if (code === QUOTE) this.state = State.Quoted;
      else if (code === COMMA) this.row.push(this.field), (this.field = "");
      else if (code === LF) {
        this.checkRowLength(this.carried + end - rowStart);
        this.carried = 0;
        rowStart = index;
        this.endRow(rows);
      }
    }
    this.carried += length - rowStart;
    this.checkRowLength(this.carried);
    return rows;
  }

  private checkRowLength(chars: number): void {
    if (chars > this.limits.maxRowChars)
      throw new ListTableError(
        `第 ${this.rows + 1} 行超过 ${this.limits.maxRowChars} 个字符(引号未闭合?) / row ${this.rows + 1} is over ${this.limits.maxRowChars} characters (a quote never closed?)`,
      );
  }

  private endRow(rows: string[][]): void {
    this.row.push(this.field);
    this.field = "";
    this.state = State.Plain;
    const row = this.row;
    this.row = [];
    if (row.length === 1 && row[0] === "") return;
    if (++this.rows > this.limits.maxRows + 1) throw tooManyRows(this.limits);
    rows.push(row);
  }
}
