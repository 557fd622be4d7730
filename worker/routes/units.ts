import { mergedReportSchema, unitCompletenessSchema, unitParamsSchema } from "../../shared/api/units.ts";
import { roles } from "../auth/caller.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { childCompleteness } from "../services/completeness.ts";
import { mergeChildren } from "../services/merge-children.ts";
import { requireUnitInPath } from "../services/require-unit.ts";

// A unit's view of the units reporting to it: a prefecture's counties, their state and their merge.

export const unitsResource: Resource = {
  basePath: "/periods",
  tag: "units",
  routes: [
    defineRoute({
      method: "get",
      path: "/{period}/prefectures/{prefecture}/completeness",
      summary: "下级报送进度 / Completeness of the units reporting to this one (a prefecture's counties)",
      description: "未报 / 已报 / 退回 / 通过 / 逾期 against the counties' deadline. The unit's clerk, the province and admins.",
      access: roles,
      params: unitParamsSchema,
      responses: {
        200: { description: "Each child unit's state", schema: unitCompletenessSchema },
        404: { description: "The unit has no units reporting to it (a county), or no such period" },
      },
      handle: async (c, { params }) => c.json(await childCompleteness(c.env.DB, params.period, requireUnitInPath(c.get("caller"), params.prefecture, "read"))),
    }),

    defineRoute({
      method: "get",
      path: "/{period}/prefectures/{prefecture}/merged",
      summary: "由下级合成的报表 / The unit's report built from its counties' revisions, with provenance",
      description: "Each county's newest revision that is not returned; a returned one drops out until resubmitted.",
      access: roles,
      params: unitParamsSchema,
      responses: {
        200: { description: "The merged report, the revision behind each county row, the counties missing", schema: mergedReportSchema },
        404: { description: "The unit has no units reporting to it (a county), or no such period" },
      },
      handle: async (c, { params }) => c.json(await mergeChildren(c.env.DB, params.period, requireUnitInPath(c.get("caller"), params.prefecture, "read"))),
    }),
  ],
};
