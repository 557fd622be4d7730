import type { CellReference } from "../../shared/api/api-client.ts";
import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import type { SelectedCell } from "../workbook/report-workbook.ts";
import { sheetCellOfText } from "../../shared/layout/typed-cell.ts";

/** The cell a review comment points at, for a cell selected in a report workbook: (sheet code, A1) when it is a cell of the layout's forms, else undefined. */
export function cellReferenceOf(layout: WorkbookLayout, selected: SelectedCell): CellReference | undefined {
  const sheetLayout = layout.sheetByName(selected.sheetName);
  return sheetLayout?.locate(selected.a1) ? { sheetCode: sheetLayout.sheet.code, cell: selected.a1 } : undefined;
}

/**
 * The cell a reviewer typed, where there is no workbook to select in (the web page): "教扶04!E7", the
 * full or quoted sheet name ("'教扶04 教师队伍提升'!e7") or the sheet code; undefined unless it is a cell of the forms.
 */
export function cellReferenceFromText(layout: WorkbookLayout, typed: string): CellReference | undefined {
  const found = sheetCellOfText(layout, typed);
  return found ? cellReferenceOf(layout, { sheetName: found.sheet.name, a1: found.a1 }) : undefined;
}
