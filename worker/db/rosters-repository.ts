import { AUDIT_INSERT, auditValues } from "../../shared/audit/audit-entry.ts";

// Rosters: append-only revisions of a unit's roster of registered poor students (migration 0013).
// A student row holds the keyed hash and the masked ID, never the raw ID or the name.

/** What is kept of one student: the keyed hash (32 hex digits, stored as 16 bytes) and what the spec allows. */
export interface StoredStudent {
  position: number;
  idHash: string;
  maskedId: string;
  countyCode: string;
  /** Index in ROSTER_STAGES. */
  stage: number;
  aided: boolean;
  /** Bits of the explained warnings (EXPLAINED_BITS). */
  explained: number;
}

export interface RosterRevisionRecord {
  id: number;
  periodCode: string;
  unitCode: string;
  revision: number;
  submittedBy: string;
  submittedByName: string;
  submittedAt: string;
  contentSha256: string;
  students: number;
}

interface RevisionRow {
  id: number;
  period_code: string;
  unit_code: string;
  revision: number;
  submitted_by: string;
  submitted_by_name: string;
  submitted_at: string;
  content_sha256: string;
  students: number;
}

const columns = "r.id, r.period_code, r.unit_code, r.revision, r.submitted_by, t.name AS submitted_by_name, r.submitted_at, r.content_sha256, r.students";
const fromRevisions = "FROM roster_revisions r JOIN tokens t ON t.id = r.submitted_by";
/** The condition that r is its unit's latest roster revision of its period. */
const isLatest = "r.revision = (SELECT max(x.revision) FROM roster_revisions x WHERE x.period_code = r.period_code AND x.unit_code = r.unit_code)";

const toRecord = (row: RevisionRow): RosterRevisionRecord => ({
  id: row.id,
  periodCode: row.period_code,
  unitCode: row.unit_code,
  revision: row.revision,
  submittedBy: row.submitted_by,
  submittedByName: row.submitted_by_name,
  submittedAt: row.submitted_at,
  contentSha256: row.content_sha256,
  students: row.students,
});

export async function listRosterRevisions(db: D1Database, periodCode: string, unitCode: string): Promise<RosterRevisionRecord[]> {
  const { results } = await db
    .prepare(`SELECT ${columns} ${fromRevisions} WHERE r.period_code = ? AND r.unit_code = ? ORDER BY r.revision`)
    .bind(periodCode, unitCode)
    .all<RevisionRow>();
  return results.map(toRecord);
}

export async function findRosterRevision(db: D1Database, periodCode: string, unitCode: string, revision: number): Promise<RosterRevisionRecord | null> {
  const row = await db
    .prepare(`SELECT ${columns} ${fromRevisions} WHERE r.period_code = ? AND r.unit_code = ? AND r.revision = ?`)
    .bind(periodCode, unitCode, revision)
    .first<RevisionRow>();
  return row ? toRecord(row) : null;
}

/** The revision a token stored for a unit under this idempotency key, if any. */
export async function findRosterByIdempotencyKey(db: D1Database, submittedBy: string, unitCode: string, key: string): Promise<RosterRevisionRecord | null> {
  const row = await db
    .prepare(`SELECT ${columns} ${fromRevisions} WHERE r.submitted_by = ? AND r.unit_code = ? AND r.idempotency_key = ?`)
    .bind(submittedBy, unitCode, key)
    .first<RevisionRow>();
  return row ? toRecord(row) : null;
}

export interface StudentRow {
  position: number;
  masked_id: string;
  county_code: string;
  stage: number;
  aided: number;
  explained: number;
}

export async function listRosterStudents(db: D1Database, rosterId: number): Promise<StudentRow[]> {
  const { results } = await db
    .prepare("SELECT position, masked_id, county_code, stage, aided, explained FROM roster_students WHERE roster_id = ? ORDER BY position")
    .bind(rosterId)
    .all<StudentRow>();
  return results;
}

export interface NewRosterRevision {
  periodCode: string;
  unitCode: string;
  submittedBy: string;
  submittedAt: string;
  idempotencyKey: string;
  contentSha256: string;
}

