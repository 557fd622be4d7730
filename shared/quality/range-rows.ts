import type { CellValue } from "../report/report-data.ts";
import type { OutlierRange, OutlierRanges } from "./outlier-ranges.ts";

/**
 * The outlier ranges as the rows of the template's hidden _ranges sheet, and back. Row 1: _KEY,
 * BASIS, then each field's code over its three columns (low, high, centre); then one row per unit:
 * its code, its basis (history or peers: one per unit, see computeOutlierRanges), its numbers; and,
 * for a unit with ranges set by hand, a second row of basis manual holding only those. Wide, as
 * _prev is, to keep the template small (a reader that knows no manual rows skips them). Free of .xlsx code: the .xlsx reader and the add-in's
 * cell blocks both read it.
 */
const HEADING = ["_KEY", "BASIS"] as const;

export function rangesToRows(ranges: OutlierRanges): CellValue[][] {
  const fieldCodes = [...new Set([...ranges.values()].flatMap((fields) => [...fields.keys()]))];
  const rows: CellValue[][] = [[...HEADING, ...fieldCodes.flatMap((code) => [code, null, null])]];
  const empty = { low: null, high: null, centre: null };
  for (const [rowKey, fields] of ranges) {
    for (const basis of new Set([...fields.values()].map((range) => range.basis))) {
      const ofBasis = (code: string) => (fields.get(code)?.basis === basis ? fields.get(code) : undefined);
      rows.push([rowKey, basis, ...fieldCodes.flatMap((code) => (({ low, high, centre }) => [low, high, centre])(ofBasis(code) ?? empty))]);
    }
  }
  return rows;
}

/** Undefined when the rows hold no range (a template rendered without them, or a foreign sheet). */
export function rangesFromRows(rows: readonly (readonly CellValue[])[]): OutlierRanges | undefined {
  const [header = [], ...data] = rows;
  if (HEADING.some((heading, index) => String(header[index] ?? "").trim() !== heading)) return undefined;
  const columns = header.flatMap((code, column) =>
    column >= HEADING.length && typeof code === "string" && code.trim() ? [{ code: code.trim(), column }] : [],
  );
  const ranges = new Map<string, Map<string, OutlierRange>>();
  for (const row of data) {
    const basis = row[1];
    if (basis !== "history" && basis !== "peers" && basis !== "manual") continue;
    const key = String(row[0] ?? "").trim();
    const fields = ranges.get(key) ?? new Map<string, OutlierRange>();
    for (const { code, column } of columns) {
      const [low, high, centre] = [row[column], row[column + 1], row[column + 2]];
      // A range set by hand wins over the computed one, whichever row comes first.
      if (basis !== "manual" && fields.get(code)?.basis === "manual") continue;
      if (typeof low === "number" && typeof high === "number" && typeof centre === "number") fields.set(code, { low, high, centre, basis });
    }
    if (fields.size > 0) ranges.set(key, fields);
  }
  return ranges.size > 0 ? ranges : undefined;
}
