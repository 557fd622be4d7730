// Reporting periods, and the per-prefecture unlocks of locked ones.

export type PeriodStatus = "open" | "locked";

export interface PeriodUnlock {
  unitCode: string;
  reason: string;
  unlockedBy: string | null;
  unlockedAt: string;
}

export interface PeriodRecord {
  code: string;
  editionId: string;
  status: PeriodStatus;
  deadline: string | null;
  openedAt: string;
  lockedAt: string | null;
  /** The province accepts a revision only once its stamped copy is attached. */
  requireStampedCopy: boolean;
  /** X10.1: each county's 教扶01 stage counts must equal its latest roster's. */
  requireRoster: boolean;
  /** Prefectures that may still submit although the period is locked. */
  openUnlocks: PeriodUnlock[];
  /** The deadlines of levels below the prefectures, by level code (a county's to its prefecture). */
  levelDeadlines: Record<string, string>;
}

interface LevelDeadlineRow {
  period_code: string;
  level: string;
  deadline: string;
}

interface PeriodRow {
  code: string;
  edition_id: string;
  status: PeriodStatus;
  deadline: string | null;
  opened_at: string;
  locked_at: string | null;
  require_stamped_copy: number;
  require_roster: number;
}

interface UnlockRow {
  period_code: string;
  unit_code: string;
  reason: string;
  unlocked_by: string | null;
  unlocked_at: string;
}

const periodColumns = "code, edition_id, status, deadline, opened_at, locked_at, require_stamped_copy, require_roster";
const unlockColumns = "period_code, unit_code, reason, unlocked_by, unlocked_at";

function toRecord(row: PeriodRow, unlocks: UnlockRow[], deadlines: LevelDeadlineRow[]): PeriodRecord {
  return {
    levelDeadlines: Object.fromEntries(
      deadlines.filter((deadline) => deadline.period_code === row.code).map((deadline) => [deadline.level, deadline.deadline]),
    ),
    code: row.code,
    editionId: row.edition_id,
    status: row.status,
    deadline: row.deadline,
    openedAt: row.opened_at,
    lockedAt: row.locked_at,
    requireStampedCopy: row.require_stamped_copy === 1,
    requireRoster: row.require_roster === 1,
    openUnlocks: unlocks
      .filter((unlock) => unlock.period_code === row.code)
      .map((unlock) => ({
        unitCode: unlock.unit_code,
        reason: unlock.reason,
        unlockedBy: unlock.unlocked_by,
        unlockedAt: unlock.unlocked_at,
      })),
  };
}

export async function listPeriods(db: D1Database): Promise<PeriodRecord[]> {
  const [periods, unlocks, deadlines] = await db.batch<PeriodRow | UnlockRow | LevelDeadlineRow>([
    db.prepare(`SELECT ${periodColumns} FROM periods ORDER BY code`),
    db.prepare(`SELECT ${unlockColumns} FROM period_unlocks WHERE closed_at IS NULL ORDER BY unit_code`),
    db.prepare("SELECT period_code, level, deadline FROM period_level_deadlines"),
  ]);
  const unlockRows = (unlocks?.results ?? []) as UnlockRow[];
  const deadlineRows = (deadlines?.results ?? []) as LevelDeadlineRow[];
  return ((periods?.results ?? []) as PeriodRow[]).map((row) => toRecord(row, unlockRows, deadlineRows));
}

export async function findPeriod(db: D1Database, code: string): Promise<PeriodRecord | null> {
  const [periods, unlocks, deadlines] = await db.batch<PeriodRow | UnlockRow | LevelDeadlineRow>([
    db.prepare(`SELECT ${periodColumns} FROM periods WHERE code = ?`).bind(code),
    db.prepare(`SELECT ${unlockColumns} FROM period_unlocks WHERE period_code = ? AND closed_at IS NULL ORDER BY unit_code`).bind(code),
    db.prepare("SELECT period_code, level, deadline FROM period_level_deadlines WHERE period_code = ?").bind(code),
  ]);
  const row = periods?.results[0] as PeriodRow | undefined;
  return row ? toRecord(row, (unlocks?.results ?? []) as UnlockRow[], (deadlines?.results ?? []) as LevelDeadlineRow[]) : null;
}

