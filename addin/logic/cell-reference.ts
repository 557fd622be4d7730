import type { CellReference } from "../../shared/api/api-client.ts";
import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import type { SelectedCell } from "../workbook/report-workbook.ts";

/** The cell a review comment points at, for a cell selected in a report workbook: (sheet code, A1) when it is a cell of the layout's forms, else undefined. */
export function cellReferenceOf(layout: WorkbookLayout, selected: SelectedCell): CellReference | undefined {
  const sheetLayout = layout.sheetByName(selected.sheetName);
  return sheetLayout?.locate(selected.a1) ? { sheetCode: sheetLayout.sheet.code, cell: selected.a1 } : undefined;
}
