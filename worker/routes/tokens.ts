import { z } from "zod";
import { createdTokenSchema, createTokenBodySchema, tokenIdParamsSchema, tokenSchema } from "../../shared/api/tokens.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { createToken, listTokens, revokeToken } from "../services/tokens.ts";

const admin = ["admin"] as const;

export const tokensResource: Resource = {
  basePath: "/tokens",
  tag: "tokens",
  routes: [
    defineRoute({
      method: "get",
      path: "/",
      summary: "列出令牌 / List tokens (never their secrets)",
      access: admin,
      responses: { 200: { description: "All tokens, revoked ones included", schema: z.object({ tokens: z.array(tokenSchema) }) } },
      handle: async (c) => c.json({ tokens: await listTokens(c.env.DB) }),
    }),

    defineRoute({
      method: "post",
      path: "/",
      summary: "创建令牌 / Create a token; the secret is returned once",
      description: "A clerk's token expires after 400 days unless expiresAt says otherwise; province and admin tokens only when expiresAt is given.",
      access: admin,
      body: createTokenBodySchema,
      responses: { 201: { description: "The token, with its secret", schema: createdTokenSchema } },
      handle: async (c, { body }) => c.json(await createToken(c.env.DB, c.get("caller"), body), 201),
    }),

    defineRoute({
      method: "delete",
      path: "/{id}",
      summary: "吊销令牌 / Revoke a token",
      description:
        "Revoking an already revoked token changes nothing and returns it as it is. The last admin token that is neither revoked nor expired cannot be revoked (409), even by two revocations at once.",
      access: admin,
      params: tokenIdParamsSchema,
      responses: {
        200: { description: "The revoked token", schema: tokenSchema },
        409: { description: "不能吊销最后一个管理员令牌 / The last working admin token" },
      },
      handle: async (c, { params }) => c.json(await revokeToken(c.env.DB, c.get("caller"), params.id)),
    }),
  ],
};
