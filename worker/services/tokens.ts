import type { z } from "zod";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { createTokenBodySchema } from "../../shared/api/tokens.ts";
import { buildTokenRow } from "../../shared/tokens/token-row.ts";
import type { Caller } from "../auth/caller.ts";
import { auditStatement } from "../db/audit-log.ts";
import { findTokenById, insertTokenStatement, revokeTokenStatement } from "../db/tokens-repository.ts";
import { ProblemError } from "../http/problem.ts";
import { fieldsProblem } from "../http/validation-problem.ts";

// Creating and revoking API tokens: each write one batch with its audit row; only the SHA-256 is stored.
// The row is built and checked in shared/tokens/token-row.ts, as the command line's --local builds its own.

/** Every token, as stored (never a secret): the list needs no check beyond the route's. */
export { listTokens } from "../db/tokens-repository.ts";

export async function createToken(db: D1Database, caller: Caller, body: z.output<typeof createTokenBodySchema>) {
  const { row: token, secret } = await buildTokenRow(body, { now: new Date(), createdBy: caller.tokenId }, (issues) =>
    fieldsProblem(
      issues.map((issue) => ({ location: "body", ...issue })),
      issues.map((issue) => issue.message).join("; "),
    ),
  );
  await db.batch([
    insertTokenStatement(db, token),
    auditStatement(db, {
      tokenId: caller.tokenId,
      action: "token.create",
      target: `token:${token.id}`,
      detail: { role: token.role, unitCode: token.unitCode, name: token.name, expiresAt: token.expiresAt },
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
