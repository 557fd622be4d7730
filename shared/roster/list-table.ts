import { parseA1 } from "../xlsx/cell-address.ts";
import { XlsxReadError } from "../xlsx/model.ts";
import { readXlsx } from "../xlsx/read-xlsx.ts";

/**
 * The poverty office's list as a table of text (first row the headers), from .xlsx or .csv bytes,
 * read within bounds: a file past `maxBytes` or `maxRows` is refused before its rows are kept.
 */
export interface ListTableLimits {
  maxBytes: number;
  /** Data rows, the header row not counted. */
  maxRows: number;
}

/** A province's list: 250,000 people of school age with room to spare; 40 MiB is 160 bytes a row. */
export const LIST_TABLE_LIMITS: ListTableLimits = { maxBytes: 40 * 2 ** 20, maxRows: 300_000 };

/** A file that is not a readable list; the message is Chinese then English. */
export class ListTableError extends Error {
  override name = "ListTableError";
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const isZip = (bytes: Uint8Array) => ZIP_MAGIC.every((byte, index) => bytes[index] === byte);

const tooManyRows = (limits: ListTableLimits) => new ListTableError(`名单超过 ${limits.maxRows} 行 / the list has more than ${limits.maxRows} rows`);

export function readListTable(bytes: Uint8Array, limits: ListTableLimits = LIST_TABLE_LIMITS): string[][] {
  if (bytes.length === 0) throw new ListTableError("文件为空 / the file is empty");
  if (bytes.length > limits.maxBytes) throw new ListTableError(`文件超过 ${limits.maxBytes} 字节 / the file is over ${limits.maxBytes} bytes`);
  return isZip(bytes) ? xlsxTable(bytes, limits) : csvTable(bytes, limits);
}

/** The first sheet's cells as text rows (an ID typed as a number shows as Excel shows it, and fails GB 11643). */
function xlsxTable(bytes: Uint8Array, limits: ListTableLimits): string[][] {
  let sheet: ReturnType<typeof readXlsx>["sheets"][number] | undefined;
  try {
    sheet = readXlsx(bytes, { rows: limits.maxRows + 1 }).sheets[0];
  } catch (error) {
    if (error instanceof XlsxReadError) throw new ListTableError(error.message);
    throw error;
  }
  const rows: string[][] = [];
  for (const [address, cell] of sheet?.cells ?? []) {
    const { row, col } = parseA1(address);
    const cells = rows[row] ?? (rows[row] = []);
    cells[col] = cell.value === null ? "" : String(cell.value);
  }
  return Array.from(rows, (cells) => Array.from(cells ?? [], (text) => text ?? ""));
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF), UTF-8 with or without a BOM (the decoder drops it); one pass, rows counted as they come. */
function csvTable(bytes: Uint8Array, limits: ListTableLimits): string[][] {
  const text = new TextDecoder().decode(bytes);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endRow = () => {
    row.push(field);
    field = "";
    if (row.length > 1 || row[0] !== "") rows.push(row);
    if (rows.length > limits.maxRows + 1) throw tooManyRows(limits);
    row = [];
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[index + 1] === '"') (field += '"'), index++;
      else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ",") row.push(field), (field = "");
    else if (char === "\n") endRow();
    else if (char !== "\r") field += char;
  }
  if (field !== "" || row.length > 0) endRow();
  return rows;
}
