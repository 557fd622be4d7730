import type { ProvinceComparison, RosterComparison, UnitComparison } from "../../shared/api/roster-comparison.ts";
import { ROSTER_STAGES } from "../../shared/roster/roster-definition.ts";
import { reportingTree, unitNameOf } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { Caller } from "../auth/caller.ts";
import { latestListUploadAt, listOnlyEntries, reportedStageTotals, rosterOnlyStudents } from "../db/poverty-list-repository.ts";
import type { ComparisonScope } from "../db/poverty-list-repository.ts";
import type { CountyFigures } from "../db/roster-comparison-store.ts";
import { computedFigures, countiesOf, countyFigures, provinceCounties } from "./comparison-figures.ts";
import { requirePeriod } from "./require-period.ts";

// 比对: the latest rosters against the period's poverty list. The counts per county are stored and
// recomputed through the queue when a roster or the list changes, and served only where current
// (worker/services/comparison-figures.ts); the lists of students (名册有、库无, 库有、名册无) are read
// from D1 on each request (the (period, hash) indexes of 0013 and 0015).

/** 教扶01's reported stage count of a unit (its code, the count field), undefined where none is stored. */
type Reported = (unitCode: string, countField: string) => number | undefined;

/** Where a read's figures come from: the store (current, else computed and stored) or computed from the rosters and the list alone. */
export type FiguresSource = "stored" | "on-read";

/** The sheet the verified counts stand beside. */
const STAGE_SHEET = "教扶01";

/** One unit's figures from its counties' (a county: its own; a prefecture: its counties'). */
function unitFigures(unitCode: string, counties: readonly string[], figures: Map<string, CountyFigures>, reported: Reported): UnitComparison {
  const stages = ROSTER_STAGES.map((stage) => ({
    stage: stage.labelZh,
    countField: stage.countField,
    roster: 0,
    verified: 0,
    reported: reported(unitCode, stage.countField) ?? null,
  }));
  let list = 0;
  let listOnly = 0;
  let rosterOnlyExplained = 0;
  for (const county of counties) {
    const of = figures.get(county);
    if (!of) continue;
    stages.forEach((stage, index) => {
      stage.roster += of.roster[index] ?? 0;
      stage.verified += of.verified[index] ?? 0;
    });
    list += of.list;
    listOnly += of.listOnly;
    rosterOnlyExplained += of.unlistedExplained.reduce((sum, count) => sum + count, 0);
  }
  const roster = stages.reduce((sum, stage) => sum + stage.roster, 0);
  const verified = stages.reduce((sum, stage) => sum + stage.verified, 0);
  return {
    unitCode,
    unitName: unitNameOf(unitCode),
    stages,
    roster,
    list,
    verified,
    rosterOnly: roster - verified,
    rosterOnlyExplained,
    listOnly,
    coverage: list === 0 ? null : verified / list,
  };
}

async function figuresOf(db: D1Database, periodCode: string, counties: readonly string[], source: FiguresSource): Promise<Map<string, CountyFigures>> {
  if (source === "stored") return countyFigures(db, periodCode, counties);
  const { figures } = await computedFigures(db, periodCode, counties);
  return new Map(figures.map((county) => [county.countyCode, county]));
}

async function reportedOf(db: D1Database, periodCode: string): Promise<Reported> {
  const fields = ROSTER_STAGES.map((stage) => stage.countField);
  const totals = await reportedStageTotals(db, periodCode, STAGE_SHEET, fields);
  const amounts = new Map(totals.map((row) => [`${row.unit_code}/${row.field_code}`, row.amount]));
  return (unit, field) => amounts.get(`${unit}/${field}`);
}

/**
 * A unit's comparison (a county, or a prefecture over its counties): the counts, 名册有、库无 masked,
 * and 库有、名册无 with the list's row numbers only for the county's own clerk.
 */
export async function unitRosterComparison(
  db: D1Database,
  caller: Caller,
  periodCode: string,
  unit: ReportingUnit,
  source: FiguresSource = "stored",
): Promise<RosterComparison> {
  await requirePeriod(db, periodCode);
  const counties = countiesOf(unit);
  // A county's students are in its own roster or in its prefecture's (for counties that do not report).
  const rosterUnits = [...new Set([unit.code, ...(unit.parent ? [unit.parent.code] : []), ...counties])];
  const scope: ComparisonScope = { periodCode, rosterUnits, counties };
  const [figures, reported, rosterOnly, listUploadedAt] = await Promise.all([
    figuresOf(db, periodCode, counties, source),
    reportedOf(db, periodCode),
    rosterOnlyStudents(db, scope),
    latestListUploadAt(db, periodCode),
  ]);
  const ownCounty = caller.role === "clerk" && caller.unitCode === unit.code && counties.length === 1 && counties[0] === unit.code;
  const listOnly = ownCounty ? await listOnlyEntries(db, periodCode, unit.code) : undefined;
  return {
    ...unitFigures(unit.code, counties, figures, reported),
    period: periodCode,
    listUploadedAt,
    rosterOnlyStudents: rosterOnly.map((row) => ({
      maskedId: row.masked_id,
      countyCode: row.county_code,
      stage: ROSTER_STAGES[row.stage]?.labelZh ?? "",
    })),
    ...(listOnly && { listOnlyEntries: listOnly.map((row) => ({ rowNumber: row.row_number, maskedId: row.masked_id, countyCode: row.county_code })) }),
  };
}

/** The province's comparison: every county, every prefecture and the province, counts only (no student listed). */
export async function provinceRosterComparison(db: D1Database, periodCode: string, source: FiguresSource = "stored"): Promise<ProvinceComparison> {
  await requirePeriod(db, periodCode);
  const [figures, reported, listUploadedAt] = await Promise.all([
    figuresOf(db, periodCode, provinceCounties, source),
    reportedOf(db, periodCode),
    latestListUploadAt(db, periodCode),
  ]);
  const prefectures = reportingTree.root.children;
  const counties = prefectures.flatMap((prefecture) =>
    countiesOf(prefecture).map((county) => ({ ...unitFigures(county, [county], figures, reported), prefectureCode: prefecture.code })),
  );
  return {
    period: periodCode,
    listUploadedAt,
    counties,
    prefectures: prefectures.map((prefecture) => unitFigures(prefecture.code, countiesOf(prefecture), figures, reported)),
    province: unitFigures(reportingTree.root.code, provinceCounties, figures, reported),
  };
}
