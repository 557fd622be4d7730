import { unitPathParamsSchema } from "../../shared/api/common.ts";
import { valueCommentBodySchema, valueCommentSchema, valueCommentsQuerySchema, valueCommentsSchema } from "../../shared/api/value-comments.ts";
import { valueHistoryQuerySchema, valueHistorySchema } from "../../shared/api/value-history.ts";
import { roles } from "../auth/caller.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { requireUnitInPath } from "../services/require-unit.ts";
import { valueComments, writeValueComment } from "../services/value-comments.ts";
import { valueHistory } from "../services/value-history.ts";

// One value of a unit's report, named by its cell: its history and its thread, across revisions and periods.

export const valuesResource: Resource = {
  basePath: "/periods",
  tag: "values",
  routes: [
    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/history",
      summary: "一个数值的历史 / A value's history: earlier periods' accepted values, this period's revisions, who and why",
      description:
        "Whoever may read the unit. The cell (教扶04!E7) is named through the period's layout; the 合计 row, formula fields and list sheets have no stored value of their own (400 naming the cell).",
      access: roles,
      params: unitPathParamsSchema,
      query: valueHistoryQuerySchema,
      responses: {
        200: { description: "The value's history", schema: valueHistorySchema },
        404: { description: "No such period" },
      },
      handle: async (c, { params, query }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json(await valueHistory(c.env.DB, params.period, unit, query.cell));
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/comments",
      summary: "数值的讨论 / A value's thread: what the clerk and the reviewers said about one cell, every period",
      description:
        "Whoever may read the unit. With cell (教扶04!E7, named through the period's layout), that cell's thread; without, every cell's of the unit. The thread spans periods and revisions; a review's comment pinned to the cell is in it (kind return or accept).",
      access: roles,
      params: unitPathParamsSchema,
      query: valueCommentsQuerySchema,
      responses: {
        200: { description: "The comments, oldest first", schema: valueCommentsSchema },
        404: { description: "No such period" },
      },
      handle: async (c, { params, query }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json({ comments: await valueComments(c.env.DB, params.period, unit, query.cell) });
      },
    }),

    defineRoute({
      method: "post",
      path: "/{period}/units/{unit}/comments",
      summary: "留言 / Write to a value's thread",
      description:
        "The unit's own clerk, or a reviewer above it (the clerk of a unit it reports through, the province). The cell is named through the period's layout; a cell with no stored value of its own is 400 naming it. Kept for good (no edit, no delete) with its audit row; the period and the unit's latest revision in it are recorded with it.",
      access: ["province", "clerk"],
      params: unitPathParamsSchema,
      body: valueCommentBodySchema,
      responses: {
        201: { description: "The comment", schema: valueCommentSchema },
        404: { description: "No such period" },
      },
      handle: async (c, { params, body }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json(await writeValueComment(c.env.DB, c.get("caller"), params.period, unit, body), 201);
      },
    }),
  ],
};
