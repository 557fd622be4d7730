import type { MiddlewareHandler } from "hono";
import { findTokenByHash } from "../db/tokens-repository.ts";
import type { TokenRecord } from "../db/tokens-repository.ts";
import type { AppEnv } from "../env.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { clientKeyOf, recordSignInFailure, refuseIfThrottled } from "./sign-in-throttle.ts";
import type { SignInFailureReason } from "./sign-in-throttle.ts";

const challenge = { "WWW-Authenticate": 'Bearer realm="tianbao"' };

const unauthorized = (detail: string) => new ProblemError(problemKinds.unauthorized, detail, {}, challenge);

/** One answer for every bad token, so a caller learns nothing of which tokens exist or existed. */
const badToken = () => unauthorized("令牌无效、已吊销或已过期 / The token is not valid: unknown, revoked or expired");

function failureReason(token: TokenRecord | null, now: Date): SignInFailureReason | null {
  if (!token) return "unknown";
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime()) return "expired";
  return null;
}

/**
 * Bearer token → SHA-256 → tokens table. Puts the caller in the context. An address with too many
 * failures is refused (429) before its token is looked at; a bad token is counted and audited.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const match = /^Bearer +(\S+) *$/i.exec(c.req.header("Authorization") ?? "");
  const secret = match?.[1];
  if (!secret) {
    throw unauthorized("缺少令牌：请在 Authorization 头中提供 Bearer 令牌 / Missing token: send Authorization: Bearer <token>");
  }
  const now = new Date();
  const clientKey = clientKeyOf(c.req.raw);
  await refuseIfThrottled(c.env.DB, clientKey, now);
  const tokenSha256 = await sha256Hex(secret);
  const token = await findTokenByHash(c.env.DB, tokenSha256);
  const reason = failureReason(token, now);
  if (reason || !token) {
    await recordSignInFailure(
      c.env.DB,
      { clientKey, reason: reason ?? "unknown", tokenId: token?.id ?? null, tokenSha256Prefix: tokenSha256.slice(0, 12) },
      now,
    );
    throw badToken();
  }
  c.set("caller", {
    tokenId: token.id,
    tokenName: token.name,
    role: token.role,
    unitCode: token.unitCode,
    expiresAt: token.expiresAt,
  });
  return next();
};
