import type { XlsxReadCell, XlsxValue } from "./model.ts";
import { XlsxReadError } from "./model.ts";
import {
  NOT_XLSX,
  XLSX_READ_LIMITS,
  checkArchive,
  checkInflated,
  parsePart,
  parsingPart,
  readRels,
  sharedStringHandler,
  tooManyEntries,
  workbookSheets,
  worksheet,
} from "./read-xlsx.ts";
import type { PartParser, XlsxReadLimits } from "./read-xlsx.ts";
import { SharedStringStore } from "./shared-string-store.ts";
import { XmlStream } from "./xml-stream.ts";
import type { XmlHandler } from "./xml-parse.ts";
import { inflatedPieces, zipDirectory } from "./zip-directory.ts";
import type { ZipEntry } from "./zip-directory.ts";

// The first sheet's rows, one at a time, from .xlsx bytes held whole: read with readXlsx's own
// handlers (the same values, the same limits and messages), but the sheet is inflated and parsed
// piece by piece and each row handed on as soon as it ends, so that neither the inflated sheet nor
// its cells are ever held. Shared strings are read first (the central directory says where they
// are) and kept as bytes (SharedStringStore).

export interface StreamedSheetLimits extends XlsxReadLimits {
  /** The sheet, inflated: it is read as it inflates, so it may be larger than a part held whole (`partBytes`). */
  sheetBytes: number;
}

export const STREAMED_SHEET_LIMITS: StreamedSheetLimits = { ...XLSX_READ_LIMITS, sheetBytes: XLSX_READ_LIMITS.partBytes };

/** Relationships and workbook.xml are held whole: a workbook names its sheets in far less. */
const HELD_PART_BYTES = 4 * 2 ** 20;
/** Compressed bytes fed to the inflater at a time: one step inflates at most about 4 MiB (deflate's ratio is about 1,000). */
const SLICE_BYTES = 4 * 1024;
const NO_CELLS: readonly XlsxValue[] = Object.freeze([]);

/**
 * The first sheet's rows in order, each as its values by column (a column without a value is a hole;
 * a cell with a formula and no value is null); a row without values before one with values is given
 * empty, as readXlsx's cells laid out by row would show it. Rows must come in order (as every writer
 * puts them); a row after a later one is refused.
 */
export function* firstSheetRows(bytes: Uint8Array, limits: Partial<StreamedSheetLimits> = {}): Generator<readonly XlsxValue[]> {
  const limit = { ...STREAMED_SHEET_LIMITS, ...limits };
  checkArchive(bytes, limit);
  const entries = zipDirectory(bytes, limit.entries, () => tooManyEntries(limit));
  let totalBytes = 0;
  function* counted(entry: ZipEntry, partBytes: number): Generator<Uint8Array> {
    let inflated = 0;
    for (const piece of inflatedPieces(bytes, entry, SLICE_BYTES)) {
      inflated += piece.length;
      totalBytes += piece.length;
      checkInflated(entry.name, inflated, totalBytes, { ...limit, partBytes });
      yield piece;
    }
  }
  const held = (path: string) => {
    const entry = entries.get(path.toLowerCase());
    return entry && joined([...counted(entry, Math.min(HELD_PART_BYTES, limit.partBytes))]);
  };
  const parse: PartParser = (path, required, makeHandler) => parsePart(held(path), path, required, makeHandler, limit.xmlDepth);
  const streamed = function* (path: string, partBytes: number, handler: XmlHandler): Generator<void> {
    const xml = new XmlStream(handler, limit.xmlDepth);
    const entry = entries.get(path.toLowerCase());
    if (!entry) throw new XlsxReadError(`${NOT_XLSX}: 缺少 ${path} / missing part ${path}`);
    for (const piece of counted(entry, partBytes)) yield parsingPart(path, limit.xmlDepth, () => xml.push(piece));
    parsingPart(path, limit.xmlDepth, () => xml.end());
  };

  const rootRels = readRels(parse, "");
  const workbookPath = [...rootRels.values()].find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const workbookRels = readRels(parse, workbookPath);
  const [sheet] = parse(workbookPath, true, workbookSheets)!;
  if (!sheet) return;
  const sheetPath = workbookRels.get(sheet.relId)?.target;
  if (sheetPath === undefined) throw new XlsxReadError(`${NOT_XLSX}: 工作表 "${sheet.name}" 没有对应的部件 / sheet "${sheet.name}" has no part`);
  const sharedStringsPath = [...workbookRels.values()].find((r) => r.type.endsWith("/sharedStrings"))?.target ?? "xl/sharedStrings.xml";

  const strings = new SharedStringStore();
  try {
    if (entries.has(sharedStringsPath.toLowerCase()))
      drain(
        streamed(
          sharedStringsPath,
          limit.partBytes,
          sharedStringHandler((text) => strings.add(text)),
        ),
      );
    const ready: (readonly XlsxValue[])[] = [];
    const rows = new RowAssembler(sheet.name, (cells) => ready.push(cells));
    const handler = worksheet((index) => strings.at(index), sheet.name, limit.rows, rows.cell);
    for (const _ of streamed(sheetPath, limit.sheetBytes, handler)) yield* ready.splice(0);
    rows.end();
    yield* ready.splice(0);
  } finally {
    strings.wipe();
  }
}

/** Cells gathered into rows as the sheet gives them; a row handed on when a cell of a later row comes (or the sheet ends). */
class RowAssembler {
  private row = -1;
  private cells: XlsxValue[] = [];
  /** The next row to hand on: rows before a row with values are handed on empty. */
  private next = 0;

  constructor(
    private readonly sheetName: string,
    private readonly emit: (cells: readonly XlsxValue[]) => void,
  ) {}

  readonly cell = (cell: XlsxReadCell, row: number, col: number): void => {
    if (row !== this.row) {
      if (row < this.row)
        throw new XlsxReadError(
          `${NOT_XLSX}: 工作表“${this.sheetName}”第 ${row + 1} 行在第 ${this.row + 1} 行之后 / sheet “${this.sheetName}” has row ${row + 1} after row ${this.row + 1}`,
        );
      this.end();
      this.row = row;
    }
    this.cells[col] = cell.value;
  };

  end(): void {
    if (this.row < this.next) return;
    for (; this.next < this.row; this.next++) this.emit(NO_CELLS);
    this.emit(this.cells);
    this.cells = [];
    this.next = this.row + 1;
  }
}

function drain(pieces: Iterable<unknown>): void {
  for (const _ of pieces);
}

function joined(pieces: Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  const whole = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) whole.set(piece, offset), (offset += piece.length);
  return whole;
}