/**
 * Students a statement: one JSON parameter each, well under D1's 2,000,000 bytes a value (a row's
 * JSON is about 80 bytes), so a prefecture's 40,000 take four statements.
 */
const STUDENTS_PER_STATEMENT = 10_000;

/**
 * One submit's statements for one `DB.batch()` (one transaction): the revision, numbered latest + 1
 * in the INSERT, its students unpacked from JSON (found by the idempotency key, unique per token
 * and unit; the period copied from the revision; the hash stored as 16 bytes), and the audit row.
 * The triggers of 0013 refuse it in a locked period.
 */
export function insertRosterStatements(
  db: D1Database,
  revision: NewRosterRevision,
  students: StoredStudent[],
  unlistedExplained: readonly number[] = [],
): D1PreparedStatement[] {
  const insertRevision = db
    .prepare(
      `INSERT INTO roster_revisions (period_code, unit_code, revision, submitted_by, submitted_at, idempotency_key, content_sha256, students)
       SELECT ?1, ?2, coalesce(max(revision), 0) + 1, ?3, ?4, ?5, ?6, ?7 FROM roster_revisions WHERE period_code = ?1 AND unit_code = ?2
       RETURNING id, revision`,
    )
    .bind(revision.periodCode, revision.unitCode, revision.submittedBy, revision.submittedAt, revision.idempotencyKey, revision.contentSha256, students.length);
  const insertStudents: D1PreparedStatement[] = [];
  for (let start = 0; start < students.length; start += STUDENTS_PER_STATEMENT) {
    const chunk = students
      .slice(start, start + STUDENTS_PER_STATEMENT)
      .map((student) => [student.position, student.idHash, student.maskedId, student.countyCode, student.stage, student.aided ? 1 : 0, student.explained]);
    insertStudents.push(
      db
        .prepare(
          `INSERT INTO roster_students (roster_id, position, period_code, id_hash, masked_id, county_code, stage, aided, explained)
           SELECT r.id, j.value ->> 0, r.period_code, unhex(j.value ->> 1), j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6
           FROM roster_revisions r, json_each(?4) j
           WHERE r.submitted_by = ?1 AND r.unit_code = ?2 AND r.idempotency_key = ?3`,
        )
        .bind(revision.submittedBy, revision.unitCode, revision.idempotencyKey, JSON.stringify(chunk)),
    );
  }
  // X10.3 explained, by position: the mark only (table roster_unlisted_explained), in the same batch as the students it names.
  const explainUnlisted =
    unlistedExplained.length === 0
      ? []
      : [
          db
            .prepare(
              `INSERT INTO roster_unlisted_explained (roster_id, position)
               SELECT r.id, j.value FROM roster_revisions r, json_each(?4) j
               WHERE r.submitted_by = ?1 AND r.unit_code = ?2 AND r.idempotency_key = ?3`,
            )
            .bind(revision.submittedBy, revision.unitCode, revision.idempotencyKey, JSON.stringify(unlistedExplained)),
        ];
  const [at, tokenId, action, target, detail] = auditValues({
    tokenId: revision.submittedBy,
    action: "roster.create",
    target: `period:${revision.periodCode}/prefecture:${revision.unitCode}`,
    detail: { students: students.length, sha256: revision.contentSha256, idempotencyKey: revision.idempotencyKey },
    at: revision.submittedAt,
  });
  // The audit row names the revision the INSERT numbered.
  const audit = db
    .prepare(
      `${AUDIT_INSERT} SELECT ?1, ?2, ?3, ?4, json_set(?5, '$.revision', r.revision)
       FROM roster_revisions r WHERE r.submitted_by = ?2 AND r.unit_code = ?6 AND r.idempotency_key = ?7`,
    )
    .bind(at, tokenId, action, target, detail, revision.unitCode, revision.idempotencyKey);
  return [insertRevision, ...insertStudents, ...explainUnlisted, audit];
}

