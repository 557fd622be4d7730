import type { OutlierRanges } from "../quality/outlier-ranges.ts";
import { rangesToRows } from "../quality/range-rows.ts";
import { toA1 } from "../xlsx/cell-address.ts";
import type { XlsxSheet } from "../xlsx/model.ts";

/** Readers find the outlier ranges by this name; a template without it has no O01 check. */
export const RANGES_SHEET_NAME = "_ranges";

/**
 * The hidden _ranges sheet: the outlier ranges the Worker made for the unit's rows (shared/quality),
 * so that the pane, the page and the CLI raise O01 offline. One row per unit and field (range-rows.ts).
 */
export function renderRangesSheet(ranges: OutlierRanges): XlsxSheet {
  const cells: XlsxSheet["cells"] = new Map();
  rangesToRows(ranges).forEach((row, rowIndex) =>
    row.forEach((value, column) => {
      if (value !== null) cells.set(toA1(rowIndex, column), { value });
    }),
  );
  return { name: RANGES_SHEET_NAME, state: "veryHidden", cells, protection: true };
}
