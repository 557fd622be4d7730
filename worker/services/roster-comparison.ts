import type { ProvinceComparison, RosterComparison, UnitComparison } from "../../shared/api/roster-comparison.ts";
import { ROSTER_STAGES } from "../../shared/roster/roster-definition.ts";
import { reportScopeOf } from "../../shared/units/report-scope.ts";
import { reportingTree, unitNameOf } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { Caller } from "../auth/caller.ts";
import {
  latestListUploadAt,
  listOnlyEntries,
  listSideCounts,
  reportedStageTotals,
  rosterOnlyStudents,
  rosterSideCounts,
} from "../db/poverty-list-repository.ts";
import type { ComparisonScope, StageComparisonRow } from "../db/poverty-list-repository.ts";
import { requirePeriod } from "./require-period.ts";

// 比对: the latest rosters against the period's poverty list, computed on read from D1 (the (period,
// hash) indexes of 0013 and 0015). Recomputing on change through the queue, stored like the totals,
// is a later step (issue 29).

type ListCounts = { list: number; list_only: number };
/** 教扶01's reported stage count of a unit (its code, the count field), undefined where none is stored. */
type Reported = (unitCode: string, countField: string) => number | undefined;

/** The sheet the verified counts stand beside. */
const STAGE_SHEET = "教扶01";

/** One unit's figures from the county rows of both sides (a county: its own; a prefecture: its counties'). */
function unitFigures(unitCode: string, counties: readonly string[], counts: Counts): UnitComparison {
  const { rosterRows, listRows, reported } = counts;
  const inUnit = new Set(counties);
  const stages = ROSTER_STAGES.map((stage) => ({
    stage: stage.labelZh,
    countField: stage.countField,
    roster: 0,
    verified: 0,
    reported: reported(unitCode, stage.countField) ?? null,
  }));
  for (const row of rosterRows) {
    const stage = stages[row.stage];
    if (!stage || !inUnit.has(row.county_code)) continue;
    stage.roster += row.roster;
    stage.verified += row.verified;
  }
  const roster = stages.reduce((sum, stage) => sum + stage.roster, 0);
  const verified = stages.reduce((sum, stage) => sum + stage.verified, 0);
  let list = 0;
  let listOnly = 0;
  for (const county of counties) {
    list += listRows.get(county)?.list ?? 0;
    listOnly += listRows.get(county)?.list_only ?? 0;
  }
  return {
    unitCode,
    unitName: unitNameOf(unitCode),
    stages,
    roster,
    list,
    verified,
    rosterOnly: roster - verified,
    listOnly,
    coverage: list === 0 ? null : verified / list,
  };
}

const countiesOf = (unit: ReportingUnit) => reportScopeOf(unit).rowUnits.map((county) => county.code);

interface Counts {
  rosterRows: StageComparisonRow[];
  listRows: Map<string, ListCounts>;
  reported: Reported;
}

async function countsOf(db: D1Database, scope: ComparisonScope): Promise<Counts> {
  const fields = ROSTER_STAGES.map((stage) => stage.countField);
  const [rosterRows, listRows, totals] = await Promise.all([
    rosterSideCounts(db, scope),
    listSideCounts(db, scope),
    reportedStageTotals(db, scope.periodCode, STAGE_SHEET, fields),
  ]);
  const amounts = new Map(totals.map((row) => [`${row.unit_code}/${row.field_code}`, row.amount]));
  return { rosterRows, listRows: new Map(listRows.map((row) => [row.county_code, row])), reported: (unit, field) => amounts.get(`${unit}/${field}`) };
}

/**
 * A unit's comparison (a county, or a prefecture over its counties): the counts, 名册有、库无 masked,
 * and 库有、名册无 with the list's row numbers only for the county's own clerk.
 */
export async function unitRosterComparison(db: D1Database, caller: Caller, periodCode: string, unit: ReportingUnit): Promise<RosterComparison> {
  await requirePeriod(db, periodCode);
  const counties = countiesOf(unit);
  // A county's students are in its own roster or in its prefecture's (for counties that do not report).
  const rosterUnits = [...new Set([unit.code, ...(unit.parent ? [unit.parent.code] : []), ...counties])];
  const scope: ComparisonScope = { periodCode, rosterUnits, counties };
  const [counts, rosterOnly, listUploadedAt] = await Promise.all([countsOf(db, scope), rosterOnlyStudents(db, scope), latestListUploadAt(db, periodCode)]);
  const ownCounty = caller.role === "clerk" && caller.unitCode === unit.code && counties.length === 1 && counties[0] === unit.code;
  const listOnly = ownCounty ? await listOnlyEntries(db, periodCode, unit.code) : undefined;
  return {
    ...unitFigures(unit.code, counties, counts),
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
export async function provinceRosterComparison(db: D1Database, periodCode: string): Promise<ProvinceComparison> {
  await requirePeriod(db, periodCode);
  const [counts, listUploadedAt] = await Promise.all([countsOf(db, { periodCode, rosterUnits: null, counties: null }), latestListUploadAt(db, periodCode)]);
  const prefectures = reportingTree.root.children;
  const counties = prefectures.flatMap((prefecture) =>
    countiesOf(prefecture).map((county) => ({ ...unitFigures(county, [county], counts), prefectureCode: prefecture.code })),
  );
  return {
    period: periodCode,
    listUploadedAt,
    counties,
    prefectures: prefectures.map((prefecture) => unitFigures(prefecture.code, countiesOf(prefecture), counts)),
    province: unitFigures(
      reportingTree.root.code,
      counties.map((county) => county.unitCode),
      counts,
    ),
  };
}
