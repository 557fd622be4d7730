import { roles } from "../auth/caller.ts";
import { regionsSchema } from "../../shared/api/regions.ts";
import { regionTable } from "../../shared/regions/region-table.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";

export const regionsResource: Resource = {
  basePath: "/regions",
  tag: "regions",
  routes: [
    defineRoute({
      method: "get",
      path: "/",
      summary: "地市及所辖县区 / Prefectures with their counties (GB/T 2260, 2019)",
      access: roles,
      responses: { 200: { description: "16 prefectures, each with its counties", schema: regionsSchema } },
      handle: (c) => c.json({ prefectures: regionTable.prefectures }),
    }),
  ],
};
