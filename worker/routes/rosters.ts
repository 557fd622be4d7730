import { z } from "zod";
import { periodParamsSchema, unitPathParamsSchema } from "../../shared/api/common.ts";
import {
  rosterDetailSchema,
  rosterCoverageSchema,
  rosterDuplicatesSchema,
  rosterFindingsParamsSchema,
  rosterFindingsSchema,
  rosterReceiptSchema,
  rosterRevisionParamsSchema,
  rosterRevisionSummarySchema,
  rosterSubmitBodySchema,
} from "../../shared/api/rosters.ts";
import { idempotencyHeadersSchema } from "../../shared/api/submissions.ts";
import { roles } from "../auth/caller.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { nudgeComparison } from "../services/consolidation-queue.ts";
import { requireUnitInPath } from "../services/require-unit.ts";
import { rosterIdHasherOf } from "../services/roster-id-key.ts";
import { listRosters, rosterCoverage, rosterDetail, rosterDuplicatePairs, rosterFindings } from "../services/rosters.ts";
import { submitRoster } from "../services/submit-roster.ts";

/**
 * A roster's request body: a prefecture's 40,000 students at about 150 bytes of JSON each (ID,
 * county, stage, school, aided) and their explanations; more than the API's 2 MiB, so this route has its own.
 */
export const ROSTER_BODY_MAX_BYTES = 12 * 1024 * 1024;

export const rostersResource: Resource = {
  basePath: "/periods",
  tag: "rosters",
  routes: [
    defineRoute({
      method: "post",
      path: "/{period}/units/{unit}/rosters",
      summary: "报送名册修订 / Submit a revision of the unit's roster of registered poor students",
      description: [
        "Only the unit's clerk. No name: a `name` or `姓名` field is refused (400). Each ID is used once on arrival —",
        "its keyed hash (HMAC-SHA256 with ROSTER_ID_KEY) and masked form are kept, the number is dropped. Checked with the",
        "same engine as the pane (R10.1–R10.5, 422 with the issues, students named by masked ID). Idempotent by",
        "Idempotency-Key like a report. The receipt lists the students found in other units' latest rosters (X10.2).",
        "The comparison with the poverty list (比对) of the counties it changes is recomputed through the queue.",
      ].join(" "),
      access: ["clerk"],
      params: unitPathParamsSchema,
      headers: idempotencyHeadersSchema,
      body: rosterSubmitBodySchema,
      bodyMaxBytes: ROSTER_BODY_MAX_BYTES,
      responses: {
        200: { description: "A repeated request: the receipt of the revision it stored; nothing stored", schema: rosterReceiptSchema },
        201: { description: "Stored: the receipt", schema: rosterReceiptSchema },
        404: { description: "No such period" },
        422: { description: "report-invalid (issues listed, by masked ID) or idempotency-key-reused; nothing stored" },
        423: { description: "period-locked: the period is locked and not unlocked for this unit" },
        503: { description: "roster-key-missing: the Worker has no ROSTER_ID_KEY; nothing stored" },
      },
      handle: async (c, { params, headers, body }) => {
        const caller = c.get("caller");
        const unit = requireUnitInPath(caller, params.unit, "write");
        const key = rosterIdHasherOf(c.env);
        // Hono keeps the parsed JSON for the request's life; zod's output is the copy the submit reads: a
        // prefecture's 40,000 rows are not held twice (the peak heap, bench/roster-heap-probe.ts).
        c.req.bodyCache = {};
        const { receipt, created } = await submitRoster(c.env.DB, {
          caller,
          periodCode: params.period,
          unit,
          idempotencyKey: headers["idempotency-key"],
          body,
          key,
        });
        if (created) await nudgeComparison(c.env, params.period);
        c.header("Location", `${c.req.path}/${receipt.revision}`);
        return c.json(receipt, created ? 201 : 200);
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/rosters",
      summary: "名册修订列表 / The unit's roster revisions for the period",
      access: roles,
      params: unitPathParamsSchema,
      responses: { 200: { description: "Every revision, oldest first", schema: z.object({ rosters: z.array(rosterRevisionSummarySchema) }) } },
      handle: async (c, { params }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json({ rosters: await listRosters(c.env.DB, params.period, unit.code) });
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/rosters/{revision}",
      summary: "一个名册修订:脱敏名单、计数与跨单位重复 / One roster revision: masked rows, counts, cross-unit duplicates",
      description:
        "The unit's clerk, the clerk of the unit above it and the province: masked IDs only. Duplicates (X10.2) are this revision's students in another unit's latest roster, naming the other unit only.",
      access: roles,
      params: rosterRevisionParamsSchema,
      responses: { 200: { description: "The revision", schema: rosterDetailSchema } },
      handle: async (c, { params }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json(await rosterDetail(c.env.DB, params.period, unit.code, params.revision));
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/rosters/{revision}/not-on-list",
      summary:
        "名册有、库无(X10.3):一个名册修订中不在扶贫部门名单的学生 / A roster revision's students on no entry of the poverty list (X10.3), without its other rows",
      description: [
        "Who may read the revision's detail. `latest` for the unit's latest revision: what the pane marks on the workbook's rows",
        "when it opens, in one request. The same listUploaded and notOnList as the detail, read in one statement: the students",
        "on the list are neither sent nor masked (a prefecture's detail is 40,000 masked rows).",
      ].join(" "),
      access: roles,
      params: rosterFindingsParamsSchema,
      responses: {
        200: { description: "The revision's X10.3 findings", schema: rosterFindingsSchema },
        404: { description: "No such period, or no such revision (for `latest`: the unit has no roster in the period)" },
      },
      handle: async (c, { params }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json(await rosterFindings(c.env.DB, params.period, unit.code, params.revision));
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/roster-duplicates",
      summary: "跨单位重复学生 / Students in two units' latest rosters: pairs of units and counts (X10.2)",
      access: ["province", "admin"],
      params: periodParamsSchema,
      responses: { 200: { description: "Pairs of units sharing students", schema: rosterDuplicatesSchema } },
      handle: async (c, { params }) => c.json(await rosterDuplicatePairs(c.env.DB, params.period)),
    }),

    defineRoute({
      method: "get",
      path: "/{period}/roster-coverage",
      summary: "名册覆盖 / Roster coverage: units with a roster, counties, students, the aided share (the dashboard)",
      access: ["province", "admin"],
      params: periodParamsSchema,
      responses: { 200: { description: "The period's roster coverage", schema: rosterCoverageSchema } },
      handle: async (c, { params }) => c.json(await rosterCoverage(c.env.DB, params.period)),
    }),
  ],
};
