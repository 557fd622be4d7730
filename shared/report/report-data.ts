import { z } from "zod";

/**
 * A prefecture's report as it travels: the values of every sheet, addressed by
 * (sheet code, row key, field code), plus the explanations given for warnings. It is the submit
 * payload of the API, what the add-in reads from Excel and what the .xlsx reader returns.
 * Values are raw cell contents; the engine checks and types them (normalize-cell.ts).
 */

export const cellValueSchema = z.union([z.number().finite(), z.string().max(2000), z.boolean(), z.null()]);
export type CellValue = z.infer<typeof cellValueSchema>;

export const reportRowSchema = z.strictObject({
  /** Grid sheets: the county code. Cover: the prefecture code. List sheets: the joined key fields (informative). */
  key: z.string().max(400),
  /** List sheets: the row's place among the data rows (0 = first), so messages name the right cell. */
  position: z.number().int().min(0).max(100_000).optional(),
  values: z.record(z.string().max(64), cellValueSchema),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

export const explanationSchema = z.strictObject({
  ruleId: z.string().max(16),
  sheetCode: z.string().max(16),
  rowKey: z.string().max(400),
  fieldCode: z.string().max(64),
  text: z.string().max(2000),
});
export type Explanation = z.infer<typeof explanationSchema>;

export const reportDataSchema = z.strictObject({
  edition: z.string().regex(/^\d{3}\/\d{4}$/),
  prefectureCode: z.string().regex(/^\d{6}$/),
  period: z.string().regex(/^\d{4}$/),
  sheets: z.record(z.string().max(16), z.array(reportRowSchema).max(10_000)),
  explanations: z.array(explanationSchema).max(10_000).default([]),
});
export type ReportData = z.input<typeof reportDataSchema>;

/** The identity of an issue that an explanation answers. */
export function issueKey(issue: { ruleId: string; sheetCode: string; rowKey: string; fieldCode: string }): string {
  return `${issue.ruleId}\u0000${issue.sheetCode}\u0000${issue.rowKey}\u0000${issue.fieldCode}`;
}
