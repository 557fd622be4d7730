import { EXPLANATION_REASONS } from "../report/explanation-reasons.ts";
import type { ExplanationColumn, WorkbookLayout } from "../layout/workbook-layout.ts";
import type { Explanation } from "../report/report-data.ts";
import { parseA1, toA1 } from "../xlsx/cell-address.ts";
import type { XlsxReadSheet, XlsxSheet } from "../xlsx/model.ts";
import { explanationsFromRows } from "./explanation-rows.ts";
import { setCell, tablePrint } from "./form-sheet-frame.ts";
import { planPrintPages } from "./print-pages.ts";
import { WORKBOOK_FONT, headerStyle, unlockedTextStyle } from "./workbook-styles.ts";

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
  reason: "原因",
};
const WIDTHS: Record<ExplanationColumn, number> = { ruleId: 8, sheetCode: 10, cell: 8, rowKey: 12, fieldCode: 16, message: 60, text: 40, reason: 14 };

/** How many rows the 说明 sheet offers unlocked for typing, beyond those written. */
const SPARE_ROWS = 100;

/** The 说明 sheet: a heading row, then one row per explained warning. Not protected: clerks type here. */
export function renderExplanationsSheet(layout: WorkbookLayout, rows: ExplanationRow[]): XlsxSheet {
  const { name, headerRow, firstDataRow, columns } = layout.explanations;
  const sheet: XlsxSheet = {
    name,
    cells: new Map(),
    columnWidths: {},
    freeze: { row: firstDataRow, col: 0 },
    print: tablePrint(`${layout.unitName} ${layout.period} ${name}`, headerRow),
  };
  columns.forEach((column, col) => {
    setCell(sheet, headerRow, col, { value: HEADINGS[column], style: headerStyle });
    (sheet.columnWidths as Record<number, number>)[col] = WIDTHS[column];
    for (let index = 0; index < rows.length + SPARE_ROWS; index++) {
      setCell(sheet, firstDataRow + index, col, { value: rows[index]?.[column] || null, style: unlockedTextStyle });
    }
  });
  // The reason column: a drop-down of the four reasons, in Chinese as the sheet shows them.
  const reasonColumn = columns.indexOf("reason");
  if (reasonColumn >= 0) {
    const range = `${toA1(firstDataRow, reasonColumn)}:${toA1(firstDataRow + rows.length + SPARE_ROWS - 1, reasonColumn)}`;
    const labels = EXPLANATION_REASONS.map((reason) => reason.zh).join(",");
    sheet.dataValidations = [
      { range, type: "list", formula1: `"${labels}"`, errorTitle: "原因 / Reason", error: `请从列表中选择 / choose from the list: ${labels}` },
    ];
  }
  planPrintPages(sheet, WORKBOOK_FONT.size, { first: firstDataRow, last: firstDataRow + rows.length - 1 });
  return sheet;
}

/** The explanations typed on a 说明 sheet read from a workbook file (see explanationsFromRows). */
export function readExplanationsSheet(layout: WorkbookLayout, sheet: XlsxReadSheet): Explanation[] {
  const { firstDataRow, columns } = layout.explanations;
  let lastRow = firstDataRow - 1;
  for (const a1 of sheet.cells.keys()) lastRow = Math.max(lastRow, parseA1(a1).row);
  const rows = Array.from({ length: lastRow - firstDataRow + 1 }, (_, index) =>
    columns.map((_column, col) => sheet.cells.get(toA1(firstDataRow + index, col))?.value ?? null),
  );
  return explanationsFromRows(layout, rows);
}
