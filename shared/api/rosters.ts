import { z } from "zod";
import { ROSTER, ROSTER_MAX_ROWS, ROSTER_STAGES } from "../roster/roster-definition.ts";
import { periodCodeSchema, timestampSchema, unitCodeSchema, unitPathParamsSchema } from "./common.ts";

// The roster of registered poor students (教扶10) over HTTP. A submitted row has no name: the API has
// no field for one and refuses a `name` or `姓名` naming it. The raw ID goes up once; every answer
// shows the masked ID (370102********123X).

const NO_NAME = "姓名只留在工作簿中,不得发送到服务器 / a name stays in the workbook and must never be sent to the server";
const noName = z.never({ error: NO_NAME }).optional().describe(NO_NAME);

export const rosterRowSchema = z.strictObject({
  id: z.string().max(40).describe("身份证件号码 / The citizen ID number (GB 11643), used once on arrival: keyed hash and masked form kept, the number dropped"),
  // At most 10 characters: an ID typed in the wrong column is refused here, never quoted back by the engine's county message.
  county: z.string().max(10).describe("户籍所在县(市、区)代码 / County of household registration: a six-digit code"),
  stage: z
    .string()
    .max(20)
    .describe(`学段 / Stage: ${ROSTER_STAGES.map((stage) => stage.labelZh).join(" / ")}`),
  school: z.string().max(200).describe("就读学校 / School attended (checked, not stored)"),
  aided: z.string().max(4).describe("本期已受助 / Aided this period: 是 / 否"),
  name: noName,
  姓名: noName,
});

export const rosterExplanationSchema = z.strictObject({
  ruleId: z.string().max(16).describe("R10.4, R10.5, X10.2 or X10.3"),
  id: z.string().max(40).describe("The student's citizen ID number, as in rows"),
  text: z.string().max(1000).describe(`说明 / Why (≥ ${ROSTER.explanationMinLength} characters); checked, not stored: only that the warning was explained`),
});

export const rosterSubmitBodySchema = z.strictObject({
  rows: z.array(rosterRowSchema).max(ROSTER_MAX_ROWS),
  explanations: z
    .array(rosterExplanationSchema)
    .max(ROSTER_MAX_ROWS * 3)
    .default([]),
});

export const rosterRevisionParamsSchema = unitPathParamsSchema.extend({
  revision: z.coerce.number().int().min(1).max(1_000_000).describe("名册修订号 / Roster revision number"),
});

/** A student of another unit's latest roster of the period with the same keyed hash: named by the other unit only. */
export const rosterDuplicateSchema = z.object({
  maskedId: z.string(),
  otherUnitCode: unitCodeSchema,
  otherUnitName: z.string(),
  explained: z.boolean().describe("The clerk explained it (X10.2)"),
});

export const rosterRevisionSummarySchema = z.object({
  revision: z.number().int(),
  submittedAt: timestampSchema,
  submittedBy: z.string().describe("Token id"),
  submittedByName: z.string(),
  students: z.number().int(),
  sha256: z.string().describe("SHA-256 of the stored rows (keyed hashes, never IDs)"),
});

/** A student of this roster in no entry of the period's poverty list (X10.3, 名册有、库无): by masked ID and row. */
export const rosterUnlistedSchema = z.object({
  maskedId: z.string(),
  position: z.number().int().describe("The row among the roster's data rows as submitted (0 = the first)"),
  explained: z.boolean().describe("The clerk explained it (X10.3)"),
});

const listUploadedSchema = z.boolean().describe("The period has a poverty list: notOnList is the comparison with it");
const notOnListSchema = z.array(rosterUnlistedSchema).describe("X10.3 名册有、库无: this roster's students in no entry of the period's poverty list, by row");

export const rosterReceiptSchema = rosterRevisionSummarySchema.extend({
  duplicates: z.array(rosterDuplicateSchema).describe("X10.2: this roster's students in another unit's latest roster"),
  listUploaded: listUploadedSchema,
  notOnList: notOnListSchema,
});

/** `latest` or a revision number: the findings of a revision without its rows. */
export const rosterFindingsParamsSchema = unitPathParamsSchema.extend({
  revision: z
    .union([z.literal("latest"), z.coerce.number().int().min(1).max(1_000_000)])
    .describe("名册修订号,或 latest(最新修订)/ Roster revision number, or `latest` for the unit's latest revision"),
});

/** A revision's X10.3 findings alone: what the pane marks on its rows, without the rows on the list. */
export const rosterFindingsSchema = z.object({
  revision: z.number().int().describe("The roster revision the findings are of (the latest when asked for `latest`)"),
  students: z.number().int().describe("Students in the revision"),
  listUploaded: listUploadedSchema,
  notOnList: notOnListSchema,
});

export const rosterCountSchema = z.object({
  countyCode: unitCodeSchema,
  stage: z.string(),
  countField: z.string().describe("The 教扶01 field the stage is counted in"),
  students: z.number().int(),
  aided: z.number().int(),
});

export const rosterStudentSchema = z.object({
  position: z.number().int(),
  maskedId: z.string(),
  countyCode: z.string(),
  stage: z.string(),
  aided: z.boolean(),
  explained: z.array(z.string()).describe("Rules whose warning the clerk explained"),
});

export const rosterDetailSchema = rosterReceiptSchema.extend({
  unitCode: unitCodeSchema,
  period: periodCodeSchema,
  counts: z.array(rosterCountSchema),
  rows: z.array(rosterStudentSchema),
});

export const rosterDuplicatePairSchema = z.object({
  unitCodes: z.tuple([unitCodeSchema, unitCodeSchema]),
  unitNames: z.tuple([z.string(), z.string()]),
  students: z.number().int(),
});

export const rosterDuplicatesSchema = z.object({
  period: periodCodeSchema,
  pairs: z.array(rosterDuplicatePairSchema).describe("Pairs of units whose latest rosters share students, with how many"),
});

export const rosterCoverageSchema = z.object({
  period: periodCodeSchema,
  units: z.number().int().describe("Units with a roster in the period"),
  counties: z.number().int().describe("Counties whose students are on a latest roster"),
  countiesTotal: z.number().int().describe("Counties of the reporting tree (137)"),
  students: z.number().int().describe("Students on the units' latest rosters"),
  aided: z.number().int().describe("Of them, aided this period (本期已受助 = 是)"),
  aidedShare: z.number().nullable().describe("aided / students, to four decimals; null without students"),
});

export type RosterRowBody = z.input<typeof rosterRowSchema>;
export type RosterExplanationBody = z.input<typeof rosterExplanationSchema>;
export type RosterReceipt = z.output<typeof rosterReceiptSchema>;
export type RosterRevisionSummary = z.output<typeof rosterRevisionSummarySchema>;
export type RosterDetail = z.output<typeof rosterDetailSchema>;
export type RosterFindings = z.output<typeof rosterFindingsSchema>;
export type RosterDuplicates = z.output<typeof rosterDuplicatesSchema>;
export type RosterCoverage = z.output<typeof rosterCoverageSchema>;

export { rosterBodyOf } from "./roster-body.ts";
