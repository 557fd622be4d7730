import { listSideStatement, rosterSideStatement } from "./poverty-list-repository.ts";
import type { ComparisonScope, ListComparisonRow, StageComparisonRow } from "./poverty-list-repository.ts";

// The stored comparison (migration 0018): per county, the counts by stage and the list's counts, with
// what they were computed after (the county's newest change, the period's list upload). Computed in
// one batch whose reads are one snapshot, so what a row says it was computed after is what it saw.

/** One county's figures: by stage (ROSTER_STAGES order) its students in the latest rosters and of them in the list; its list entries and of them in no roster. */
export interface CountyFigures {
  countyCode: string;
  roster: number[];
  verified: number[];
  /** By stage: of the students in no entry of the list, those a roster explained (X10.3). */
  unlistedExplained: number[];
  list: number;
  listOnly: number;
}

/** Figures as computed, and what from: per county its newest change then (0: none), and the period's list upload then. */
export interface ComputedFigures {
  figures: CountyFigures[];
  changesThrough: Map<string, number>;
  listUploadId: number | null;
}

const STAGES = 5;

const inCounties = "(?2 IS NULL OR county_code IN (SELECT value FROM json_each(?2)))";
const countiesBinding = (counties: readonly string[] | null) => counties && JSON.stringify(counties);

const newestChanges = (db: D1Database, periodCode: string, counties: readonly string[] | null) =>
  db
    .prepare(`SELECT county_code, max(id) AS through FROM roster_comparison_changes WHERE period_code = ?1 AND ${inCounties} GROUP BY county_code`)
    .bind(periodCode, countiesBinding(counties));
const latestUpload = (db: D1Database, periodCode: string) =>
  db.prepare("SELECT max(id) AS id FROM poverty_list_uploads WHERE period_code = ?1").bind(periodCode);

const emptyFigures = (countyCode: string): CountyFigures => ({
  countyCode,
  roster: Array(STAGES).fill(0),
  verified: Array(STAGES).fill(0),
  unlistedExplained: Array(STAGES).fill(0),
  list: 0,
  listOnly: 0,
});

/** One stage's counts of a county, as computed or as stored. */
function setStage(figures: CountyFigures, row: StageComparisonRow): void {
  figures.roster[row.stage] = row.roster;
  figures.verified[row.stage] = row.verified;
  figures.unlistedExplained[row.stage] = row.unlisted_explained;
}

/**
 * The comparison of `counties` computed from the rosters and the list (the on-read computation), with
 * their newest changes and the list upload read in the same batch: one transaction, one snapshot.
 * `scope` says where the queries look (null units or counties: everywhere).
 */
export async function computeCountyFigures(db: D1Database, scope: ComparisonScope, counties: readonly string[]): Promise<ComputedFigures> {
  const [changes, upload, rosterSide, listSide] = await db.batch<Record<string, unknown>>([
    newestChanges(db, scope.periodCode, scope.counties),
    latestUpload(db, scope.periodCode),
    rosterSideStatement(db, scope),
    listSideStatement(db, scope),
  ]);
  const byCounty = new Map(counties.map((county) => [county, emptyFigures(county)]));
  for (const row of (rosterSide?.results ?? []) as unknown as StageComparisonRow[]) {
    const figures = byCounty.get(row.county_code);
    if (!figures || row.stage >= STAGES) continue;
    setStage(figures, row);
  }
  for (const row of (listSide?.results ?? []) as unknown as ListComparisonRow[]) {
    const figures = byCounty.get(row.county_code);
    if (!figures) continue;
    figures.list = row.list;
    figures.listOnly = row.list_only;
  }
  const through = new Map(((changes?.results ?? []) as { county_code: string; through: number }[]).map((row) => [row.county_code, row.through]));
  return {
    figures: [...byCounty.values()],
    changesThrough: new Map(counties.map((county) => [county, through.get(county) ?? 0])),
    listUploadId: ((upload?.results[0] as { id: number | null } | undefined)?.id ?? null) as number | null,
  };
}

/**
 * The stored figures of `counties` (null: all) that are current: no change of the county newer than
 * what they were computed after, computed with the period's latest list. A county missing from the
 * answer is stale or was never computed. One batch: one snapshot.
 */
