import { z } from "zod";
import { createdTokenSchema, createTokenBodySchema, tokenIdParamsSchema, tokenSchema } from "../../shared/api/tokens.ts";
import { listTokens } from "../db/tokens-repository.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { createToken, revokeToken } from "../services/tokens.ts";

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
      access: admin,
      body: createTokenBodySchema,
      responses: { 201: { description: "The token, with its secret", schema: createdTokenSchema } },
      handle: async (c, { body }) => c.json(await createToken(c.env.DB, c.get("caller"), body), 201),
    }),

    defineRoute({
      method: "delete",
      path: "/{id}",
      summary: "吊销令牌 / Revoke a token",
      description: "Revoking an already revoked token changes nothing and returns it as it is.",
      access: admin,
      params: tokenIdParamsSchema,
      responses: { 200: { description: "The revoked token", schema: tokenSchema } },
      handle: async (c, { params }) => c.json(await revokeToken(c.env.DB, c.get("caller"), params.id)),
    }),
  ],
};
