// The poverty office's list (migrations 0015, 0020) and the comparison of the latest rosters with it:
// `poverty_list_entries` is the period's current list (a view since 0020; its writes are in
// worker/db/poverty-list-staging.ts). An entry holds the keyed hash, the masked ID, the county and
// the row number, never the raw ID.

export async function latestListUploadAt(db: D1Database, periodCode: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT uploaded_at FROM poverty_list_uploads WHERE period_code = ?1 ORDER BY id DESC LIMIT 1")
    .bind(periodCode)
    .first<{ uploaded_at: string }>();
  return row?.uploaded_at ?? null;
}

/** The latest roster revision of each unit of the period (all units, or those named in ?2 as a JSON array). */
const latestRosters = `latest AS MATERIALIZED (
  SELECT r.id FROM roster_revisions r
  WHERE r.period_code = ?1 AND (?2 IS NULL OR r.unit_code IN (SELECT value FROM json_each(?2)))
    AND r.revision = (SELECT max(x.revision) FROM roster_revisions x WHERE x.period_code = r.period_code AND x.unit_code = r.unit_code))`;

/**
 * Each student once per county (a student in two units' rosters of one county counts once), from the
 * latest rosters; `explained`: a roster explained it as 名册有、库无 (X10.3, 0021's marks).
 */
const rosterStudents = `students AS MATERIALIZED (
  SELECT s.county_code, s.id_hash, min(s.stage) AS stage, min(s.masked_id) AS masked_id,
    max(EXISTS (SELECT 1 FROM roster_unlisted_explained u WHERE u.roster_id = s.roster_id AND u.position = s.position)) AS explained
  FROM roster_students s JOIN latest l ON l.id = s.roster_id
  WHERE ?3 IS NULL OR s.county_code IN (SELECT value FROM json_each(?3))
  GROUP BY s.county_code, s.id_hash)`;

const inList = "EXISTS (SELECT 1 FROM poverty_list_entries e WHERE e.period_code = ?1 AND e.id_hash = students.id_hash)";
/** Whether a list entry's hash is in any latest roster of the period (the (period, hash) index of 0013). */
const inAnyRoster = `EXISTS (SELECT 1 FROM roster_students s WHERE s.period_code = ?1 AND s.id_hash = e.id_hash
  AND s.roster_id = (SELECT max(x.id) FROM roster_revisions r JOIN roster_revisions x ON x.period_code = r.period_code AND x.unit_code = r.unit_code WHERE r.id = s.roster_id))`;

/** Where the comparison looks: the rosters of these units (null: all) and these counties (null: all). */
export interface ComparisonScope {
  periodCode: string;
  rosterUnits: readonly string[] | null;
  counties: readonly string[] | null;
}

const scopeBindings = (scope: ComparisonScope) => [
  scope.periodCode,
  scope.rosterUnits && JSON.stringify(scope.rosterUnits),
  scope.counties && JSON.stringify(scope.counties),
];

export interface StageComparisonRow {
  county_code: string;
  stage: number;
  roster: number;
  verified: number;
  /** Of the students not in the list (roster − verified), those a roster explained (X10.3). */
  unlisted_explained: number;
}

export interface ListComparisonRow {
  county_code: string;
  list: number;
  list_only: number;
}

/** By county and stage: the students in the latest rosters, how many of them are in the list (核准), and of the others how many were explained; StageComparisonRow each. */
export function rosterSideStatement(db: D1Database, scope: ComparisonScope): D1PreparedStatement {
  return db
    .prepare(
      `WITH ${latestRosters}, ${rosterStudents}
       SELECT county_code, stage, count(*) AS roster, sum(${inList}) AS verified, sum(explained AND NOT ${inList}) AS unlisted_explained
       FROM students GROUP BY county_code, stage`,
    )
    .bind(...scopeBindings(scope));
}

/** By county: the list's entries and how many are in no latest roster (库有、名册无); ListComparisonRow each. */
export function listSideStatement(db: D1Database, scope: ComparisonScope): D1PreparedStatement {
  return db
    .prepare(
      `SELECT e.county_code, count(*) AS list, sum(NOT ${inAnyRoster}) AS list_only FROM poverty_list_entries e
       WHERE e.period_code = ?1 AND (?2 IS NULL OR e.county_code IN (SELECT value FROM json_each(?2)))
       GROUP BY e.county_code`,
    )
    .bind(scope.periodCode, scope.counties && JSON.stringify(scope.counties));
}

/** 名册有、库无: the students of the latest rosters not in the list, masked. */
export async function rosterOnlyStudents(db: D1Database, scope: ComparisonScope): Promise<{ masked_id: string; county_code: string; stage: number }[]> {
  const { results } = await db
    .prepare(
      `WITH ${latestRosters}, ${rosterStudents}
       SELECT masked_id, county_code, stage FROM students WHERE NOT ${inList} ORDER BY county_code, masked_id`,
    )
    .bind(...scopeBindings(scope))
    .all<{ masked_id: string; county_code: string; stage: number }>();
  return results;
}

/** 库有、名册无 of one county: its list entries in no latest roster, masked, with their row numbers. */
export async function listOnlyEntries(
  db: D1Database,
  periodCode: string,
  countyCode: string,
): Promise<{ row_number: number; masked_id: string; county_code: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT e.row_number, e.masked_id, e.county_code FROM poverty_list_entries e
       WHERE e.period_code = ?1 AND e.county_code = ?2 AND NOT ${inAnyRoster} ORDER BY e.row_number`,
    )
    .bind(periodCode, countyCode)
    .all<{ row_number: number; masked_id: string; county_code: string }>();
  return results;
}

/**
 * 教扶01's stage counts as reported, by unit (counties, prefectures, the province), from the stored
 * totals of the latest inclusion: what the verified counts are shown beside, as far as the fold has got.
 */
export async function reportedStageTotals(
  db: D1Database,
  periodCode: string,
  sheetCode: string,
  fieldCodes: readonly string[],
): Promise<{ unit_code: string; field_code: string; amount: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT unit_code, field_code, amount FROM consolidation_totals
       WHERE period_code = ?1 AND inclusion = 'latest' AND sheet_code = ?2 AND field_code IN (SELECT value FROM json_each(?3))`,
    )
    .bind(periodCode, sheetCode, JSON.stringify(fieldCodes))
    .all<{ unit_code: string; field_code: string; amount: number }>();
  return results;
}
