import type { NewTokenRow } from "../../shared/tokens/token-row.ts";
import type { Role } from "../../shared/units/roles.ts";

export interface TokenRecord {
  id: string;
  role: Role;
  unitCode: string | null;
  name: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  /** When it stops working; null: never. */
  expiresAt: string | null;
}

interface TokenRow {
  id: string;
  role: Role;
  unit_code: string | null;
  name: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

const columns = "id, role, unit_code, name, created_at, created_by, revoked_at, expires_at";

const toRecord = (row: TokenRow): TokenRecord => ({
  id: row.id,
  role: row.role,
  unitCode: row.unit_code,
  name: row.name,
  createdAt: row.created_at,
  createdBy: row.created_by,
  revokedAt: row.revoked_at,
  expiresAt: row.expires_at,
});

export async function findTokenByHash(db: D1Database, tokenSha256: string): Promise<TokenRecord | null> {
  const row = await db.prepare(`SELECT ${columns} FROM tokens WHERE token_sha256 = ?`).bind(tokenSha256).first<TokenRow>();
  return row ? toRecord(row) : null;
}

export async function findTokenById(db: D1Database, id: string): Promise<TokenRecord | null> {
  const row = await db.prepare(`SELECT ${columns} FROM tokens WHERE id = ?`).bind(id).first<TokenRow>();
  return row ? toRecord(row) : null;
}

export async function listTokens(db: D1Database): Promise<TokenRecord[]> {
  const { results } = await db.prepare(`SELECT ${columns} FROM tokens ORDER BY created_at, id`).all<TokenRow>();
  return results.map(toRecord);
}

export function insertTokenStatement(db: D1Database, token: NewTokenRow): D1PreparedStatement {
  return db
    .prepare("INSERT INTO tokens (id, token_sha256, role, unit_code, name, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    .bind(token.id, token.tokenSha256, token.role, token.unitCode, token.name, token.createdAt, token.createdBy, token.expiresAt);
}

/**
 * Revokes a token unless it is the last working admin token: the count of the other admin tokens
 * that are neither revoked nor expired is part of the UPDATE, so two revocations racing for the last
 * two admins cannot both pass. No row changed: already revoked, or the last admin.
 */
export function revokeTokenStatement(db: D1Database, id: string, revokedAt: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE tokens SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL
         AND (role <> 'admin' OR EXISTS (
           SELECT 1 FROM tokens AS other WHERE other.role = 'admin' AND other.id <> ?2
             AND other.revoked_at IS NULL AND (other.expires_at IS NULL OR other.expires_at > ?1)))`,
    )
    .bind(revokedAt, id);
}