/** The batch failed because the same token stored the same idempotency key meanwhile (a concurrent retry). */
export function isRosterKeyTaken(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes("UNIQUE constraint failed: roster_revisions.submitted_by, roster_revisions.unit_code, roster_revisions.idempotency_key");
}

export interface DuplicateRow {
  masked_id: string;
  other_unit: string;
  explained: number;
}

/**
 * X10.2 for one revision: its students whose keyed hash is in another unit's latest roster of the
 * period. Reads this revision's rows by its key and, per row, the (period, hash) index: other
 * units' rows are touched only where a hash matches.
 */
export function rosterDuplicatesStatement(db: D1Database, rosterId: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT mine.masked_id, r.unit_code AS other_unit, mine.explained
       FROM roster_students mine
       JOIN roster_revisions me ON me.id = mine.roster_id
       JOIN roster_students theirs ON theirs.period_code = mine.period_code AND theirs.id_hash = mine.id_hash AND theirs.roster_id <> mine.roster_id
       JOIN roster_revisions r ON r.id = theirs.roster_id
       WHERE mine.roster_id = ?1 AND r.unit_code <> me.unit_code AND ${isLatest}
       ORDER BY mine.position, r.unit_code`,
    )
    .bind(rosterId);
}

export async function findRosterDuplicates(db: D1Database, rosterId: number): Promise<DuplicateRow[]> {
  return (await rosterDuplicatesStatement(db, rosterId).all<DuplicateRow>()).results;
}

/**
 * X10.3: student s of a roster in no entry of its period's poverty list (the list's (period, hash)
 * key), given the period has one; `period` names the period in SQL (a parameter keeps the list check out of the per-row work).
 */
const notOnListCondition = (period: string) => `EXISTS (SELECT 1 FROM poverty_list_uploads u WHERE u.period_code = ${period})
  AND NOT EXISTS (SELECT 1 FROM poverty_list_entries e WHERE e.period_code = s.period_code AND e.id_hash = s.id_hash)`;
/** Whether the clerk explained student s's X10.3 warning (a mark of roster_unlisted_explained). */
const explainedUnlisted = "EXISTS (SELECT 1 FROM roster_unlisted_explained x WHERE x.roster_id = s.roster_id AND x.position = s.position)";

export interface UnlistedRow {
  position: number;
  masked_id: string;
  explained: number;
}

/**
 * X10.3 for one revision: whether the period has a poverty list and, if so, the revision's students
 * whose keyed hash is in none of its entries, with whether each was explained.
 */
export async function findRosterUnlisted(db: D1Database, rosterId: number): Promise<{ listUploaded: boolean; students: UnlistedRow[] }> {
  const [uploads, students] = await db.batch([
    db
      .prepare("SELECT count(*) AS uploads FROM poverty_list_uploads u JOIN roster_revisions r ON r.period_code = u.period_code WHERE r.id = ?1")
      .bind(rosterId),
    db
      .prepare(
        `SELECT s.position, s.masked_id, ${explainedUnlisted} AS explained FROM roster_students s WHERE s.roster_id = ?1 AND ${notOnListCondition("s.period_code")} ORDER BY s.position`,
      )
      .bind(rosterId),
  ]);
  const listUploaded = ((uploads?.results[0] as { uploads: number } | undefined)?.uploads ?? 0) > 0;
  return { listUploaded, students: (students?.results ?? []) as UnlistedRow[] };
}

/** A revision's X10.3 findings without its rows: null when the unit has no such revision (no revision at all, for the latest). */
export interface RosterFindingsRecord {
  revision: number;
  students: number;
  listUploaded: boolean;
  unlisted: UnlistedRow[];
}

/**
 * X10.3 for a unit's revision (`latest`: its latest in the period) in one statement: the revision
 * found by its key, whether the period has a list, and only the students on no entry of it. The
 * revision's other rows are looked up in the list's key and not returned, nor masked, nor counted
 * here: one row comes back per unlisted student (one with NULLs when there is none).
 */
export async function findRosterFindings(
  db: D1Database,
  periodCode: string,
  unitCode: string,
  revision: number | "latest",
): Promise<RosterFindingsRecord | null> {
  type Row = { revision: number; students: number; list_uploaded: number; position: number | null; masked_id: string | null; explained: number };
  const { results } = await db
    .prepare(
      `WITH r AS (
         SELECT id, revision, students FROM roster_revisions
         WHERE period_code = ?1 AND unit_code = ?2
           AND revision = coalesce(?3, (SELECT max(x.revision) FROM roster_revisions x WHERE x.period_code = ?1 AND x.unit_code = ?2))
       )
       SELECT r.revision, r.students, EXISTS (SELECT 1 FROM poverty_list_uploads u WHERE u.period_code = ?1) AS list_uploaded,
              s.position, s.masked_id, ${explainedUnlisted} AS explained
       FROM r LEFT JOIN roster_students s ON s.roster_id = r.id AND ${notOnListCondition("?1")}
       ORDER BY s.position`,
    )
    .bind(periodCode, unitCode, revision === "latest" ? null : revision)
    .all<Row>();
  const first = results[0];
  if (!first) return null;
  return {
    revision: first.revision,
    students: first.students,
    listUploaded: first.list_uploaded === 1,
    unlisted: results
      .filter((row) => row.position !== null)
      .map((row) => ({ position: row.position as number, masked_id: row.masked_id as string, explained: row.explained })),
  };
}

/** X10.2 for the province: pairs of units whose latest rosters of the period share students, and how many. */
export async function countRosterDuplicatePairs(db: D1Database, periodCode: string): Promise<{ unit_a: string; unit_b: string; students: number }[]> {
  const { results } = await db
    .prepare(
      `WITH latest AS MATERIALIZED (SELECT r.id, r.unit_code FROM roster_revisions r WHERE r.period_code = ?1 AND ${isLatest})
       SELECT a.unit_code AS unit_a, b.unit_code AS unit_b, count(*) AS students
       FROM latest a
       JOIN roster_students sa ON sa.roster_id = a.id
       JOIN roster_students sb ON sb.period_code = ?1 AND sb.id_hash = sa.id_hash
       JOIN latest b ON b.id = sb.roster_id AND b.unit_code > a.unit_code
       GROUP BY a.unit_code, b.unit_code ORDER BY a.unit_code, b.unit_code`,
    )
    .bind(periodCode)
    .all<{ unit_a: string; unit_b: string; students: number }>();
  return results;
}

/** Roster coverage of a period (the dashboard): units with a latest roster, the counties, students and aided students on them, in one statement. */
export async function rosterCoverageCounts(db: D1Database, periodCode: string): Promise<{ units: number; counties: number; students: number; aided: number }> {
  const row = await db
    .prepare(
      `SELECT count(DISTINCT r.unit_code) AS units, count(DISTINCT s.county_code) AS counties, count(s.position) AS students, coalesce(sum(s.aided), 0) AS aided
       FROM roster_revisions r LEFT JOIN roster_students s ON s.roster_id = r.id
       WHERE r.period_code = ?1 AND ${isLatest}`,
    )
    .bind(periodCode)
    .first<{ units: number; counties: number; students: number; aided: number }>();
  return row ?? { units: 0, counties: 0, students: 0, aided: 0 };
}

/** Students by county and stage in the latest roster of each of these units (X10.1), read with one statement. */
export async function latestRosterStageCounts(
  db: D1Database,
  periodCode: string,
  unitCodes: readonly string[],
): Promise<{ unit_code: string; county_code: string; stage: number; students: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT r.unit_code, s.county_code, s.stage, count(*) AS students
       FROM roster_revisions r JOIN roster_students s ON s.roster_id = r.id
       WHERE r.period_code = ?1 AND r.unit_code IN (SELECT value FROM json_each(?2)) AND ${isLatest}
       GROUP BY r.unit_code, s.county_code, s.stage`,
    )
    .bind(periodCode, JSON.stringify(unitCodes))
    .all<{ unit_code: string; county_code: string; stage: number; students: number }>();
  return results;
}