export async function readCurrentFigures(db: D1Database, periodCode: string, counties: readonly string[] | null): Promise<Map<string, CountyFigures>> {
  const [stored, stages, changes, upload] = await db.batch<Record<string, unknown>>([
    db
      .prepare(`SELECT county_code, list, list_only, changes_through, list_upload_id FROM roster_comparison_counties WHERE period_code = ?1 AND ${inCounties}`)
      .bind(periodCode, countiesBinding(counties)),
    db
      .prepare(`SELECT county_code, stage, roster, verified, unlisted_explained FROM roster_comparison_stages WHERE period_code = ?1 AND ${inCounties}`)
      .bind(periodCode, countiesBinding(counties)),
    newestChanges(db, periodCode, counties),
    latestUpload(db, periodCode),
  ]);
  const listUploadId = (upload?.results[0] as { id: number | null } | undefined)?.id ?? null;
  const newest = new Map(((changes?.results ?? []) as { county_code: string; through: number }[]).map((row) => [row.county_code, row.through]));
  const current = new Map<string, CountyFigures>();
  type StoredRow = { county_code: string; list: number; list_only: number; changes_through: number; list_upload_id: number | null };
  for (const row of (stored?.results ?? []) as StoredRow[]) {
    if ((newest.get(row.county_code) ?? 0) <= row.changes_through && row.list_upload_id === listUploadId)
      current.set(row.county_code, { ...emptyFigures(row.county_code), list: row.list, listOnly: row.list_only });
  }
  for (const row of (stages?.results ?? []) as unknown as StageComparisonRow[]) {
    const figures = current.get(row.county_code);
    if (!figures || row.stage >= STAGES) continue;
    setStage(figures, row);
  }
  return current;
}

/**
 * The statements (one batch) that store computed figures. A county's row is written only over one
 * computed after fewer changes (a late writer with an older read never replaces a newer one: the
 * guard is in the statement), and its stage rows only with the row this batch wrote.
 */
export function storeFiguresStatements(db: D1Database, periodCode: string, computed: ComputedFigures, computedAt: string): D1PreparedStatement[] {
  const rows = JSON.stringify(
    computed.figures.map((figures) => [
      figures.countyCode,
      figures.list,
      figures.listOnly,
      computed.changesThrough.get(figures.countyCode) ?? 0,
      figures.roster.map((roster, stage) => [roster, figures.verified[stage] ?? 0, figures.unlistedExplained[stage] ?? 0]),
    ]),
  );
  return [
    db
      .prepare(
        `INSERT INTO roster_comparison_counties (period_code, county_code, list, list_only, changes_through, list_upload_id, computed_at)
         SELECT ?1, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, ?2, ?3 FROM json_each(?4) j WHERE true
         ON CONFLICT (period_code, county_code) DO UPDATE SET list = excluded.list, list_only = excluded.list_only,
           changes_through = excluded.changes_through, list_upload_id = excluded.list_upload_id, computed_at = excluded.computed_at
         WHERE excluded.changes_through > roster_comparison_counties.changes_through`,
      )
      .bind(periodCode, computed.listUploadId, computedAt, rows),
    db
      .prepare(
        `INSERT OR REPLACE INTO roster_comparison_stages (period_code, county_code, stage, roster, verified, unlisted_explained)
         SELECT ?1, c.county_code, k.key, k.value ->> 0, k.value ->> 1, k.value ->> 2
         FROM json_each(?3) j JOIN roster_comparison_counties c ON c.period_code = ?1 AND c.county_code = j.value ->> 0
           AND c.changes_through = j.value ->> 3 AND c.computed_at = ?2, json_each(j.value -> 4) k`,
      )
      .bind(periodCode, computedAt, rows),
  ];
}

/** The counties with a change newer than their stored figures (or none stored), oldest change first. */
export async function pendingCounties(db: D1Database, periodCode: string): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT c.county_code FROM roster_comparison_changes c WHERE c.period_code = ?1 GROUP BY c.county_code
       HAVING max(c.id) > coalesce((SELECT s.changes_through FROM roster_comparison_counties s WHERE s.period_code = ?1 AND s.county_code = c.county_code), 0)
       ORDER BY min(c.id)`,
    )
    .bind(periodCode)
    .all<{ county_code: string }>();
  return results.map((row) => row.county_code);
}
