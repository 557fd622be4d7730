import { parseA1 } from "../xlsx/cell-address.ts";
import { XlsxReadError } from "../xlsx/model.ts";
import { readXlsx } from "../xlsx/read-xlsx.ts";
import { CsvRowReader } from "./csv-row-reader.ts";
import { LIST_TABLE_LIMITS, ListTableError, tooManyBytes } from "./list-table-limits.ts";
import type { ListTableLimits } from "./list-table-limits.ts";

export { LIST_TABLE_LIMITS, ListTableError } from "./list-table-limits.ts";
export type { ListTableLimits } from "./list-table-limits.ts";

// The poverty office's list as a table of text (first row the headers), from .xlsx or .csv bytes held
// whole, read within bounds (the Worker streams a CSV instead: shared/roster/csv-row-reader.ts).

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Whether the bytes begin as a zip (an .xlsx) does: "PK" 03 04. */
export const isZip = (bytes: Uint8Array) => ZIP_MAGIC.every((byte, index) => bytes[index] === byte);

export function readListTable(bytes: Uint8Array, limits: ListTableLimits = LIST_TABLE_LIMITS): string[][] {
  if (bytes.length === 0) throw new ListTableError("文件为空 / the file is empty");
  if (bytes.length > limits.maxBytes) throw tooManyBytes(limits);
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

/** The CSV reader a stream uses, given the bytes at once. */
function csvTable(bytes: Uint8Array, limits: ListTableLimits): string[][] {
  const reader = new CsvRowReader(limits);
  return [...reader.push(bytes), ...reader.end()];
}
