import { roles } from "../auth/caller.ts";
import { meSchema } from "../../shared/api/me.ts";
import { reportingTree, unitTitle } from "../../shared/units/reporting-tree.ts";

import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";

export const meResource: Resource = {
  basePath: "/me",
  tag: "me",
  routes: [
    defineRoute({
      method: "get",
      path: "/",
      summary: "当前令牌的身份 / Who am I: role, reporting unit (a prefecture or a county) and token name",
      access: roles,
      responses: { 200: { description: "The caller", schema: meSchema } },
      handle: (c) => {
        const caller = c.get("caller");
        const unit = caller.unitCode ? reportingTree.unit(caller.unitCode) : undefined;
        return c.json({
          tokenId: caller.tokenId,
          tokenName: caller.tokenName,
          role: caller.role,
          unitCode: caller.unitCode,
          // A county's name says its prefecture too (济南市历下区): a clerk sees at once which unit the token speaks for.
          unitName: unit ? unitTitle(unit) : null,
          unitLevel: unit?.level.code ?? null,
          expiresAt: caller.expiresAt,
        });
      },
    }),
  ],
};
