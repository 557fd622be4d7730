import { STREAMED_SHEET_LIMITS, firstSheetRows } from "../xlsx/first-sheet-rows.ts";
import type { StreamedSheetLimits } from "../xlsx/first-sheet-rows.ts";
import { XlsxReadError } from "../xlsx/model.ts";
import { CsvRowReader } from "./csv-row-reader.ts";
import { LIST_TABLE_LIMITS, ListTableError, tooManyBytes } from "./list-table-limits.ts";
import type { ListTableLimits } from "./list-table-limits.ts";

export { LIST_TABLE_LIMITS, ListTableError } from "./list-table-limits.ts";
export type { ListTableLimits } from "./list-table-limits.ts";

// The poverty office's list as rows of text (first row the headers), from .xlsx or .csv bytes held
// whole, read within bounds (the Worker streams a CSV instead: shared/roster/csv-row-reader.ts; an
// .xlsx it holds, as its rows are read one at a time: xlsxListRows).

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Whether the bytes begin as a zip (an .xlsx) does: "PK" 03 04. */
export const isZip = (bytes: Uint8Array) => ZIP_MAGIC.every((byte, index) => bytes[index] === byte);

export function readListTable(bytes: Uint8Array, limits: ListTableLimits = LIST_TABLE_LIMITS): string[][] {
  if (bytes.length === 0) throw new ListTableError("文件为空 / the file is empty");
  if (bytes.length > limits.maxBytes) throw tooManyBytes(limits);
  return isZip(bytes) ? [...xlsxListRows(bytes, limits)] : csvTable(bytes, limits);
}

/**
 * What the list's .xlsx may inflate to: its sheet is read as it inflates, so eight times the file's
 * bound (320 MiB, about 1,100 bytes a row at the row limit; Excel writes about 160 for three columns)
 * costs time, not memory; a zip bomb stops there.
 */
export const listXlsxLimits = (limits: ListTableLimits): Partial<StreamedSheetLimits> => ({
  rows: limits.maxRows + 1,
  sheetBytes: 8 * limits.maxBytes,
  totalBytes: 8 * limits.maxBytes + STREAMED_SHEET_LIMITS.partBytes + 2 ** 20,
});

/**
 * The first sheet's rows as text, one at a time (an ID typed as a number shows as Excel shows it, and
 * fails GB 11643); the reader's refusals as ListTableError. Nothing of a row is kept once the next is read.
 */
export function* xlsxListRows(bytes: Uint8Array, limits: ListTableLimits = LIST_TABLE_LIMITS): Generator<string[]> {
  try {
    for (const cells of firstSheetRows(bytes, listXlsxLimits(limits))) yield Array.from(cells, (value) => (value == null ? "" : String(value)));
  } catch (error) {
    if (error instanceof XlsxReadError) throw new ListTableError(error.message);
    throw error;
  }
}

/** The CSV reader a stream uses, given the bytes at once. */
function csvTable(bytes: Uint8Array, limits: ListTableLimits): string[][] {
  const reader = new CsvRowReader(limits);
  return [...reader.push(bytes), ...reader.end()];
}
