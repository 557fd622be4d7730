import { z } from "zod";
import { timestampSchema } from "./common.ts";
import { revisionNumberSchema, submissionStatusSchema } from "./submissions.ts";

// A value's history (issue 30, item 4): for one cell of a unit's report, the accepted values of the
// last periods and every revision's value in this period, who submitted each and when, and what was said.

/** How many earlier periods' accepted values a history shows. */
export const HISTORY_PERIODS = 5;

export const valueHistoryQuerySchema = z.strictObject({
  cell: z.string().min(3).max(100).describe("单元格 / The cell, e.g. 教扶04!E7 (the sheet's code or full name, ! and an A1 address)"),
});

/** A warning a revision raised on one value, with the clerk's 说明 (null: none given). */
export const cellWarningSchema = z.object({ ruleId: z.string(), messageZh: z.string(), messageEn: z.string(), explanation: z.string().nullable() });

const cellValueSchema = z.union([z.number(), z.string(), z.null()]).describe("The value as the report shows it (万元 for money); null = blank");

export const valueEntrySchema = z.object({
  period: z.string(),
  revision: revisionNumberSchema,
  status: submissionStatusSchema,
  value: cellValueSchema,
  submittedAt: timestampSchema,
  submittedByName: z.string(),
  resubmissionReason: z.string().nullable().describe("重报原因 given with this revision"),
  explanations: z.array(cellWarningSchema).describe("The warnings on this cell at submission, each with its 说明"),
  reviews: z
    .array(z.object({ action: z.enum(["accept", "return"]), comment: z.string().nullable(), actedByName: z.string(), actedAt: timestampSchema }))
    .describe("Reviews of this revision whose comment points at this cell"),
});

export const valueHistorySchema = z.object({
  period: z.string(),
  unitCode: z.string(),
  sheetCode: z.string(),
  sheetName: z.string(),
  cell: z.string().describe("A1 in this period's layout"),
  address: z.string().describe("e.g. 教扶04!E7"),
  rowKey: z.string(),
  fieldCode: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  earlier: z
    .array(valueEntrySchema)
    .describe(`The accepted revision of each of the last ${HISTORY_PERIODS} periods before this one that has one, newest first`),
  revisions: z.array(valueEntrySchema).describe("Every revision of this period, oldest first"),
});
