import { periodParamsSchema, unitPathParamsSchema } from "../../shared/api/common.ts";
import { reminderBodySchema, reminderSchema, remindOutcomeSchema, remindersSchema, remindUnitsBodySchema } from "../../shared/api/reminders.ts";
import { roles } from "../auth/caller.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { listReminders, remindUnit, remindUnits } from "../services/reminders.ts";
import { requireUnitInPath } from "../services/require-unit.ts";

// 催报: reminders to units that owe their report, from whoever they report to.

export const remindersResource: Resource = {
  basePath: "/periods",
  tag: "reminders",
  routes: [
    defineRoute({
      method: "post",
      path: "/{period}/units/{unit}/reminders",
      summary: "催报 / Remind a unit that still owes its report",
      description:
        "Whoever the unit reports to: the province reminds a prefecture, a prefecture's clerk its counties. Recorded in the audit log; shown to the unit's clerk until the unit submits.",
      access: roles,
      params: unitPathParamsSchema,
      body: reminderBodySchema,
      responses: {
        201: { description: "The reminder as sent", schema: reminderSchema },
        404: { description: "No such period" },
        409: { description: "The unit's latest revision is submitted or accepted: nothing is owed" },
      },
      handle: async (c, { params, body }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "review");
        return c.json(await remindUnit(c.env.DB, c.get("caller"), params.period, unit, body.note), 201);
      },
    }),

    defineRoute({
      method: "post",
      path: "/{period}/reminders",
      summary: "催报多个单位 / Remind several units at once (e.g. every late one)",
      description: "Each unit named must be one the caller reviews (403 otherwise, nothing sent); those that owe nothing are skipped and listed.",
      access: roles,
      params: periodParamsSchema,
      body: remindUnitsBodySchema,
      responses: {
        200: { description: "The reminders sent, and the units skipped", schema: remindOutcomeSchema },
        404: { description: "No such period" },
      },
      handle: async (c, { params, body }) => c.json(await remindUnits(c.env.DB, c.get("caller"), params.period, body.unitCodes, body.note)),
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/reminders",
      summary: "单位收到的催报 / The reminders a unit received",
      description: "The unit's clerk (a banner while pending), and those above it.",
      access: roles,
      params: unitPathParamsSchema,
      responses: { 200: { description: "Oldest first, each saying whether it is still pending", schema: remindersSchema } },
      handle: async (c, { params }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json({ reminders: await listReminders(c.env.DB, params.period, unit.code) });
      },
    }),
  ],
};
