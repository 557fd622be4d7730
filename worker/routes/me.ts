import { roles } from "../auth/caller.ts";
import { meSchema } from "../../shared/api/me.ts";
import { regionTable } from "../../shared/regions/region-table.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";

export const meResource: Resource = {
  basePath: "/me",
  tag: "me",
  routes: [
    defineRoute({
      method: "get",
      path: "/",
      summary: "当前令牌的身份 / Who am I: role, prefecture and token name",
      access: roles,
      responses: { 200: { description: "The caller", schema: meSchema } },
      handle: (c) => {
        const caller = c.get("caller");
        const prefecture = caller.prefectureCode ? regionTable.prefecture(caller.prefectureCode) : undefined;
        return c.json({
          tokenId: caller.tokenId,
          tokenName: caller.tokenName,
          role: caller.role,
          prefectureCode: caller.prefectureCode,
          prefectureName: prefecture?.name ?? null,
        });
      },
    }),
  ],
};
