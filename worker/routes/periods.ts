import { periodParamsSchema, unitPathParamsSchema } from "../../shared/api/common.ts";
import { z } from "zod";
import { roles } from "../auth/caller.ts";
import { openPeriodBodySchema, periodForUnitSchema, periodSchema, unlockPeriodBodySchema, updatePeriodBodySchema } from "../../shared/api/periods.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { listPeriods, lockPeriod, openPeriod, periodForUnit, unlockPeriod, updatePeriod } from "../services/periods.ts";
import { requireUnitInPath } from "../services/require-unit.ts";

const admin = ["admin"] as const;

export const periodsResource: Resource = {
  basePath: "/periods",
  tag: "periods",
  routes: [
    defineRoute({
      method: "get",
      path: "/",
      summary: "报告期列表 / List reporting periods",
      access: roles,
      responses: { 200: { description: "All periods", schema: z.object({ periods: z.array(periodSchema) }) } },
      handle: async (c) => c.json({ periods: await listPeriods(c.env.DB) }),
    }),

    defineRoute({
      method: "post",
      path: "/",
      summary: "开启报告期 / Open a reporting period",
      access: admin,
      body: openPeriodBodySchema,
      responses: { 201: { description: "The opened period", schema: periodSchema } },
      handle: async (c, { body }) => c.json(await openPeriod(c.env.DB, c.get("caller"), body), 201),
    }),

    defineRoute({
      method: "patch",
      path: "/{period}",
      summary: "修改截止日期或盖章件要求 / Change a period's deadline or whether acceptance needs the stamped copy",
      description: "Only what differs is written and audited: a PATCH that changes nothing answers the period as it is, with no audit row.",
      access: admin,
      params: periodParamsSchema,
      body: updatePeriodBodySchema,
      responses: {
        200: { description: "The period", schema: periodSchema },
        409: { description: "The deadlines changed meanwhile: try again" },
        422: { description: "deadline-order: a level's deadline after the period's, or the period's before a level's (both dates named)" },
      },
      handle: async (c, { params, body }) => c.json(await updatePeriod(c.env.DB, c.get("caller"), params.period, body)),
    }),

    defineRoute({
      method: "post",
      path: "/{period}/lock",
      summary: "锁定报告期 / Lock a period (also closes per-prefecture unlocks)",
      access: admin,
      params: periodParamsSchema,
      responses: {
        200: { description: "The locked period", schema: periodSchema },
        409: { description: "Already locked, with no prefecture unlocked" },
      },
      handle: async (c, { params }) => c.json(await lockPeriod(c.env.DB, c.get("caller"), params.period)),
    }),

    defineRoute({
      method: "post",
      path: "/{period}/unlock",
      summary: "为一个地市解锁 / Unlock a locked period for one prefecture, with a reason",
      access: admin,
      params: periodParamsSchema,
      body: unlockPeriodBodySchema,
      responses: {
        200: { description: "The period with the prefecture unlocked", schema: periodSchema },
        409: { description: "The period is open, or already unlocked for that prefecture" },
      },
      handle: async (c, { params, body }) => c.json(await unlockPeriod(c.env.DB, c.get("caller"), params.period, body)),
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}",
      summary: "某单位能否报送、何时截止 / Whether a unit may submit for the period now, and its deadline",
      description: "The deadline is the unit's level's (a county's: the county deadline). Clerks may ask about their own unit and the units below it.",
      access: roles,
      params: unitPathParamsSchema,
      responses: { 200: { description: "The period as seen by the unit", schema: periodForUnitSchema } },
      handle: async (c, { params }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json(await periodForUnit(c.env.DB, params.period, unit));
      },
    }),
  ],
};
