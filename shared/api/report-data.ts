import { z } from "zod";
import type { ReportData } from "../report/report-data.ts";

/** The submit payload's schema: the shape of ReportData (shared/report/report-data.ts), with the limits the API enforces. */

export const cellValueSchema = z.union([z.number().finite(), z.string().max(2000), z.boolean(), z.null()]);

export const reportRowSchema = z.strictObject({
  key: z.string().max(400),
  position: z.number().int().min(0).max(100_000).optional(),
  values: z.record(z.string().max(64), cellValueSchema),
});

export const explanationSchema = z.strictObject({
  ruleId: z.string().max(16),
  sheetCode: z.string().max(16),
  rowKey: z.string().max(400),
  fieldCode: z.string().max(64),
  text: z.string().max(2000),
});

export const reportDataSchema = z.strictObject({
  edition: z.string().regex(/^\d{3}\/\d{4}$/),
  prefectureCode: z.string().regex(/^\d{6}$/),
  period: z.string().regex(/^\d{4}$/),
  sheets: z.record(z.string().max(16), z.array(reportRowSchema).max(10_000)),
  explanations: z.array(explanationSchema).max(10_000).default([]),
}) satisfies z.ZodType<unknown, ReportData>;
