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

const mergeStalenessSchema = z.object({
  revision: z.number().int().describe("The unit's latest revision, whose sources say which child revision each child's rows came from"),
  children: z
    .array(
      z.object({
        unitCode: z.string(),
        was: z.number().int().nullable().describe("The child revision that revision carries (null: typed by the unit's clerk)"),
        now: z.number().int().nullable().describe("The child revision included now (null: none, its rows are the unit's clerk's to type)"),
        change: z
          .enum(["resubmitted", "returned", "submitted"])
          .describe("A newer revision; its revision returned; a first revision where the rows were typed"),
      }),
    )
    .describe("Children that moved on since: empty when the unit's report is current"),
  totals: z
    .array(z.object({ sheetCode: z.string(), fieldCode: z.string(), before: z.number().nullable(), after: z.number().nullable() }))
    .describe("The 合计 figures a rebuild changes: in the unit's latest revision, and in the merge now"),
  keptUnits: z.array(z.string()).describe("Children whose rows the unit's clerk typed in that revision and a rebuild keeps"),
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
  staleness: mergeStalenessSchema
    .nullable()
    .describe("Whether the unit's latest revision still carries what its children contribute now (null: the unit has no revision yet)"),
});
