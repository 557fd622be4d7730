// Every write appends one audit row in the same D1 batch as the write (batch = transaction).

export interface AuditEntry {
  /** The acting token; null only for local scripts. */
  tokenId: string | null;
  /** Dotted verb, e.g. `period.lock`, `token.create`. */
  action: string;
  /** What was written, e.g. `period:2019`, `token:<id>`. */
  target: string;
  detail?: Record<string, unknown>;
  at: string;
}

/**
 * `onlyIfChanged`: written only when the statement before it in the batch changed a row (SQLite's
 * `changes()`), for writes that may turn out to be no-ops.
 */
export function auditStatement(db: D1Database, entry: AuditEntry, options: { onlyIfChanged?: boolean } = {}): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO audit_log (at, token_id, action, target, detail) SELECT ?, ?, ?, ?, ?${options.onlyIfChanged ? " WHERE changes() > 0" : ""}`)
    .bind(entry.at, entry.tokenId, entry.action, entry.target, JSON.stringify(entry.detail ?? {}));
}
