import { z } from "zod";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { generateTokenSecret } from "../../shared/values/token-secret.ts";
import { createdTokenSchema, createTokenBodySchema, tokenIdParamsSchema, tokenSchema } from "../../shared/api/tokens.ts";
import { auditStatement } from "../db/audit-log.ts";
import { findTokenById, insertTokenStatement, listTokens, revokeTokenStatement } from "../db/tokens-repository.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { requireKnownPrefecture } from "./require-known-prefecture.ts";

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
      handle: async (c, { body }) => {
        const caller = c.get("caller");
        const prefectureCode = body.prefectureCode ?? null;
        if (prefectureCode) requireKnownPrefecture(prefectureCode);
        const secret = generateTokenSecret();
        const token = {
          id: crypto.randomUUID(),
          tokenSha256: await sha256Hex(secret),
          role: body.role,
          prefectureCode,
          name: body.name,
          createdAt: new Date().toISOString(),
          createdBy: caller.tokenId,
        };
        await c.env.DB.batch([
          insertTokenStatement(c.env.DB, token),
          auditStatement(c.env.DB, {
            tokenId: caller.tokenId,
            action: "token.create",
            target: `token:${token.id}`,
            detail: { role: token.role, prefectureCode, name: token.name },
            at: token.createdAt,
          }),
        ]);
        const { tokenSha256: _hash, ...record } = token;
        return c.json({ ...record, revokedAt: null, token: secret }, 201);
      },
    }),

    defineRoute({
      method: "delete",
      path: "/{id}",
      summary: "吊销令牌 / Revoke a token",
      description: "Revoking an already revoked token changes nothing and returns it as it is.",
      access: admin,
      params: tokenIdParamsSchema,
      responses: { 200: { description: "The revoked token", schema: tokenSchema } },
      handle: async (c, { params }) => {
        const caller = c.get("caller");
        const token = await findTokenById(c.env.DB, params.id);
        if (!token) throw new ProblemError(problemKinds.notFound, `没有令牌 ${params.id} / No token ${params.id}`);
        if (token.revokedAt) return c.json(token);
        const revokedAt = new Date().toISOString();
        await c.env.DB.batch([
          revokeTokenStatement(c.env.DB, token.id, revokedAt),
          auditStatement(c.env.DB, {
            tokenId: caller.tokenId,
            action: "token.revoke",
            target: `token:${token.id}`,
            detail: { name: token.name },
            at: revokedAt,
          }),
        ]);
        return c.json({ ...token, revokedAt });
      },
    }),
  ],
};
