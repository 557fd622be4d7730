import { z } from "zod";
import { periodCodeSchema } from "./common.ts";
import { submissionStatusSchema } from "./submissions.ts";

export const consolidatedParamsSchema = z.object({ period: periodCodeSchema });

export const consolidatedQuerySchema = z.strictObject({
  include: z
    .enum(["latest", "accepted"])
    .default("latest")
    .describe("latest: each prefecture's newest revision that is not returned (default) · accepted: its newest accepted one"),
});

const provenanceSchema = z.object({
  prefectureCode: z.string(),
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
    .array(z.object({ prefectureCode: z.string(), revision: z.number().int(), status: submissionStatusSchema }))
    .describe("Included revisions the province has not accepted yet"),
});
