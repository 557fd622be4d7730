import { periodParamsSchema, unitPathParamsSchema } from "../../shared/api/common.ts";
import {
  clearFollowUpBodySchema,
  followUpBodySchema,
  followUpParamsSchema,
  followUpSchema,
  followUpStateQuerySchema,
  followUpsSchema,
} from "../../shared/api/follow-ups.ts";
import { roles } from "../auth/caller.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { clearFollowUp, followUpsOfPeriod, followUpsOfUnit, markFollowUp } from "../services/follow-ups.ts";
import { requireUnitInPath } from "../services/require-unit.ts";

// 跟进: values marked for follow-up by whoever reviews the unit, seen by its clerk, cleared by either.

export const followUpsResource: Resource = {
  basePath: "/periods",
  tag: "follow-ups",
  routes: [
    defineRoute({
      method: "post",
      path: "/{period}/units/{unit}/follow-ups",
      summary: "标记跟进 / Mark a value of the unit's report for follow-up, with a note",
      description:
        "Whoever the unit reports to (the province for a prefecture, a prefecture's clerk for its counties). The cell is named through the period's layout. Audited. A value has at most one open mark: a second is 409, naming it.",
      access: ["province", "clerk"],
      params: unitPathParamsSchema,
      body: followUpBodySchema,
      responses: {
        201: { description: "The mark", schema: followUpSchema },
        404: { description: "No such period" },
        409: { description: "The value is marked already (followUp in the body)" },
      },
      handle: async (c, { params, body }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "review");
        return c.json(await markFollowUp(c.env.DB, c.get("caller"), params.period, unit, body), 201);
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/follow-ups",
      summary: "单位的跟进 / The unit's values marked for follow-up",
      access: roles,
      params: unitPathParamsSchema,
      query: followUpStateQuerySchema,
      responses: { 200: { description: "Its marks, oldest first (open ones unless state=all)", schema: followUpsSchema } },
      handle: async (c, { params, query }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json({ followUps: await followUpsOfUnit(c.env.DB, params.period, unit, query.state === "all") });
      },
    }),

    defineRoute({
      method: "post",
      path: "/{period}/units/{unit}/follow-ups/{id}/clear",
      summary: "解除跟进 / Clear a follow-up, with a note",
      description:
        "The unit's own clerk or whoever the unit reports to. Audited. A mark cleared already changes nothing: 409 saying who cleared it, when and why (followUp in the body).",
      access: ["province", "clerk"],
      params: followUpParamsSchema,
      body: clearFollowUpBodySchema,
      responses: {
        200: { description: "The mark, cleared", schema: followUpSchema },
        404: { description: "No such period or follow-up" },
        409: { description: "Cleared already: nothing changed" },
      },
      handle: async (c, { params, body }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json(await clearFollowUp(c.env.DB, c.get("caller"), params.period, unit, params.id, body.note));
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/follow-ups",
      summary: "全省跟进清单 / Every unit's values marked for follow-up in the period",
      access: ["province", "admin"],
      params: periodParamsSchema,
      query: followUpStateQuerySchema,
      responses: { 200: { description: "Every mark, oldest first (open ones unless state=all)", schema: followUpsSchema } },
      handle: async (c, { params, query }) => c.json({ followUps: await followUpsOfPeriod(c.env.DB, params.period, query.state === "all") }),
    }),
  ],
};
