import type { MiddlewareHandler } from "hono";
import { findTokenByHash } from "../db/tokens-repository.ts";
import type { AppEnv } from "../env.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";

const challenge = { "WWW-Authenticate": 'Bearer realm="tianbao"' };

const unauthorized = (detail: string) => new ProblemError(problemKinds.unauthorized, detail, {}, challenge);

/** Bearer token → SHA-256 → tokens table. Puts the caller in the context; revoked tokens fail. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const match = /^Bearer +(\S+) *$/i.exec(c.req.header("Authorization") ?? "");
  const secret = match?.[1];
  if (!secret) {
    throw unauthorized("缺少令牌：请在 Authorization 头中提供 Bearer 令牌 / Missing token: send Authorization: Bearer <token>");
  }
  const token = await findTokenByHash(c.env.DB, await sha256Hex(secret));
  if (!token) throw unauthorized("令牌无效 / The token is not valid");
  if (token.revokedAt) throw unauthorized("令牌已被吊销 / The token has been revoked");
  c.set("caller", {
    tokenId: token.id,
    tokenName: token.name,
    role: token.role,
    prefectureCode: token.prefectureCode,
  });
  return next();
};
