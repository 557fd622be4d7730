import { AUDIT_INSERT, auditValues } from "../../shared/audit/audit-entry.ts";
import type { AuditEntry } from "../../shared/audit/audit-entry.ts";
import { sqlNullableString } from "./sql-literal.ts";

/**
 * The audit row of a local write as SQL text (wrangler d1 execute takes no bound parameters).
 * `tail` follows the SELECT — `WHERE changes() > 0`, or `FROM tokens WHERE …` with `targetSql` a
 * column expression, for one row per row written.
 */
export function auditSql(entry: AuditEntry, options: { tail?: string; targetSql?: string } = {}): string {
  const values = auditValues(entry).map(sqlNullableString);
  if (options.targetSql) values[3] = options.targetSql;
  return `${AUDIT_INSERT} SELECT ${values.join(", ")}${options.tail ? ` ${options.tail}` : ""}`;
}
