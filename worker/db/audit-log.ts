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
