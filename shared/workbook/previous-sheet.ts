import type { FormSet } from "../forms/form-set.ts";
import type { WorkbookLayout } from "../layout/workbook-layout.ts";
import { toA1 } from "../xlsx/cell-address.ts";
import type { XlsxSheet } from "../xlsx/model.ts";
import type { EngineValues } from "../consolidate/engine-values.ts";

const ROW_KEY_HEADING = "_KEY";

/**
 * The hidden _prev sheet: the previous period's accepted values that history rules (prev(…))
 * compare against, so that their conditional formats work in a workbook opened without the add-in.
 * Row 1 holds the field codes, column A the row keys, as layout.previous lays them out.
 */
export function renderPreviousSheet(formSet: FormSet, layout: WorkbookLayout, previous: EngineValues | undefined): XlsxSheet {
  const { name, fieldCodes, cellOf } = layout.previous;
  const rows = layout.sheets.find((sheet) => sheet.sheet.kind === "grid")?.rows ?? [];
  const cells: XlsxSheet["cells"] = new Map([[toA1(0, 0), { value: ROW_KEY_HEADING }]]);
  fieldCodes.forEach((fieldCode, index) => cells.set(toA1(0, index + 1), { value: fieldCode }));
  rows.forEach((row, index) => {
    cells.set(toA1(index + 1, 0), { value: row.key });
    for (const fieldCode of fieldCodes) {
      const sheetCode = formSet.sheetOfField(fieldCode)?.code ?? "";
      const value = previous?.get(sheetCode)?.get(row.key)?.[fieldCode];
      const a1 = cellOf(row.key, fieldCode);
      if (a1 && typeof value === "number") cells.set(a1, { value });
    }
  });
  return { name, state: "veryHidden", cells, protection: true };
}