/** Whether a prefecture may submit for the period now: it is open, or unlocked for that prefecture. */
export function periodAcceptsSubmissionsFrom(period: PeriodRecord, unitCode: string): boolean {
  return period.status === "open" || period.openUnlocks.some((unlock) => unlock.unitCode === unitCode);
}

export async function editionExists(db: D1Database, editionId: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 FROM editions WHERE id = ?").bind(editionId).first()) !== null;
}

export function insertPeriodStatement(
  db: D1Database,
  period: { code: string; editionId: string; deadline: string | null; openedAt: string; openedBy: string },
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO periods (code, edition_id, status, deadline, opened_at, opened_by) VALUES (?, ?, 'open', ?, ?, ?)")
    .bind(period.code, period.editionId, period.deadline, period.openedAt, period.openedBy);
}

/**
 * Locks the period and closes every open per-prefecture unlock. The lock's time is the database's
 * clock as the lock commits, never earlier than the request's: every revision stored before it was
 * submitted at or before it, and the triggers of migration 0010 refuse any after it.
 */
export function lockPeriodStatements(db: D1Database, code: string, requestedAt: string, lockedBy: string): D1PreparedStatement[] {
  const now = "max(?1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";
  return [
    db.prepare(`UPDATE periods SET status = 'locked', locked_at = ${now}, locked_by = ?2 WHERE code = ?3`).bind(requestedAt, lockedBy, code),
    db.prepare(`UPDATE period_unlocks SET closed_at = ${now} WHERE period_code = ?2 AND closed_at IS NULL`).bind(requestedAt, code),
  ];
}

export function insertUnlockStatement(
  db: D1Database,
  unlock: { periodCode: string; unitCode: string; reason: string; unlockedBy: string; unlockedAt: string },
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO period_unlocks (period_code, unit_code, reason, unlocked_by, unlocked_at) VALUES (?, ?, ?, ?, ?)")
    .bind(unlock.periodCode, unlock.unitCode, unlock.reason, unlock.unlockedBy, unlock.unlockedAt);
}

export function updateRequireStampedCopyStatement(db: D1Database, code: string, required: boolean): D1PreparedStatement {
  return db.prepare("UPDATE periods SET require_stamped_copy = ? WHERE code = ?").bind(required ? 1 : 0, code);
}

export function updateRequireRosterStatement(db: D1Database, code: string, required: boolean): D1PreparedStatement {
  return db.prepare("UPDATE periods SET require_roster = ? WHERE code = ?").bind(required ? 1 : 0, code);
}

/**
 * Sets (or with null removes) the deadline of one level below the prefectures. A deadline after the
 * period's is written as NULL, so that its NOT NULL constraint aborts the batch (isDeadlineOrderError):
 * the order the request checked holds in the statement, whatever was written meanwhile.
 */
export function levelDeadlineStatement(db: D1Database, code: string, level: string, deadline: string | null): D1PreparedStatement {
  return deadline === null
    ? db.prepare("DELETE FROM period_level_deadlines WHERE period_code = ? AND level = ?").bind(code, level)
    : db
        .prepare(
          `INSERT INTO period_level_deadlines (period_code, level, deadline)
           SELECT ?1, ?2, CASE WHEN p.deadline IS NOT NULL AND ?3 > p.deadline THEN NULL ELSE ?3 END FROM periods p WHERE p.code = ?1
           ON CONFLICT (period_code, level) DO UPDATE SET deadline = excluded.deadline`,
        )
        .bind(code, level, deadline);
}

/**
 * Sets (or with null removes) the period's deadline. Before a level's deadline it would let that
 * level report after its parents: then edition_id is set to NULL, and its NOT NULL constraint
 * aborts the batch (isDeadlineOrderError), as a submit's stale revision does.
 */
export function updateDeadlineStatement(db: D1Database, code: string, deadline: string | null): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE periods SET deadline = ?2,
         edition_id = CASE WHEN EXISTS (SELECT 1 FROM period_level_deadlines WHERE period_code = ?1 AND deadline > ?2) THEN NULL ELSE edition_id END
       WHERE code = ?1`,
    )
    .bind(code, deadline);
}

/** The batch failed because a deadline statement found the period's and a level's deadlines out of order. */
export function isDeadlineOrderError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes("NOT NULL constraint failed: periods.edition_id") || message.includes("NOT NULL constraint failed: period_level_deadlines.deadline");
}
