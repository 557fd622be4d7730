import { unitPathParamsSchema } from "../../shared/api/common.ts";
import { outlierRangeSettingBodySchema, outlierRangeSettingSchema, outlierRangeSettingsSchema } from "../../shared/api/outlier-ranges.ts";
import { roles } from "../auth/caller.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { outlierRangeSettingsOf, setOutlierRange } from "../services/outlier-range-settings.ts";
import { requireUnitInPath } from "../services/require-unit.ts";

// Outlier ranges (O01) set by hand: the province overrides a row's computed range, with a note; audited.

export const outlierRangesResource: Resource = {
  basePath: "/periods",
  tag: "outlier-ranges",
  routes: [
    defineRoute({
      method: "put",
      path: "/{period}/units/{unit}/outlier-ranges",
      summary: "设定异常值范围 / Set (or clear) the outlier range of one field of one of the unit's rows",
      description:
        "The province only. The range replaces the computed one in the unit's next workbook (its _ranges sheet: pane, page and CLI check offline); low and high null go back to the computed range. Every setting is kept, with its audit row.",
      access: ["province", "admin"],
      params: unitPathParamsSchema,
      body: outlierRangeSettingBodySchema,
      responses: {
        201: { description: "The setting as recorded", schema: outlierRangeSettingSchema },
        400: { description: "Not a row of the unit's report, or not a field with a range" },
        423: { description: "The period is locked" },
      },
      handle: async (c, { params, body }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json(await setOutlierRange(c.env.DB, c.get("caller"), params.period, unit, body), 201);
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/outlier-ranges",
      summary: "异常值范围设定记录 / The outlier ranges set by hand for the unit's rows, oldest first",
      access: roles,
      params: unitPathParamsSchema,
      responses: { 200: { description: "Every setting; the newest per row and field counts", schema: outlierRangeSettingsSchema } },
      handle: async (c, { params }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json({ settings: await outlierRangeSettingsOf(c.env.DB, params.period, unit) });
      },
    }),
  ],
};
