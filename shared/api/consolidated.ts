import { z } from "zod";
import { submissionStatusSchema } from "./submissions.ts";

/** A pull waits at most this long for the queue to fold the changes made before it. */
export const maxConsolidationWaitSeconds = 10;

export const consolidatedQuerySchema = z.strictObject({
  include: z
    .enum(["latest", "accepted"])
    .default("latest")
    .describe("latest: each prefecture's newest revision unless returned, then its newest accepted one (default) · accepted: its newest accepted one"),
  wait: z
    .string()
    .regex(/^(?:[0-9]|10)$/, `whole seconds, 0 to ${maxConsolidationWaitSeconds}`)
    .transform(Number)
    .default(maxConsolidationWaitSeconds)
    .describe(
      `Seconds to wait, at most, for the changes recorded before the request (submits, reviews) to be folded into the totals; 0 answers at once with what is folded. A whole number 0–${maxConsolidationWaitSeconds}, digits only. Default ${maxConsolidationWaitSeconds}.`,
    ),
});

const provenanceSchema = z.object({
  unitCode: z.string(),
  submissionId: z.string(),
  revision: z.number().int(),
  status: z.string(),
  submittedAt: z.string(),
  sources: z
    .array(z.object({ unitCode: z.string(), revision: z.number().int().nullable() }))
    .nullable()
    .optional()
    .describe("Drill-down: the county revision behind each county's rows of this prefecture's revision, or null where the prefecture typed them"),
});

const consolidatedRowSchema = z.object({
  key: z.string(),
  level: z.enum(["province", "prefecture", "county"]),
  parentKey: z.string().optional(),
  values: z.record(z.string(), z.number().nullable()),
});

export const consolidatedSchema = z.object({
  edition: z.string(),
  period: z.string(),
  include: z.enum(["latest", "accepted"]),
  sheets: z.record(z.string(), z.array(consolidatedRowSchema)).describe("By sheet: the province row, then each prefecture followed by its counties"),
  provenance: z.array(provenanceSchema).describe("The revision each prefecture contributed"),
  missingPrefectures: z.array(z.string()),
  notAccepted: z
    .array(z.object({ unitCode: z.string(), revision: z.number().int(), status: submissionStatusSchema }))
    .describe("Included revisions the province has not accepted yet"),
  freshness: z
    .object({
      foldedThrough: z
        .object({ change: z.number().int(), changedAt: z.string() })
        .nullable()
        .describe("The newest change (submit or review) such that it and every change before it are in these totals; null before the first"),
      newestChange: z.number().int().nullable().describe("The newest change recorded for the period"),
      pendingChanges: z.number().int().describe("Changes recorded and not yet in these totals (0: the totals are current)"),
    })
    .describe("How fresh the totals are: they are kept as reports arrive, by a queue"),
});
