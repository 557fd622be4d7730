import type { z } from "zod";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { createTokenBodySchema } from "../../shared/api/tokens.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { generateTokenSecret } from "../../shared/values/token-secret.ts";
import type { Caller } from "../auth/caller.ts";
import { auditStatement } from "../db/audit-log.ts";
import { findTokenById, insertTokenStatement, revokeTokenStatement } from "../db/tokens-repository.ts";
import { ProblemError } from "../http/problem.ts";
import { requireReportingUnit } from "./require-unit.ts";

// Creating and revoking API tokens: each write one batch with its audit row; only the SHA-256 is stored.

export async function createToken(db: D1Database, caller: Caller, body: z.output<typeof createTokenBodySchema>) {
  const prefectureCode = body.prefectureCode ?? null;
  if (prefectureCode) requireReportingUnit(prefectureCode);
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
  await db.batch([
    insertTokenStatement(db, token),
    auditStatement(db, {
      tokenId: caller.tokenId,
      action: "token.create",
      target: `token:${token.id}`,
      detail: { role: token.role, prefectureCode, name: token.name },
      at: token.createdAt,
    }),
  ]);
  const { tokenSha256: _hash, ...record } = token;
  return { ...record, revokedAt: null, token: secret };
}

/** Revokes a token; an already revoked one is returned as it is. */
export async function revokeToken(db: D1Database, caller: Caller, id: string) {
  const token = await findTokenById(db, id);
  if (!token) throw new ProblemError(problemKinds.notFound, `没有令牌 ${id} / No token ${id}`);
  if (token.revokedAt) return token;
  const revokedAt = new Date().toISOString();
  await db.batch([
    revokeTokenStatement(db, token.id, revokedAt),
    auditStatement(db, { tokenId: caller.tokenId, action: "token.revoke", target: `token:${token.id}`, detail: { name: token.name }, at: revokedAt }),
  ]);
  return { ...token, revokedAt };
}
