import type { z } from "zod";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { createTokenBodySchema } from "../../shared/api/tokens.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { defaultTokenExpiry } from "../../shared/api/token-expiry.ts";
import { generateTokenSecret } from "../../shared/values/token-secret.ts";
import type { Caller } from "../auth/caller.ts";
import { auditStatement } from "../db/audit-log.ts";
import { findTokenById, insertTokenStatement, revokeTokenStatement } from "../db/tokens-repository.ts";
import { ProblemError } from "../http/problem.ts";
import { requireReportingUnit } from "./require-unit.ts";

// Creating and revoking API tokens: each write one batch with its audit row; only the SHA-256 is stored.

/** An expiry asked for must lie ahead: a token born expired is a mistake, not a token. */
function requireFutureExpiry(expiresAt: string, now: Date): void {
  if (Date.parse(expiresAt) > now.getTime()) return;
  throw new ProblemError(problemKinds.invalidRequest, `有效期 ${expiresAt} 已过 / The expiry ${expiresAt} is not in the future`, {
    errors: [{ location: "body", field: "expiresAt", code: "expiry_in_past", message: `有效期须晚于现在 / The expiry must be in the future` }],
  });
}

export async function createToken(db: D1Database, caller: Caller, body: z.output<typeof createTokenBodySchema>) {
  const prefectureCode = body.prefectureCode ?? null;
  if (prefectureCode) requireReportingUnit(prefectureCode);
  const now = new Date();
  if (body.expiresAt) requireFutureExpiry(body.expiresAt, now);
  const secret = generateTokenSecret();
  const token = {
    id: crypto.randomUUID(),
    tokenSha256: await sha256Hex(secret),
    role: body.role,
    prefectureCode,
    name: body.name,
    createdAt: now.toISOString(),
    createdBy: caller.tokenId,
    // Normalised like created_at (toISOString), so SQL compares them as text.
    expiresAt: body.expiresAt ? new Date(body.expiresAt).toISOString() : defaultTokenExpiry(body.role, now),
  };
  await db.batch([
    insertTokenStatement(db, token),
    auditStatement(db, {
      tokenId: caller.tokenId,
      action: "token.create",
      target: `token:${token.id}`,
      detail: { role: token.role, prefectureCode, name: token.name, expiresAt: token.expiresAt },
      at: token.createdAt,
    }),
  ]);
  const { tokenSha256: _hash, ...record } = token;
  return { ...record, revokedAt: null, token: secret };
}

/** Revokes a token; an already revoked one is returned as it is; the last working admin token is refused (409). */
export async function revokeToken(db: D1Database, caller: Caller, id: string) {
  const token = await findTokenById(db, id);
  if (!token) throw new ProblemError(problemKinds.notFound, `没有令牌 ${id} / No token ${id}`);
  if (token.revokedAt) return token;
  const revokedAt = new Date().toISOString();
  const [revoked] = await db.batch([
    revokeTokenStatement(db, token.id, revokedAt),
    auditStatement(
      db,
      { tokenId: caller.tokenId, action: "token.revoke", target: `token:${token.id}`, detail: { name: token.name }, at: revokedAt },
      { onlyIfChanged: true },
    ),
  ]);
  if (revoked?.meta.changes) return { ...token, revokedAt };
  // Nothing changed: a concurrent revocation got there first, or this is the last working admin token.
  const now = await findTokenById(db, id);
  if (now?.revokedAt) return now;
  throw new ProblemError(
    problemKinds.lastAdminToken,
    `令牌 ${token.name}（${token.id}）是最后一个有效的管理员令牌，吊销后将无人能管理：请先创建另一个管理员令牌 / ${token.name} (${token.id}) is the last working admin token; revoking it would leave no one to administer: create another admin token first`,
    { tokenId: token.id },
  );
}
