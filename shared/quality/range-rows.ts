import type { CellValue } from "../report/report-data.ts";
import type { OutlierRange, OutlierRanges } from "./outlier-ranges.ts";

/**
 * The outlier ranges as the rows of the template's hidden _ranges sheet, one row per unit and field
 * under a heading row, and back. Free of .xlsx code: the .xlsx reader and the add-in's cell blocks
 * both read it.
 */
export const RANGE_COLUMNS = ["_KEY", "FIELD", "LOW", "HIGH", "CENTRE", "BASIS"] as const;

export function rangesToRows(ranges: OutlierRanges): CellValue[][] {
  const rows: CellValue[][] = [[...RANGE_COLUMNS]];
  for (const [rowKey, fields] of ranges)
    for (const [fieldCode, range] of fields) rows.push([rowKey, fieldCode, range.low, range.high, range.centre, range.basis]);
  return rows;
}

/** Undefined when the rows hold no range (a template rendered without them, or a foreign sheet). */
export function rangesFromRows(rows: readonly (readonly CellValue[])[]): OutlierRanges | undefined {
  const [header = [], ...data] = rows;
  if (RANGE_COLUMNS.some((column, index) => String(header[index] ?? "").trim() !== column)) return undefined;
  const ranges = new Map<string, Map<string, OutlierRange>>();
  for (const [rowKey, fieldCode, low, high, centre, basis] of data) {
    if (typeof low !== "number" || typeof high !== "number" || typeof centre !== "number" || (basis !== "history" && basis !== "peers")) continue;
    const key = String(rowKey ?? "").trim();
    let fields = ranges.get(key);
    if (!fields) ranges.set(key, (fields = new Map()));
    fields.set(String(fieldCode ?? "").trim(), { low, high, centre, basis });
  }
  return ranges.size > 0 ? ranges : undefined;
}
