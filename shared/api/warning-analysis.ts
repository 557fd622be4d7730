import { z } from "zod";
import type { ExplanationReason } from "../report/explanation-reasons.ts";
import { periodCodeSchema } from "./common.ts";

const count = z.number().int();
const reasonCountsSchema = z
  .object({ actual: count, definition: count, correction: count, other: count, none: count } satisfies Record<ExplanationReason | "none", unknown>)
  .describe("Explained warnings per reason code: actual 实际变化 · definition 口径调整 · correction 更正前期数据 · other 其他 · none 未选");

/** GET /periods/{period}/warning-analysis: shared/quality/warning-analysis.ts over the included revisions. */
export const warningAnalysisSchema = z.object({
  period: periodCodeSchema,
  include: z.enum(["latest", "accepted"]),
  total: z.number().int().describe("Explained warnings of the included revisions"),
  reasons: reasonCountsSchema,
  byRule: z
    .array(z.object({ ruleId: z.string(), title: z.string(), count: z.number().int(), units: z.number().int(), reasons: reasonCountsSchema }))
    .describe("Most frequent first"),
  byUnit: z
    .array(
      z.object({
        unitCode: z.string(),
        unitName: z.string(),
        count: z.number().int(),
        rules: z.array(z.object({ ruleId: z.string(), count: z.number().int() })),
      }),
    )
    .describe("The unit whose row each warning is (a county, or the prefecture's own), most first"),
});

export type WarningAnalysisAnswer = z.output<typeof warningAnalysisSchema>;
