/**
 * A prefecture's report as it travels: the values of every sheet, addressed by
 * (sheet code, row key, field code), plus the explanations given for warnings. It is the submit
 * payload of the API (validated by shared/api/report-data.ts), what the add-in reads from Excel and
 * what the .xlsx reader returns. Values are raw cell contents; the engine checks and types them
 * (normalize-cell.ts).
 */

export type CellValue = number | string | boolean | null;

/** The most explanations a report may carry (the API's limit; the 说明 sheet's extent). */
export const MAX_EXPLANATIONS = 10_000;

export interface ReportRow {
  /** Grid sheets: the county code. Cover: the prefecture code. List sheets: the joined key fields (informative). */
  key: string;
  /** List sheets: the row's place among the data rows (0 = first), so messages name the right cell. */
  position?: number | undefined;
  values: Record<string, CellValue>;
}

export interface Explanation {
  ruleId: string;
  sheetCode: string;
  rowKey: string;
  fieldCode: string;
  text: string;
}

export interface ReportData {
  edition: string;
  prefectureCode: string;
  period: string;
  sheets: Record<string, ReportRow[]>;
  explanations?: Explanation[] | undefined;
}

/** The identity of an issue that an explanation answers. */
export function issueKey(issue: { ruleId: string; sheetCode: string; rowKey: string; fieldCode: string }): string {
  return `${issue.ruleId}\u0000${issue.sheetCode}\u0000${issue.rowKey}\u0000${issue.fieldCode}`;
}
