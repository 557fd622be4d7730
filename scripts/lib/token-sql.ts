import { generateTokenSecret, sha256Hex } from "../../worker/auth/token-secret.ts";
import type { Role } from "../../worker/auth/caller.ts";
import { sqlNullableString, sqlString } from "./sql-literal.ts";

// SQL that creates API tokens from a local script: the token row (hash only) and its audit
// row (token_id NULL: no API token acted). The Worker does the same for POST /tokens.

export interface TokenRequest {
  role: Role;
  prefectureCode: string | null;
  name: string;
}

export interface CreatedToken extends TokenRequest {
  id: string;
  /** The secret; print it once, never store it. */
  token: string;
}

export async function createTokenSql(request: TokenRequest, via: string): Promise<{ token: CreatedToken; sql: string }> {
  const secret = generateTokenSecret();
  const id = crypto.randomUUID();
  const at = new Date().toISOString();
  const detail = JSON.stringify({ role: request.role, prefectureCode: request.prefectureCode, name: request.name, via });
  const sql = [
    `INSERT INTO tokens (id, token_sha256, role, prefecture_code, name, created_at) VALUES (${[
      sqlString(id),
      sqlString(await sha256Hex(secret)),
      sqlString(request.role),
      sqlNullableString(request.prefectureCode),
      sqlString(request.name),
      sqlString(at),
    ].join(", ")})`,
    `INSERT INTO audit_log (at, token_id, action, target, detail) VALUES (${sqlString(at)}, NULL, 'token.create', ${sqlString(`token:${id}`)}, ${sqlString(detail)})`,
  ].join(";\n");
  return { token: { ...request, id, token: secret }, sql };
}
