import type { FormSet } from "../../shared/forms/form-set.ts";
import { computeOutlierRanges, rangedFields, withManualRanges } from "../../shared/quality/outlier-ranges.ts";
import type { OutlierRanges } from "../../shared/quality/outlier-ranges.ts";
import { integerScaleOf } from "../../shared/report/integer-scale.ts";
import { reportScopeOf } from "../../shared/units/report-scope.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { listOutlierRangeSettings } from "../db/outlier-range-settings-repository.ts";
import { listRangeValues } from "../db/range-values-repository.ts";
import { rangesInForce } from "./outlier-range-settings.ts";

/** How many earlier periods' accepted figures the ranges look at. */
export const RANGE_EARLIER_PERIODS = 4;

/**
 * The outlier ranges of a unit's rows (a prefecture's counties, a county's own) for its template:
 * from D1, each row unit's accepted figures of the earlier periods and this period's latest figures
 * of every unit of the same level (its peers), made by shared/quality.
 */
export async function outlierRangesOf(db: D1Database, formSet: FormSet, period: string, unit: ReportingUnit): Promise<OutlierRanges> {
  const fields = rangedFields(formSet);
  const typeOf = new Map(fields.map((field) => [field.fieldCode, field.type]));
  const rowUnits = reportScopeOf(unit).rowUnits.map((row) => row.code);
  const level = reportingTree.unit(rowUnits[0] ?? "")?.level.code;
  const rows = await listRangeValues(
    db,
    period,
    RANGE_EARLIER_PERIODS,
    fields.map((field) => field.fieldCode),
  );
  // period → row unit → field → the newest submission's value
  const byPeriod = new Map<string, Map<string, Record<string, number>>>();
  const newest = new Map<string, number>();
  for (const row of rows) {
    if (reportingTree.unit(row.row_key)?.level.code !== level) continue;
    const key = `${row.period_code}|${row.row_key}|${row.field_code}`;
    if ((newest.get(key) ?? -1) > row.submission_id) continue;
    newest.set(key, row.submission_id);
    const units = byPeriod.get(row.period_code) ?? byPeriod.set(row.period_code, new Map()).get(row.period_code)!;
    const values = units.get(row.row_key) ?? units.set(row.row_key, {}).get(row.row_key)!;
    values[row.field_code] = row.number_value / integerScaleOf(typeOf.get(row.field_code) ?? "int");
  }
  const earlier = [...byPeriod].filter(([code]) => code !== period).map(([, units]) => units);
  const computed = computeOutlierRanges({
    fields,
    units: rowUnits,
    current: byPeriod.get(period) ?? new Map(),
    history: new Map(rowUnits.map((code) => [code, earlier.flatMap((units) => (units.has(code) ? [units.get(code)!] : []))])),
  });
  // The province's ranges set by hand win over the computed ones (migration 0016).
  return withManualRanges(computed, rangesInForce(await listOutlierRangeSettings(db, period, rowUnits)));
}
