import type { ExplanationColumn, WorkbookLayout } from "../layout/workbook-layout.ts";
import { explanationReasonOf } from "../report/explanation-reasons.ts";
import type { CellValue, Explanation } from "../report/report-data.ts";

/**
 * The explanations typed on a 说明 sheet, from its data rows (each in the layout's explanation
 * columns): rows with a rule id and a text. A row that names the cell but not the row key or field
 * code gets them from the layout; a sheet named by its full name is taken for its code.
 *
 * Free of .xlsx code: the .xlsx reader (explanations-sheet.ts) and the add-in's cell blocks both use it.
 */
export function explanationsFromRows(layout: WorkbookLayout, rows: readonly (readonly CellValue[])[]): Explanation[] {
  const { columns } = layout.explanations;
  const explanations: Explanation[] = [];
  for (const row of rows) {
    const read = (column: ExplanationColumn) => {
      const value = row[columns.indexOf(column)];
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
      ...(explanationReasonOf(read("reason")) ? { reason: explanationReasonOf(read("reason")) } : {}),
    });
  }
  return explanations;
}
