import { reportScopeOf } from "../../shared/units/report-scope.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { computeCountyFigures, pendingCounties, readCurrentFigures, storeFiguresStatements } from "../db/roster-comparison-store.ts";
import type { ComputedFigures, CountyFigures } from "../db/roster-comparison-store.ts";

// The comparison's figures per county (比对, issue 29), kept like the stored totals: the triggers of
// migration 0018 record which counties a roster or a list upload changes, the queue's consumer
// recomputes only those, and a read serves stored figures only where they are current — a county with
// a newer change (or none stored) is computed on read, and stored — so a read always equals the
// comparison computed from the rosters and the list at that moment.

/** The counties of a unit (a county: itself; a prefecture: its counties; the province: all). */
export const countiesOf = (unit: ReportingUnit): string[] => reportScopeOf(unit).rowUnits.map((county) => county.code);

/** Every county of the province, prefecture by prefecture. */
export const provinceCounties: readonly string[] = reportingTree.root.children.flatMap(countiesOf);

/**
 * The figures of `counties` computed from the rosters and the list, whatever is stored. A county's
 * students are in its own roster or in its prefecture's (for counties that do not report themselves).
 */
export function computedFigures(db: D1Database, periodCode: string, counties: readonly string[]): Promise<ComputedFigures> {
  if (counties.length === provinceCounties.length && counties.every((county, index) => county === provinceCounties[index]))
    return computeCountyFigures(db, { periodCode, rosterUnits: null, counties: null }, counties);
  const rosterUnits = new Set<string>();
  for (const county of counties) {
    rosterUnits.add(county);
    const parent = reportingTree.unit(county)?.parent;
    if (parent) rosterUnits.add(parent.code);
  }
  return computeCountyFigures(db, { periodCode, rosterUnits: [...rosterUnits], counties }, counties);
}

/** Stores computed figures; a failure is logged, not thrown (the figures stay computable, the changes pending). */
async function store(db: D1Database, periodCode: string, computed: ComputedFigures): Promise<void> {
  try {
    await db.batch(storeFiguresStatements(db, periodCode, computed, new Date().toISOString()));
  } catch (error) {
    console.error("roster comparison not stored", periodCode, error);
  }
}

/** The figures of `counties` as a read serves them: stored where current, computed (and stored) where not. */
export async function countyFigures(db: D1Database, periodCode: string, counties: readonly string[]): Promise<Map<string, CountyFigures>> {
  const current = await readCurrentFigures(db, periodCode, counties.length === provinceCounties.length ? null : counties);
  const stale = counties.filter((county) => !current.has(county));
  const figures = new Map(counties.flatMap((county) => (current.has(county) ? [[county, current.get(county) as CountyFigures] as const] : [])));
  if (stale.length === 0) return figures;
  const computed = await computedFigures(db, periodCode, stale);
  await store(db, periodCode, computed);
  for (const county of computed.figures) figures.set(county.countyCode, county);
  return figures;
}

/** D1 queries a recompute makes at most: the pending counties, the computing batch's 4, the storing batch's 2. */
export const comparisonQueries = 7;

/** The queue consumer's step: recomputes and stores the counties with changes newer than their stored figures, only those. */
export async function recomputePendingCounties(db: D1Database, periodCode: string): Promise<string[]> {
  const pending = new Set(await pendingCounties(db, periodCode));
  const ordered = provinceCounties.filter((county) => pending.has(county));
  if (ordered.length === 0) return [];
  await db.batch(storeFiguresStatements(db, periodCode, await computedFigures(db, periodCode, ordered), new Date().toISOString()));
  return ordered;
}
