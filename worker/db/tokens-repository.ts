import type { Role } from "../auth/caller.ts";

export interface TokenRecord {
  id: string;
  role: Role;
  prefectureCode: string | null;
  name: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

interface TokenRow {
  id: string;
  role: Role;
  prefecture_code: string | null;
  name: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
}

const columns = "id, role, prefecture_code, name, created_at, created_by, revoked_at";

const toRecord = (row: TokenRow): TokenRecord => ({
  id: row.id,
  role: row.role,
  prefectureCode: row.prefecture_code,
  name: row.name,
  createdAt: row.created_at,
  createdBy: row.created_by,
  revokedAt: row.revoked_at,
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

export interface NewToken {
  id: string;
  tokenSha256: string;
  role: Role;
  prefectureCode: string | null;
  name: string;
  createdAt: string;
  createdBy: string | null;
}

export function insertTokenStatement(db: D1Database, token: NewToken): D1PreparedStatement {
  return db
    .prepare("INSERT INTO tokens (id, token_sha256, role, prefecture_code, name, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(token.id, token.tokenSha256, token.role, token.prefectureCode, token.name, token.createdAt, token.createdBy);
}

export function revokeTokenStatement(db: D1Database, id: string, revokedAt: string): D1PreparedStatement {
  return db.prepare("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").bind(revokedAt, id);
}
