import type { ExplanationColumn, WorkbookLayout } from "../layout/workbook-layout.ts";
import type { Explanation } from "../report/report-data.ts";
import { parseA1, toA1 } from "../xlsx/cell-address.ts";
import type { XlsxReadSheet, XlsxSheet } from "../xlsx/model.ts";
import { setCell } from "./form-sheet-frame.ts";
import { COLUMN_WIDTH, headerStyle, unlockedTextStyle } from "./workbook-styles.ts";

/** A row of the 说明 sheet: an explanation with where its issue is and what it says. */
export type ExplanationRow = Record<ExplanationColumn, string>;

const HEADINGS: Record<ExplanationColumn, string> = {
  ruleId: "规则",
  sheetCode: "工作表",
  cell: "单元格",
  rowKey: "行键",
  fieldCode: "字段代码",
  message: "问题",
  text: "说明",
};
const WIDTHS: Record<ExplanationColumn, number> = { ruleId: 8, sheetCode: 10, cell: 8, rowKey: 12, fieldCode: 16, message: 60, text: 40 };

/** How many rows the 说明 sheet offers unlocked for typing, beyond those written. */
const SPARE_ROWS = 100;

/** The 说明 sheet: a heading row, then one row per explained warning. Not protected: clerks type here. */
export function renderExplanationsSheet(layout: WorkbookLayout, rows: ExplanationRow[]): XlsxSheet {
  const { name, headerRow, firstDataRow, columns } = layout.explanations;
  const sheet: XlsxSheet = { name, cells: new Map(), columnWidths: {}, freeze: { row: firstDataRow, col: 0 } };
  columns.forEach((column, col) => {
    setCell(sheet, headerRow, col, { value: HEADINGS[column], style: headerStyle });
    (sheet.columnWidths as Record<number, number>)[col] = WIDTHS[column];
    for (let index = 0; index < rows.length + SPARE_ROWS; index++) {
      setCell(sheet, firstDataRow + index, col, { value: rows[index]?.[column] || null, style: unlockedTextStyle });
    }
  });
  return sheet;
}

/**
 * The explanations typed on a 说明 sheet: rows with a rule id and a text. A row that names the cell
 * but not the row key or field code gets them from the layout; a sheet named by its full name is
 * taken for its code.
 */
export function readExplanationsSheet(layout: WorkbookLayout, sheet: XlsxReadSheet): Explanation[] {
  const { firstDataRow, columns } = layout.explanations;
  let lastRow = firstDataRow - 1;
  for (const a1 of sheet.cells.keys()) lastRow = Math.max(lastRow, parseA1(a1).row);
  const explanations: Explanation[] = [];
  for (let row = firstDataRow; row <= lastRow; row++) {
    const read = (column: ExplanationColumn) => {
      const value = sheet.cells.get(toA1(row, columns.indexOf(column)))?.value;
      return value === null || value === undefined ? "" : String(value).trim();
    };
    const ruleId = read("ruleId");
    const text = read("text");
    if (!ruleId || !text) continue;
    const sheetText = read("sheetCode");
    const sheetLayout = layout.sheet(sheetText) ?? layout.sheetByName(sheetText);
    const located = sheetLayout && read("cell") ? sheetLayout.locate(read("cell")) : undefined;
    explanations.push({
      ruleId,
      sheetCode: sheetLayout?.sheet.code ?? sheetText,
      // Only a grid cell names its row key (a county); list keys are the row's key fields.
      rowKey: read("rowKey") || (typeof located?.row === "string" ? located.row : ""),
      fieldCode: read("fieldCode") || (located?.fieldCode ?? ""),
      text,
    });
  }
  return explanations;
}
