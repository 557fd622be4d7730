import { consolidate } from "./consolidate.ts";
import type { ConsolidatedReport } from "./consolidate.ts";
import type { FormSet } from "../forms/form-set.ts";
import type { RegionTable } from "../regions/region-table.ts";
import type { ReportData } from "../report/report-data.ts";
import { reportScopeOf } from "../units/report-scope.ts";
import type { ReportUnit } from "../units/report-scope.ts";

/** Numbers by sheet code, then row key (county, prefecture, province), then field code. */
export type EngineValues = Map<string, Map<string, Record<string, number | null>>>;

export function engineValuesOf(consolidated: ConsolidatedReport): EngineValues {
  return new Map(Object.entries(consolidated.sheets).map(([sheetCode, rows]) => [sheetCode, new Map(rows.map((row) => [row.key, row.values]))]));
}

/**
 * The values a unit's formulas give (computed fields per input row, the 合计 row's sums and
 * ratios), computed by the engine so that they can be written as cached values. Consolidating the
 * one report does exactly that: the prefecture row is the 合计 row, summed as hundredths. (A
 * county's report has no 合计: its "prefecture" row sums its one row under the county's own key, and
 * the county's row, which comes after it, is the one kept; both hold the same numbers.)
 */
export function unitEngineValues(formSet: FormSet, unit: ReportUnit, report: ReportData): EngineValues {
  const prefecture = reportScopeOf(unit);
  const onePrefecture: RegionTable = {
    province: { code: "", name: "", nameEn: "" },
    prefectures: [prefecture],
    prefecture: (code) => (code === prefecture.code ? prefecture : undefined),
    prefectureOfCounty: (code) => (prefecture.counties.some((county) => county.code === code) ? prefecture : undefined),
  };
  const provenance = { unitCode: prefecture.code, submissionId: "", revision: 0, status: "", submittedAt: "" };
  return engineValuesOf(consolidate(formSet, onePrefecture, report.period, [{ report, provenance }]));
}
