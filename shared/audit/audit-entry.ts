// One audit row per write, in the same transaction as the write: what the Worker (D1 statements) and
// the command line's local writes (SQL text) both append to audit_log, built from this one shape.

export interface AuditEntry {
  /** The acting token; null for writes from a local command line and for sign-ins with an unknown token. */
  tokenId: string | null;
  /** Dotted verb, e.g. `period.lock`, `token.create`, `sign-in.fail`. */
  action: string;
  /** What was written, e.g. `period:2019`, `token:<id>`; `client:<address>` for a failed sign-in. */
  target: string;
  detail?: Record<string, unknown>;
  at: string;
}

/** The INSERT of an audit row, up to its values (a `SELECT ?, …` follows, so a WHERE can skip it). */
export const AUDIT_INSERT = "INSERT INTO audit_log (at, token_id, action, target, detail)";

/** The row's values in AUDIT_INSERT's column order. */
export function auditValues(entry: AuditEntry): [string, string | null, string, string, string] {
  return [entry.at, entry.tokenId, entry.action, entry.target, JSON.stringify(entry.detail ?? {})];
}
