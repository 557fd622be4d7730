// 催报: reminders to units that owe their report (migration 0014), each written with its audit row.
import { auditStatement } from "./audit-log.ts";

export interface ReminderRecord {
  id: number;
  periodCode: string;
  unitCode: string;
  sentAt: string;
  sentByName: string;
  note: string | null;
  /** Sent after the unit's latest revision (or before any): its clerk still sees it. */
  pending: boolean;
}

export interface NewReminder {
  periodCode: string;
  unitCode: string;
  sentBy: string;
  sentAt: string;
  note: string | null;
}

/** The unit's latest revision is 待审 or 通过: it owes nothing, and a reminder is not written. */
const OWES_NOTHING = `EXISTS (SELECT 1 FROM submissions s WHERE s.period_code = ?1 AND s.unit_code = ?2 AND s.status IN ('submitted', 'accepted')
  AND s.revision = (SELECT max(revision) FROM submissions WHERE period_code = ?1 AND unit_code = ?2))`;

/**
 * A reminder and its audit row, for one batch. The INSERT itself checks that the unit still owes its
 * report (nothing submitted, or the latest returned), so a submission that lands first wins the race:
 * the reminder writes no row (and no audit row), and the caller reads that from `meta.changes`.
 */
export function reminderStatements(db: D1Database, reminder: NewReminder): D1PreparedStatement[] {
  return [
    db
      .prepare(`INSERT INTO reminders (period_code, unit_code, sent_by, sent_at, note) SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT ${OWES_NOTHING}`)
      .bind(reminder.periodCode, reminder.unitCode, reminder.sentBy, reminder.sentAt, reminder.note),
    auditStatement(
      db,
      {
        tokenId: reminder.sentBy,
        action: "reminder.send",
        target: `period:${reminder.periodCode}/prefecture:${reminder.unitCode}`,
        detail: { note: reminder.note },
        at: reminder.sentAt,
      },
      { onlyIfChanged: true },
    ),
  ];
}

/**
 * Pending: the unit owes its report now (nothing submitted, or the latest returned) and the reminder
 * came after its latest revision. Owing is read from the revisions, not the clocks, so a reminder
 * that raced a submission and lost is not shown once the revision is in.
 */
const reminderColumns = `r.id, r.period_code, r.unit_code, r.sent_at, t.name AS sent_by_name, r.note,
  (NOT EXISTS (SELECT 1 FROM submissions s WHERE s.period_code = r.period_code AND s.unit_code = r.unit_code AND s.status IN ('submitted', 'accepted')
     AND s.revision = (SELECT max(revision) FROM submissions WHERE period_code = r.period_code AND unit_code = r.unit_code))
   AND r.sent_at > coalesce((SELECT max(s.submitted_at) FROM submissions s WHERE s.period_code = r.period_code AND s.unit_code = r.unit_code), '')) AS pending`;

interface ReminderRow {
  id: number;
  period_code: string;
  unit_code: string;
  sent_at: string;
  sent_by_name: string;
  note: string | null;
  pending: number;
}

const toRecord = (row: ReminderRow): ReminderRecord => ({
  id: row.id,
  periodCode: row.period_code,
  unitCode: row.unit_code,
  sentAt: row.sent_at,
  sentByName: row.sent_by_name,
  note: row.note,
  pending: row.pending === 1,
});

/** The unit's reminders in the period, oldest first. */
export async function listReminders(db: D1Database, periodCode: string, unitCode: string): Promise<ReminderRecord[]> {
  const { results } = await db
    .prepare(`SELECT ${reminderColumns} FROM reminders r JOIN tokens t ON t.id = r.sent_by WHERE r.period_code = ? AND r.unit_code = ? ORDER BY r.id`)
    .bind(periodCode, unitCode)
    .all<ReminderRow>();
  return results.map(toRecord);
}

/** The unit's newest reminder in the period (the one a batch just wrote). */
export async function latestReminderOf(db: D1Database, periodCode: string, unitCode: string): Promise<ReminderRecord | undefined> {
  const row = await db
    .prepare(
      `SELECT ${reminderColumns} FROM reminders r JOIN tokens t ON t.id = r.sent_by WHERE r.period_code = ? AND r.unit_code = ? ORDER BY r.id DESC LIMIT 1`,
    )
    .bind(periodCode, unitCode)
    .first<ReminderRow>();
  return row ? toRecord(row) : undefined;
}

/** 催报 N 次 and the last one's time, per unit of the period. */
export async function reminderCounts(db: D1Database, periodCode: string): Promise<Map<string, { count: number; lastAt: string | null }>> {
  const { results } = await db
    .prepare("SELECT unit_code, count(*) AS count, max(sent_at) AS last_at FROM reminders WHERE period_code = ? GROUP BY unit_code")
    .bind(periodCode)
    .all<{ unit_code: string; count: number; last_at: string | null }>();
  return new Map(results.map((row) => [row.unit_code, { count: row.count, lastAt: row.last_at }]));
}
