import { unitPathParamsSchema } from "../../shared/api/common.ts";
import { valueHistoryQuerySchema, valueHistorySchema } from "../../shared/api/value-history.ts";
import { roles } from "../auth/caller.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { requireUnitInPath } from "../services/require-unit.ts";
import { valueHistory } from "../services/value-history.ts";

// One value of a unit's report, named by its cell: its history across revisions and periods.

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
  ],
};
