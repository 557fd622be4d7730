// Every write appends one audit row in the same D1 batch as the write (batch = transaction).
import { AUDIT_INSERT, auditValues } from "../../shared/audit/audit-entry.ts";
import type { AuditEntry } from "../../shared/audit/audit-entry.ts";

export type { AuditEntry };

/**
 * `onlyIfChanged`: written only when the statement before it in the batch changed a row (SQLite's
 * `changes()`), for writes that may turn out to be no-ops.
 */
export function auditStatement(db: D1Database, entry: AuditEntry, options: { onlyIfChanged?: boolean } = {}): D1PreparedStatement {
  return db.prepare(`${AUDIT_INSERT} SELECT ?, ?, ?, ?, ?${options.onlyIfChanged ? " WHERE changes() > 0" : ""}`).bind(...auditValues(entry));
}

/** What GET /audit asks for: bounds as ISO timestamps (from inclusive, to exclusive). */
export interface AuditFilter {
  from?: string;
  to?: string;
  unitCode?: string;
  /** An action, or a family: `token` reads token.create and token.revoke. */
  action?: string;
}

export interface AuditRow {
  id: number;
  at: string;
  tokenId: string | null;
  tokenName: string | null;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

/** One page of the log, oldest first, after the row `afterId`; `hasMore` when rows follow the page. */
export async function readAuditLog(db: D1Database, filter: AuditFilter, afterId: number, limit: number): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
  const conditions: string[] = [];
  const values: (string | number)[] = [];
  const where = (condition: string, ...bound: (string | number)[]) => {
    conditions.push(condition);
    values.push(...bound);
  };
  where("audit_log.id > ?", afterId);
  if (filter.from) where("audit_log.at >= ?", filter.from);
  if (filter.to) where("audit_log.at < ?", filter.to);
  // A unit's writes are targeted `period:<code>/prefecture:<unit>`; codes are six digits, so LIKE sees no wildcard.
  if (filter.unitCode) where("audit_log.target LIKE ?", `period:%/prefecture:${filter.unitCode}`);
  // Actions are lower-case words and dots (the query's pattern): no LIKE wildcard either.
  if (filter.action) where("(audit_log.action = ? OR audit_log.action LIKE ?)", filter.action, `${filter.action}.%`);
  const { results } = await db
    .prepare(
      `SELECT audit_log.id, audit_log.at, audit_log.token_id, tokens.name AS token_name, audit_log.action, audit_log.target, audit_log.detail
       FROM audit_log LEFT JOIN tokens ON tokens.id = audit_log.token_id
       WHERE ${conditions.join(" AND ")} ORDER BY audit_log.id LIMIT ?`,
    )
    .bind(...values, limit + 1)
    .all<{ id: number; at: string; token_id: string | null; token_name: string | null; action: string; target: string; detail: string }>();
  const rows = results.slice(0, limit).map((row) => ({
    id: row.id,
    at: row.at,
    tokenId: row.token_id,
    tokenName: row.token_name,
    action: row.action,
    target: row.target,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  }));
  return { rows, hasMore: results.length > limit };
}
