/**
 * A unit's report as it travels: the values of every sheet, addressed by
 * (sheet code, row key, field code), plus the explanations given for warnings. It is the submit
 * payload of the API (validated by shared/api/report-data.ts), what the add-in reads from Excel and
 * what the .xlsx reader returns. Values are raw cell contents; the engine checks and types them
 * (normalize-cell.ts).
 */

import type { ExplanationReason } from "./explanation-reasons.ts";

export type CellValue = number | string | boolean | null;

/** The most explanations a report may carry (the API's limit; the 说明 sheet's extent). */
export const MAX_EXPLANATIONS = 10_000;

export interface ReportRow {
  /** Grid sheets: the row's unit code (a county). Cover: the unit's code. List sheets: the joined key fields (informative). */
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
  /** Why (shared/report/explanation-reasons.ts); optional. */
  reason?: ExplanationReason | undefined;
}

export interface ReportData {
  edition: string;
  unitCode: string;
  period: string;
  sheets: Record<string, ReportRow[]>;
  explanations?: Explanation[] | undefined;
}

/** The identity of an issue that an explanation answers. */
export function issueKey(issue: { ruleId: string; sheetCode: string; rowKey: string; fieldCode: string }): string {
  return `${issue.ruleId}\u0000${issue.sheetCode}\u0000${issue.rowKey}\u0000${issue.fieldCode}`;
}

/**
 * A report as written before the unit was called `unitCode` (issue 24): it said `prefectureCode`.
 * Older panes' payloads and revisions stored before migration 0012 read through this, the one
 * place that knows the old name; anything else is returned as it is.
 */
export function withUnitCode(raw: unknown): unknown {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw) || !Object.hasOwn(raw, "prefectureCode") || Object.hasOwn(raw, "unitCode")) return raw;
  const { prefectureCode, ...rest } = raw as Record<string, unknown>;
  return { ...rest, unitCode: prefectureCode };
}

/** The same report under the old name, to recognise a revision stored before migration 0012 by its SHA-256. */
export function withLegacyUnitKey(report: ReportData): Record<string, unknown> {
  const { unitCode, ...rest } = report;
  return { ...rest, prefectureCode: unitCode };
}
