import { consolidateUnits } from "./consolidate.ts";
import type { ConsolidatedReport } from "./consolidate.ts";
import type { FormSet } from "../forms/form-set.ts";
import type { ReportData } from "../report/report-data.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";

/** Numbers by sheet code, then row key (county, prefecture, province), then field code. */
export type EngineValues = Map<string, Map<string, Record<string, number | null>>>;

export function engineValuesOf(consolidated: Pick<ConsolidatedReport, "sheets">): EngineValues {
  return new Map(Object.entries(consolidated.sheets).map(([sheetCode, rows]) => [sheetCode, new Map(rows.map((row) => [row.key, row.values]))]));
}

/**
 * The values a unit's formulas give (computed fields per input row, the 合计 row's sums and
 * ratios), computed by the engine so that they can be written as cached values. Consolidating the
 * one report does exactly that: the unit's block total is the 合计 row, summed as hundredths. (A
 * county's report has no 合计: its block total sums its one row under the county's own key, and
 * the county's row, which comes after it, is the one kept; both hold the same numbers.)
 */
export function unitEngineValues(formSet: FormSet, unit: ReportingUnit, report: ReportData): EngineValues {
  const provenance = { unitCode: unit.code, submissionId: "", revision: 0, status: "", submittedAt: "" };
  return engineValuesOf(consolidateUnits(formSet, "", [unit], report.period, [{ report, provenance }]));
}
