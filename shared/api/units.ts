import { z } from "zod";
import { dateSchema } from "./common.ts";
import { unitCompletenessSchema } from "./completeness.ts";
import { reportDataSchema } from "./report-data.ts";
import { submissionStatusSchema } from "./submissions.ts";

// A unit's view of the units reporting to it: a prefecture's counties (and below, when a level is added).

export const childrenCompletenessSchema = z.object({
  period: z.string(),
  unitCode: z.string().describe("The unit whose children these are (a prefecture)"),
  level: z.string().describe("The children's level (county)"),
  deadline: dateSchema.nullable().describe("The children's deadline: their level's (earlier than the unit's own), else the period's"),
  units: z.array(unitCompletenessSchema).describe("Each child unit, in the divisions' order (unitCode holds the child's code)"),
});

const childRevisionSchema = z.object({
  unitCode: z.string(),
  submissionId: z.string(),
  revision: z.number().int(),
  status: submissionStatusSchema,
  submittedAt: z.string(),
});

export const mergedReportSchema = z.object({
  unitCode: z.string(),
  period: z.string(),
  report: reportDataSchema.describe("The unit's report built from its children's included revisions (合计 left to the workbook's formulas and the engine)"),
  provenance: z.array(childRevisionSchema).describe("The revision each child contributed: its newest unless returned, then its newest accepted one"),
  missingUnits: z
    .array(z.string())
    .describe("Children with no revision to include (none yet, or the latest returned and none accepted): their rows are typed by the unit's clerk"),
  returnedUnits: z
    .array(z.string())
    .describe("Of missingUnits, those whose latest revision was returned (the others never submitted): the unit's clerk tells them apart"),
  notAccepted: z.array(z.string()).describe("Children whose included revision the unit has not accepted yet"),
});
