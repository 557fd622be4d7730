import { roles } from "../auth/caller.ts";
import { regionsSchema } from "../../shared/api/regions.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";

/** A unit as the divisions name it (its tree links left out). */
const named = ({ code, name, nameEn }: { code: string; name: string; nameEn: string }) => ({ code, name, nameEn });

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
      handle: (c) =>
        c.json({ prefectures: reportingTree.root.children.map((prefecture) => ({ ...named(prefecture), counties: prefecture.children.map(named) })) }),
    }),
  ],
};
