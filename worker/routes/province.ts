import { completenessSchema } from "../../shared/api/completeness.ts";
import { periodParamsSchema } from "../../shared/api/common.ts";
import { consolidatedQuerySchema, consolidatedSchema } from "../../shared/api/consolidated.ts";
import { warningAnalysisSchema } from "../../shared/api/warning-analysis.ts";
import { roles } from "../auth/caller.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { periodCompleteness } from "../services/completeness.ts";
import { consolidatePeriod } from "../services/consolidation.ts";
import { requirePeriod } from "../services/require-period.ts";
import { warningAnalysis } from "../services/warning-analysis.ts";

// The province's view of a period: who has reported, and the consolidated totals.

export const provinceResource: Resource = {
  basePath: "/periods",
  tag: "province",
  routes: [
    defineRoute({
      method: "get",
      path: "/{period}/completeness",
      summary: "报送进度 / Completeness: each prefecture 未报 / 已报 / 退回 / 通过 / 逾期",
      description: "Province reviewers and admins see all 16 prefectures; a clerk sees only their own.",
      access: roles,
      params: periodParamsSchema,
      responses: { 200: { description: "Per prefecture: status, revision, time", schema: completenessSchema } },
      handle: async (c, { params }) => c.json(await periodCompleteness(c.env.DB, c.get("caller"), params.period)),
    }),

    defineRoute({
      method: "get",
      path: "/{period}/consolidated",
      summary: "全省汇总 / Consolidated totals of the province, with provenance",
      description:
        "By default each prefecture's newest revision unless returned, then its newest accepted one; include=accepted takes accepted revisions only.",
      access: ["province", "admin"],
      params: periodParamsSchema,
      query: consolidatedQuerySchema,
      responses: { 200: { description: "Province, prefecture and county totals by sheet", schema: consolidatedSchema } },
      handle: async (c, { params, query }) =>
        c.json(await consolidatePeriod(c.env, await requirePeriod(c.env.DB, params.period), query.include, query.wait, c.get("tree"))),
    }),

    defineRoute({
      method: "get",
      path: "/{period}/warning-analysis",
      summary: "预警分析 / The explained warnings of the included revisions by rule, reason code and unit",
      description: "Same inclusion as /consolidated; the consolidated workbook's 预警分析 sheet says the same.",
      access: ["province", "admin"],
      params: periodParamsSchema,
      query: consolidatedQuerySchema,
      responses: { 200: { description: "Counts by rule, reason and unit", schema: warningAnalysisSchema } },
      handle: async (c, { params, query }) => c.json(await warningAnalysis(c.env, params.period, query.include, query.wait)),
    }),
  ],
};
