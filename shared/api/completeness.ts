import { z } from "zod";
import { dateSchema, timestampSchema } from "./common.ts";
import { reminderCountSchema } from "./reminders.ts";
import { submissionStatusSchema } from "./submissions.ts";

import { completenessStatuses, stampedCopyStatuses } from "./completeness-statuses.ts";

export { completenessStatuses, stampedCopyStatuses };

export const unitCompletenessSchema = z.object({
  unitCode: z.string(),
  name: z.string(),
  status: z.enum(completenessStatuses).describe("逾期 = nothing submitted by the deadline; a returned report stays 退回 (see overdue)"),
  overdue: z.boolean().describe("Still owes a submission after the deadline: nothing submitted, or the latest revision returned"),
  late: z
    .boolean()
    .describe("迟报: the latest revision (not returned) was submitted after the deadline of the unit's level — a second fact beside 已报 / 通过"),
  revision: z.number().int().min(0).describe("Revisions stored (the latest revision's number); 0 when none"),
  submittedAt: timestampSchema.nullable(),
  latestStatus: submissionStatusSchema.nullable(),
  stampedCopy: z.enum(stampedCopyStatuses).nullable().describe("Whether the latest revision's signed and stamped copy is attached; null without a revision"),
  stampedCopySha256: z.string().nullable().describe("SHA-256 of the latest revision's current stamped copy"),
  reminders: reminderCountSchema.describe("催报 sent to the unit in the period"),
  waitingOn: z
    .array(z.string())
    .describe("Who holds it up: the units reporting to this one (a prefecture's counties) that still owe their report after their deadline"),
});

export const completenessSchema = z.object({
  period: z.string(),
  deadline: dateSchema.nullable().describe("The period's; for a clerk, their unit's level's (a county clerk: the county deadline)"),
  units: z.array(unitCompletenessSchema).describe("The prefectures (all 16) for the province and admins; a clerk's own unit only (a prefecture or a county)"),
});
