import { z } from "zod";
import { reportDataSchema, submittedReportSchema } from "./report-data.ts";
import { humanTextSchema, timestampSchema, unitPathParamsSchema } from "./common.ts";
import { parseA1 } from "../xlsx/cell-address.ts";
import { validationIssueSchema } from "./validation-issue.ts";

export const revisionNumberSchema = z.number().int().min(1).max(1_000_000);

/** A revision in a path or query: digits, parsed to a number. */
const revisionTextSchema = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, "a revision number, 1 or more")
  .transform(Number)
  .describe("修订号 / Revision number");

export const revisionParamsSchema = unitPathParamsSchema.extend({ revision: revisionTextSchema });

export const diffQuerySchema = z.strictObject({ against: revisionTextSchema.describe("The revision to compare with (before)") });

export const idempotencyHeadersSchema = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7e]{8,255}$/, "8–255 printable ASCII characters, e.g. a UUID")
    .describe("幂等键 / Idempotency key: a retry with the same key and body returns the first receipt"),
});

export const submitBodySchema = z.strictObject({
  report: submittedReportSchema,
  basedOnRevision: revisionNumberSchema.nullable().describe("The latest revision the clerk started from; null for the first submission"),
  resubmissionReason: humanTextSchema(2000).optional().describe("重报原因 / Required after a returned or accepted revision"),
});

export const submissionStatusSchema = z.enum(["submitted", "returned", "accepted"]).describe("submitted 已报 · returned 退回 · accepted 通过");

export const receiptSchema = z.object({
  submissionId: z.string(),
  revision: revisionNumberSchema,
  submittedAt: timestampSchema,
  sha256: z.string().describe("SHA-256 of the canonical JSON of the report"),
  status: submissionStatusSchema,
});

export const submissionSummarySchema = receiptSchema.extend({
  submittedBy: z.string().describe("Token id"),
  submittedByName: z.string(),
  basedOnRevision: revisionNumberSchema.nullable(),
  resubmissionReason: z.string().nullable(),
});

function isWithinGrid(a1: string): boolean {
  try {
    parseA1(a1);
    return true;
  } catch {
    return false;
  }
}

export const cellReferenceSchema = z.strictObject({
  sheetCode: z.string().max(16),
  cell: z
    .string()
    .regex(/^[A-Z]{1,3}[1-9]\d{0,6}$/, "an A1 cell address, e.g. E7")
    .refine(isWithinGrid, "a cell within A1:XFD1048576"),
});

export const reviewActionSchema = z.object({
  action: z.enum(["accept", "return"]),
  comment: z.string().nullable(),
  cells: z.array(cellReferenceSchema),
  actedBy: z.string(),
  actedByName: z.string(),
  actedAt: timestampSchema,
});

export const submissionDetailSchema = submissionSummarySchema.extend({
  report: reportDataSchema,
  warnings: z.array(validationIssueSchema).describe("The warnings at submission, each with its 说明"),
  reviews: z.array(reviewActionSchema),
  sources: z
    .array(z.object({ unitCode: z.string(), revision: z.number().int().nullable() }))
    .nullable()
    .describe("A prefecture's revision: the county revision each county's rows came from, or null where the prefecture's clerk typed or changed them"),
});

export const cellChangeSchema = z.object({
  sheetCode: z.string(),
  rowKey: z.string(),
  fieldCode: z.string(),
  cell: z.string().describe("A1 address from the layout"),
  before: z.union([z.number(), z.string(), z.null()]),
  after: z.union([z.number(), z.string(), z.null()]),
});

export const diffSchema = z.object({
  revision: revisionNumberSchema,
  against: revisionNumberSchema,
  changes: z.array(cellChangeSchema),
  resubmissionReason: z.string().nullable().describe("The reason the clerk gave for this revision, if any: after a return it may change no figure"),
});

export const reviewBodySchema = z
  .strictObject({
    action: z.enum(["accept", "return"]).describe("accept 通过 · return 退回"),
    comment: humanTextSchema(2000).optional().describe("审核意见 / Required when returning"),
    cells: z.array(cellReferenceSchema).max(500).optional().describe("Cells the comment points at"),
  })
  .refine((body) => body.action !== "return" || body.comment !== undefined, {
    path: ["comment"],
    message: "退回须填写意见 / a return needs a comment",
  });

export const reviewResultSchema = submissionSummarySchema.extend({ review: reviewActionSchema });
