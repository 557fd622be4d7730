import { z } from "zod";
import { newPeriodEdition } from "../forms/form-set.ts";
import {
  dateSchema,
  humanTextSchema,
  periodCodeSchema,
  unitCodeSchema,
  timestampSchema,
  deprecatedPrefectureCodeSchema,
  notBothUnitNames,
  unitCodeOfAlias,
} from "./common.ts";

export const openPeriodBodySchema = z.strictObject({
  code: periodCodeSchema,
  editionId: z.string().min(1).max(100).default(newPeriodEdition).describe("Form set edition, e.g. 323/2019"),
  deadline: dateSchema.nullable().optional().describe("Last day for submissions"),
});

export const updatePeriodBodySchema = z
  .strictObject({
    deadline: dateSchema.nullable().optional().describe("Last day for submissions; null removes it"),
    requireStampedCopy: z.boolean().optional().describe("须附盖章件才能通过 / The province accepts a revision only once its stamped copy is attached"),
    requireRoster: z.boolean().optional().describe("须报名册 / Each county's 教扶01 stage counts must equal its latest roster's (X10.1)"),
    levelDeadlines: z
      .record(z.string().regex(/^[a-z]{1,32}$/), dateSchema.nullable())
      .optional()
      .describe("下级截止日期 / Deadlines of the levels below the prefectures, by level code, e.g. { county: '2020-01-15' }; null removes one"),
  })
  .refine(
    (body) => body.deadline !== undefined || body.requireStampedCopy !== undefined || body.requireRoster !== undefined || body.levelDeadlines !== undefined,
    "须给出 deadline、requireStampedCopy、requireRoster 或 levelDeadlines / give deadline, requireStampedCopy, requireRoster or levelDeadlines",
  );

export const unlockPeriodBodySchema = z
  .strictObject({
    unitCode: unitCodeSchema.optional().describe("The unit that may submit again (required)"),
    prefectureCode: deprecatedPrefectureCodeSchema,
    reason: humanTextSchema(10_000).describe("Why the unit may submit again (recorded)"),
  })
  .refine(...notBothUnitNames)
  .transform(unitCodeOfAlias)
  .refine((body) => body.unitCode !== undefined, { path: ["unitCode"], message: "须给出 unitCode / give unitCode" })
  .transform((body) => ({ ...body, unitCode: body.unitCode as string }));

export const periodUnlockSchema = z.object({
  unitCode: z.string(),
  reason: z.string(),
  unlockedBy: z.string().nullable(),
  unlockedAt: timestampSchema,
});

export const periodSchema = z.object({
  code: z.string(),
  editionId: z.string(),
  status: z.enum(["open", "locked"]),
  deadline: dateSchema.nullable(),
  openedAt: timestampSchema,
  lockedAt: timestampSchema.nullable(),
  requireStampedCopy: z.boolean().describe("Acceptance needs the revision's stamped copy (盖章件)"),
  requireRoster: z.boolean().describe("X10.1: each county's 教扶01 stage counts must equal its latest roster's"),
  openUnlocks: z.array(periodUnlockSchema).describe("Prefectures that may submit while the period is locked"),
  levelDeadlines: z.record(z.string(), dateSchema).describe("Deadlines of the levels below the prefectures, by level code (county: to their prefecture)"),
});

export const periodForUnitSchema = z.object({
  periodCode: z.string(),
  unitCode: z.string(),
  status: z.enum(["open", "locked"]),
  deadline: dateSchema.nullable().describe("The unit's deadline: its level's (a county's: levelDeadlines.county), else the period's"),
  acceptsSubmissions: z.boolean().describe("Open, or locked but unlocked for this prefecture"),
  unlock: periodUnlockSchema.nullable(),
});
