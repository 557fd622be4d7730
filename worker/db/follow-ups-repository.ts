import { auditStatement } from "./audit-log.ts";
import type { StoredValueKey } from "./value-history-repository.ts";

// 跟进 marks on values (migration 0017): the SQL. The state rules are the statements' own: a second
// open mark of a value inserts nothing (the partial unique index), a clear moves only an open mark;
// each audit row is written only when its statement changed a row, in the same batch.

export interface FollowUpRecord {
  id: number;
  periodCode: string;
  unitCode: string;
  sheetCode: string;
  rowKey: string;
  fieldCode: string;
  cell: string;
  note: string;
  markedByName: string;
  markedAt: string;
  clearedByName: string | null;
  clearedAt: string | null;
  clearNote: string | null;
}

interface FollowUpRow {
  id: number;
  period_code: string;
  unit_code: string;
  sheet_code: string;
  row_key: string;
  field_code: string;
  cell: string;
  note: string;
  marked_by_name: string;
  marked_at: string;
  cleared_by_name: string | null;
  cleared_at: string | null;
  clear_note: string | null;
}

const toRecord = (row: FollowUpRow): FollowUpRecord => ({
  id: row.id,
  periodCode: row.period_code,
  unitCode: row.unit_code,
  sheetCode: row.sheet_code,
  rowKey: row.row_key,
  fieldCode: row.field_code,
  cell: row.cell,
  note: row.note,
  markedByName: row.marked_by_name,
  markedAt: row.marked_at,
  clearedByName: row.cleared_by_name,
  clearedAt: row.cleared_at,
  clearNote: row.clear_note,
});

const select = `SELECT f.id, f.period_code, f.unit_code, f.sheet_code, f.row_key, f.field_code, f.cell, f.note,
    m.name AS marked_by_name, f.marked_at, c.name AS cleared_by_name, f.cleared_at, f.clear_note
  FROM follow_ups f JOIN tokens m ON m.id = f.marked_by LEFT JOIN tokens c ON c.id = f.cleared_by`;

/** The period's marks, of one unit or of every unit; only the open ones unless `all`. Oldest first. */
export async function listFollowUps(db: D1Database, periodCode: string, options: { unitCode?: string; all: boolean }): Promise<FollowUpRecord[]> {
  const { results } = await db
    .prepare(`${select} WHERE f.period_code = ?1 AND (?2 IS NULL OR f.unit_code = ?2) AND (?3 = 1 OR f.cleared_at IS NULL) ORDER BY f.id`)
    .bind(periodCode, options.unitCode ?? null, options.all ? 1 : 0)
    .all<FollowUpRow>();
  return results.map(toRecord);
}

export async function findFollowUp(db: D1Database, periodCode: string, unitCode: string, id: number): Promise<FollowUpRecord | null> {
  const row = await db.prepare(`${select} WHERE f.id = ? AND f.period_code = ? AND f.unit_code = ?`).bind(id, periodCode, unitCode).first<FollowUpRow>();
  return row ? toRecord(row) : null;
}

/** The open mark of a value, if any. */
export async function findOpenFollowUp(db: D1Database, value: StoredValueKey): Promise<FollowUpRecord | null> {
  const row = await db
    .prepare(`${select} WHERE f.period_code = ? AND f.unit_code = ? AND f.sheet_code = ? AND f.row_key = ? AND f.field_code = ? AND f.cleared_at IS NULL`)
    .bind(value.periodCode, value.unitCode, value.sheetCode, value.rowKey, value.fieldCode)
    .first<FollowUpRow>();
  return row ? toRecord(row) : null;
}

export interface NewFollowUp extends StoredValueKey {
  cell: string;
  note: string;
  markedBy: string;
  markedAt: string;
}

const targetOf = (periodCode: string, unitCode: string) => `period:${periodCode}/prefecture:${unitCode}`;

/** A mark and its audit row; nothing (changes 0) when the value has an open mark already. */
export function markStatements(db: D1Database, mark: NewFollowUp): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO follow_ups (period_code, unit_code, sheet_code, row_key, field_code, cell, note, marked_by, marked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .bind(mark.periodCode, mark.unitCode, mark.sheetCode, mark.rowKey, mark.fieldCode, mark.cell, mark.note, mark.markedBy, mark.markedAt),
    auditStatement(
      db,
      {
        tokenId: mark.markedBy,
        action: "follow-up.mark",
        target: targetOf(mark.periodCode, mark.unitCode),
        detail: { sheetCode: mark.sheetCode, cell: mark.cell, rowKey: mark.rowKey, fieldCode: mark.fieldCode, note: mark.note },
        at: mark.markedAt,
      },
      { onlyIfChanged: true },
    ),
  ];
}

/** A clear and its audit row; nothing (changes 0) when the mark is cleared already. */
export function clearStatements(
  db: D1Database,
  clear: { id: number; periodCode: string; unitCode: string; cell: string; note: string; clearedBy: string; clearedAt: string },
): D1PreparedStatement[] {
  return [
    db
      .prepare("UPDATE follow_ups SET cleared_by = ?, cleared_at = ?, clear_note = ? WHERE id = ? AND period_code = ? AND unit_code = ? AND cleared_at IS NULL")
      .bind(clear.clearedBy, clear.clearedAt, clear.note, clear.id, clear.periodCode, clear.unitCode),
    auditStatement(
      db,
      {
        tokenId: clear.clearedBy,
        action: "follow-up.clear",
        target: targetOf(clear.periodCode, clear.unitCode),
        detail: { id: clear.id, cell: clear.cell, note: clear.note },
        at: clear.clearedAt,
      },
      { onlyIfChanged: true },
    ),
  ];
}
