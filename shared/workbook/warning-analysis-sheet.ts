import type { WarningAnalysis } from "../quality/warning-analysis.ts";
import { EXPLANATION_REASONS } from "../report/explanation-reasons.ts";
import type { XlsxSheet } from "../xlsx/model.ts";
import { setCell, tablePrint } from "./form-sheet-frame.ts";
import { planPrintPages } from "./print-pages.ts";
import { WORKBOOK_FONT, headerStyle, wrappedTextStyle } from "./workbook-styles.ts";

export const WARNING_ANALYSIS_SHEET_NAME = "预警分析";

const RULE_HEADINGS = ["规则", "规则名称", "次数", "涉及单位", ...EXPLANATION_REASONS.map((reason) => reason.zh), "未选原因"];
const WIDTHS = [8, 40, 8, 10, 10, 10, 12, 8, 10];

/**
 * 预警分析: the explained warnings of the included revisions by rule (how often, in how many units,
 * why: the reason codes), then by unit (how many, which rules most). From shared/quality/warning-analysis.ts.
 */
export function renderWarningAnalysisSheet(analysis: WarningAnalysis): XlsxSheet {
  const sheet: XlsxSheet = {
    name: WARNING_ANALYSIS_SHEET_NAME,
    cells: new Map(),
    columnWidths: Object.fromEntries(WIDTHS.map((width, index) => [index, width])),
    freeze: { row: 1, col: 0 },
    print: tablePrint(WARNING_ANALYSIS_SHEET_NAME),
  };
  const row = (index: number, cells: (string | number)[], style = wrappedTextStyle) =>
    cells.forEach((value, col) => setCell(sheet, index, col, { value, style }));
  row(0, RULE_HEADINGS, headerStyle);
  const reasonCells = (counts: WarningAnalysis["reasons"]) => [...EXPLANATION_REASONS.map((reason) => counts[reason.code]), counts.none];
  analysis.byRule.forEach((rule, index) => row(index + 1, [rule.ruleId, rule.title, rule.count, rule.units, ...reasonCells(rule.reasons)]));
  const totalRow = analysis.byRule.length + 1;
  row(totalRow, ["合计", "", analysis.total, analysis.byUnit.length, ...reasonCells(analysis.reasons)], { ...wrappedTextStyle, bold: true });
  const unitHeader = totalRow + 2;
  // A unit's most frequent rules, one a column (as many as the rule table has columns beside them).
  const ruleColumns = RULE_HEADINGS.length - 3;
  row(unitHeader, ["代码", "单位", "预警数", "主要规则", ...Array.from({ length: ruleColumns - 1 }, () => "")], headerStyle);
  analysis.byUnit.forEach((unit, index) =>
    row(unitHeader + 1 + index, [unit.unitCode, unit.unitName, unit.count, ...unit.rules.slice(0, ruleColumns).map((rule) => `${rule.ruleId} ×${rule.count}`)]),
  );
  planPrintPages(sheet, WORKBOOK_FONT.size, { first: 1, last: unitHeader + analysis.byUnit.length });
  return sheet;
}
