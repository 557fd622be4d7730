import { consolidatedQuerySchema } from "../../shared/api/consolidated.ts";
import { revisionParamsSchema } from "../../shared/api/submissions.ts";
import { periodParamsSchema, unitPathParamsSchema } from "../../shared/api/common.ts";
import { roles } from "../auth/caller.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { consolidatedWorkbookBytes, reportTemplateBytes, revisionWorkbookBytes } from "../services/workbooks.ts";
import { XLSX_MEDIA_TYPE } from "../../shared/api/problem-types.ts";
import { xlsxResponse } from "../services/xlsx-response.ts";
import { requireUnitInPath } from "../services/require-unit.ts";

export const workbooksResource: Resource = {
  basePath: "/periods",
  tag: "workbooks",
  routes: [
    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/template.xlsx",
      summary: "空白报表模板 / The blank report workbook of a prefecture for a period",
      description: "The add-in inserts this workbook's sheets; last period's accepted figures are in the hidden _prev sheet.",
      access: roles,
      params: unitPathParamsSchema,
      responses: { 200: { description: "The .xlsx file", mediaType: XLSX_MEDIA_TYPE } },
      handle: async (c, { params }) => {
        const prefecture = requireUnitInPath(c.get("caller"), params.unit, "read");
        const bytes = await reportTemplateBytes(c.env, params.period, prefecture);
        return xlsxResponse(bytes, `${params.period}年${prefecture.name}323统计报表.xlsx`, `tianbao-${params.period}-${prefecture.code}.xlsx`);
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/submissions/{revision}/workbook.xlsx",
      summary: "一个修订的工作簿 / One revision as the filled report workbook",
      description:
        "The standard workbook filled with the revision's stored report, its explanations in 说明 and last period's accepted figures in _prev, as template.xlsx.",
      access: roles,
      params: revisionParamsSchema,
      responses: { 200: { description: "The .xlsx file", mediaType: XLSX_MEDIA_TYPE } },
      handle: async (c, { params }) => {
        const prefecture = requireUnitInPath(c.get("caller"), params.unit, "read");
        const bytes = await revisionWorkbookBytes(c.env, params.period, prefecture, params.revision);
        return xlsxResponse(
          bytes,
          `${params.period}年${prefecture.name}323统计报表第${params.revision}版.xlsx`,
          `tianbao-${params.period}-${prefecture.code}-r${params.revision}.xlsx`,
        );
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/consolidated.xlsx",
      summary: "全省汇总工作簿 / The consolidated workbook of the province",
      description: "Same inclusion as /consolidated; its 汇总状态 sheet lists each prefecture's included revision, status, submitter, time and explanations.",
      access: ["province", "admin"],
      params: periodParamsSchema,
      query: consolidatedQuerySchema,
      responses: { 200: { description: "The .xlsx file", mediaType: XLSX_MEDIA_TYPE } },
      handle: async (c, { params, query }) => {
        const bytes = await consolidatedWorkbookBytes(c.env, params.period, query.include, query.wait);
        return xlsxResponse(bytes, `${params.period}年山东省323统计报表汇总.xlsx`, `tianbao-${params.period}-consolidated.xlsx`);
      },
    }),
  ],
};
