import type { Role } from "../../shared/api/common.ts";
import { defaultTokenExpiry } from "../../shared/api/token-expiry.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { generateTokenSecret } from "../../shared/values/token-secret.ts";
import { auditSql } from "./audit-sql.ts";
import { sqlNullableString, sqlString } from "./sql-literal.ts";

// SQL that writes API tokens straight into a D1 (wrangler d1 execute): the token row (hash only)
// and its audit row (token_id NULL: no API token acted). The Worker does the same for POST /tokens.

export interface TokenRequest {
  role: Role;
  prefectureCode: string | null;
  name: string;
  /** When it stops working; absent: the default of its role (a clerk's 400 days), as the Worker gives. */
  expiresAt?: string;
}

export interface CreatedToken extends Omit<TokenRequest, "expiresAt"> {
  id: string;
  expiresAt: string | null;
  /** The secret; print it once, never store it. */
  token: string;
}

export async function createTokenSql(request: TokenRequest, via: string): Promise<{ token: CreatedToken; sql: string }> {
  const secret = generateTokenSecret();
  const id = crypto.randomUUID();
  const now = new Date();
  const at = now.toISOString();
  const expiresAt = request.expiresAt ? new Date(request.expiresAt).toISOString() : defaultTokenExpiry(request.role, now);
  const sql = [
    `INSERT INTO tokens (id, token_sha256, role, prefecture_code, name, created_at, expires_at) VALUES (${[
      sqlString(id),
      sqlString(await sha256Hex(secret)),
      sqlString(request.role),
      sqlNullableString(request.prefectureCode),
      sqlString(request.name),
      sqlString(at),
      sqlNullableString(expiresAt),
    ].join(", ")})`,
    auditSql({
      at,
      tokenId: null,
      action: "token.create",
      target: `token:${id}`,
      detail: { role: request.role, prefectureCode: request.prefectureCode, name: request.name, expiresAt, via },
    }),
  ].join(";\n");
  return { token: { ...request, id, expiresAt, token: secret }, sql };
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

export const LIST_TOKENS_SQL = "SELECT id, role, prefecture_code, name, created_at, expires_at, revoked_at FROM tokens ORDER BY created_at";
