import { z } from "zod";
import { editionParamsSchema, editionSchema, editionSummarySchema } from "../../shared/api/editions.ts";
import { roles } from "../auth/caller.ts";
import { findEdition, listEditions } from "../services/editions.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";

export const editionsResource: Resource = {
  basePath: "/editions",
  tag: "editions",
  routes: [
    defineRoute({
      method: "get",
      path: "/",
      summary: "报表版本列表 / List form set editions",
      access: roles,
      responses: { 200: { description: "Every edition", schema: z.object({ editions: z.array(editionSummarySchema) }) } },
      handle: async (c) => c.json({ editions: await listEditions(c.env.DB) }),
    }),

    defineRoute({
      method: "get",
      path: "/{edition}",
      summary: "报表版本及其表式定义 / An edition with its definition (sheets, fields, rules)",
      description: "The edition id contains a slash: request /editions/323%2F2019.",
      access: roles,
      params: editionParamsSchema,
      responses: { 200: { description: "The edition and its form set", schema: editionSchema } },
      handle: async (c, { params }) => {
        const edition = await findEdition(c.env.DB, params.edition);
        if (!edition) throw new ProblemError(problemKinds.notFound, `没有报表版本 ${params.edition} / No edition ${params.edition}`);
        return c.json(edition);
      },
    }),
  ],
};
