import { z } from "zod";
import { humanTextSchema, timestampSchema, unitCodeSchema } from "./common.ts";

// 催报: a unit's parent reminds a unit that still owes its report (POST), the unit's clerk sees it until
// the unit submits (GET), and completeness counts them (shared/api/completeness.ts).

export const reminderBodySchema = z.strictObject({
  note: humanTextSchema(500).optional().describe("附言 / A note for the unit's clerk, e.g. 请于 1 月 20 日前报送"),
});

export const remindUnitsBodySchema = z.strictObject({
  unitCodes: z.array(unitCodeSchema).min(1).max(200).describe("The units to remind, e.g. every late one of the caller's"),
  note: humanTextSchema(500).optional().describe("附言 / A note for their clerks"),
});

export const reminderSchema = z.object({
  id: z.number().int(),
  periodCode: z.string(),
  unitCode: z.string(),
  sentAt: timestampSchema,
  sentByName: z.string().describe("Who sent it: the reviewer's token name"),
  note: z.string().nullable(),
  pending: z.boolean().describe("Sent after the unit's latest revision (or before any): shown to its clerk until the unit submits"),
});

export const remindersSchema = z.object({ reminders: z.array(reminderSchema).describe("Oldest first") });

export const remindOutcomeSchema = z.object({
  reminded: z.array(reminderSchema).describe("One per unit reminded"),
  alreadySubmitted: z.array(z.string()).describe("Units skipped: their latest revision is submitted or accepted, nothing is owed"),
});

/** What completeness says of a unit's reminders. */
export const reminderCountSchema = z.object({
  count: z.number().int().min(0).describe("催报 N 次: reminders sent to the unit in the period"),
  lastAt: timestampSchema.nullable(),
});
