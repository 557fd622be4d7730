import type { FieldIssue } from "../../shared/api/field-issues.ts";
import { buildTokenRow } from "../../shared/tokens/token-row.ts";
import type { NewTokenRow } from "../../shared/tokens/token-row.ts";
import type { CreateTokenBody } from "../../shared/api/api-client.ts";
import { usageError } from "../cli-error.ts";
import { auditSql } from "./audit-sql.ts";
import { sqlNullableString, sqlString } from "./sql-literal.ts";

// SQL that writes API tokens straight into a D1 (wrangler d1 execute): the token row (hash only)
// and its audit row (token_id NULL: no API token acted). The row is built and checked by the same
// builder as POST /tokens (shared/tokens/token-row.ts): what the API refuses is refused here.

export interface CreatedToken extends Omit<NewTokenRow, "tokenSha256" | "createdAt" | "createdBy"> {
  /** The secret; print it once, never store it. */
  token: string;
}

/** A request POST /tokens would refuse, as one usage error naming each field. */
function tokenRefused(issues: FieldIssue[]): Error {
  return usageError(
    `令牌未创建:${issues.map((issue) => `${issue.field || "(请求)"} ${issue.message}`).join(";")}`,
    "the token was not created (POST /tokens would refuse it the same way)",
  );
}

export async function createTokenSql(asked: CreateTokenBody, via: string): Promise<{ token: CreatedToken; sql: string }> {
  const { row, secret } = await buildTokenRow(asked, { now: new Date(), createdBy: null }, tokenRefused);
  const sql = [
    `INSERT INTO tokens (id, token_sha256, role, unit_code, name, created_at, created_by, expires_at) VALUES (${[
      sqlString(row.id),
      sqlString(row.tokenSha256),
      sqlString(row.role),
      sqlNullableString(row.unitCode),
      sqlString(row.name),
      sqlString(row.createdAt),
      sqlNullableString(row.createdBy),
      sqlNullableString(row.expiresAt),
    ].join(", ")})`,
    auditSql({
      at: row.createdAt,
      tokenId: null,
      action: "token.create",
      target: `token:${row.id}`,
      detail: { role: row.role, unitCode: row.unitCode, name: row.name, expiresAt: row.expiresAt, via },
    }),
  ].join(";\n");
  const { tokenSha256: _hash, createdAt: _at, createdBy: _by, ...token } = row;
  return { token: { ...token, token: secret }, sql };
}

/** Revokes the tokens a WHERE clause over `tokens` picks that are not revoked yet, each with its audit row. */
export function revokeTokensSql(where: string, via: string): string {
  const at = new Date().toISOString();
  const pick = `${where} AND revoked_at IS NULL`;
  return [
    auditSql({ at, tokenId: null, action: "token.revoke", target: "", detail: { via } }, { targetSql: "'token:' || id", tail: `FROM tokens WHERE ${pick}` }),
    `UPDATE tokens SET revoked_at = ${sqlString(at)} WHERE ${pick}`,
  ].join(";\n");
}

export const LIST_TOKENS_SQL = "SELECT id, role, unit_code, name, created_at, expires_at, revoked_at FROM tokens ORDER BY created_at";
