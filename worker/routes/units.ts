import { unitPathParamsSchema } from "../../shared/api/common.ts";
import { mergedReportSchema, childrenCompletenessSchema } from "../../shared/api/units.ts";
import { roles } from "../auth/caller.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { childCompleteness } from "../services/completeness.ts";
import { mergeChildren } from "../services/merge-children.ts";
import { requireUnitInPath } from "../services/require-unit.ts";
import { mergedWorkbookBytes } from "../services/workbooks.ts";
import { xlsxResponse } from "../services/xlsx-response.ts";
import { XLSX_MEDIA_TYPE } from "../../shared/api/problem-types.ts";

// A unit's view of the units reporting to it: a prefecture's counties, their state and their merge.

export const unitsResource: Resource = {
  basePath: "/periods",
  tag: "units",
  routes: [
    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/completeness",
      summary: "下级报送进度 / Completeness of the units reporting to this one (a prefecture's counties)",
      description: "未报 / 已报 / 退回 / 通过 / 逾期 against the counties' deadline. The unit's clerk, the province and admins.",
      access: roles,
      params: unitPathParamsSchema,
      responses: {
        200: { description: "Each child unit's state", schema: childrenCompletenessSchema },
        404: { description: "The unit has no units reporting to it (a county), or no such period" },
      },
      handle: async (c, { params }) => c.json(await childCompleteness(c.env.DB, params.period, requireUnitInPath(c.get("caller"), params.unit, "read"))),
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/merged",
      summary: "由下级合成的报表 / The unit's report built from its counties' revisions, with provenance",
      description:
        "Each county's newest revision unless returned, then its newest accepted one; a returned county with none accepted drops out until it resubmits.",
      access: roles,
      params: unitPathParamsSchema,
      responses: {
        200: { description: "The merged report, the revision behind each county row, the counties missing", schema: mergedReportSchema },
        404: { description: "The unit has no units reporting to it (a county), or no such period" },
      },
      handle: async (c, { params }) => c.json(await mergeChildren(c.env.DB, params.period, requireUnitInPath(c.get("caller"), params.unit, "read"))),
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/merged.xlsx",
      summary: "由下级合成的工作簿 / The unit's workbook built from its counties' revisions",
      description:
        "The standard workbook filled with /merged's report and the unit's own cover from its latest revision; rows of counties with nothing to include are left for the unit's clerk to type.",
      access: roles,
      params: unitPathParamsSchema,
      responses: {
        200: { description: "The .xlsx file", mediaType: XLSX_MEDIA_TYPE },
        404: { description: "The unit has no units reporting to it (a county), or no such period" },
      },
      handle: async (c, { params }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        const bytes = await mergedWorkbookBytes(c.env, params.period, unit);
        return xlsxResponse(bytes, `${params.period}年${unit.name}323统计报表（由各县合成）.xlsx`, `tianbao-${params.period}-${unit.code}-merged.xlsx`);
      },
    }),
  ],
};
