import { ROSTER_STAGES } from "../../shared/roster/roster-definition.ts";
import type { StageCounts } from "../../shared/roster/roster-counts.ts";
import type { RosterCountsByCounty } from "../../shared/roster/roster-counts-sheet.ts";
import { reportScopeOf } from "../../shared/units/report-scope.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { latestRosterStageCounts } from "../db/rosters-repository.ts";

/**
 * What X10.1 compares a unit's 教扶01 with: for each county of the unit, its stage counts in the
 * county's own latest roster, or, for a county without one, in the unit's (a prefecture submits the
 * rows of counties that do not report themselves); undefined for a county in neither.
 */
export async function rosterCountsOf(db: D1Database, periodCode: string, unit: ReportingUnit): Promise<(countyCode: string) => StageCounts | undefined> {
  const counties = reportScopeOf(unit).rowUnits.map((county) => county.code);
  const rows = await latestRosterStageCounts(db, periodCode, [...new Set([unit.code, ...counties])]);
  const byUnit = new Map<string, Map<string, Record<string, number>>>();
  for (const row of rows) {
    const ofUnit = byUnit.get(row.unit_code) ?? byUnit.set(row.unit_code, new Map()).get(row.unit_code)!;
    const counts = ofUnit.get(row.county_code) ?? ofUnit.set(row.county_code, {}).get(row.county_code)!;
    const field = ROSTER_STAGES[row.stage]?.countField;
    if (field) counts[field] = row.students;
  }
  return (countyCode) => {
    const own = byUnit.get(countyCode);
    if (own) return own.get(countyCode) ?? {};
    return byUnit.get(unit.code)?.get(countyCode);
  };
}

/** The counts the report template carries on _roster in a period that requires rosters (X10.1 offline); undefined otherwise. */
export async function templateRosterCounts(
  db: D1Database,
  period: { code: string; requireRoster: boolean },
  unit: ReportingUnit,
): Promise<RosterCountsByCounty | undefined> {
  if (!period.requireRoster) return undefined;
  const countsOf = await rosterCountsOf(db, period.code, unit);
  return Object.fromEntries(
    reportScopeOf(unit).rowUnits.flatMap((county) => {
      const counts = countsOf(county.code);
      return counts ? [[county.code, counts]] : [];
    }),
  );
}
