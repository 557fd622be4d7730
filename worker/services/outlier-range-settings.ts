import type { z } from "zod";
import type { outlierRangeSettingBodySchema } from "../../shared/api/outlier-ranges.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { rangedFields } from "../../shared/quality/outlier-ranges.ts";
import { reportScopeOf } from "../../shared/units/report-scope.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { Caller } from "../auth/caller.ts";
import { listOutlierRangeSettings, outlierRangeSettingStatements } from "../db/outlier-range-settings-repository.ts";
import type { OutlierRangeSettingRecord } from "../db/outlier-range-settings-repository.ts";
import { brokenStateRule } from "../db/state-rules.ts";
import { ProblemError } from "../http/problem.ts";
import { periodLockedProblem } from "./period-lock.ts";
import { formSetOfPeriod, requirePeriod } from "./require-period.ts";

// Outlier ranges set by hand (issue 30): the province overrides the computed range of one row's field,
// with a note; every setting is kept (migration 0016) with its audit row, the newest counts.

/** Every setting of the unit's rows in the period, oldest first. */
export async function outlierRangeSettingsOf(db: D1Database, periodCode: string, unit: ReportingUnit): Promise<OutlierRangeSettingRecord[]> {
  const period = await requirePeriod(db, periodCode);
  return listOutlierRangeSettings(
    db,
    period.code,
    reportScopeOf(unit).rowUnits.map((row) => row.code),
  );
}

/** Sets (or, with low and high null, clears) one field's range of one of the unit's rows; 422 for a row or field that has none, 423 when locked. */
export async function setOutlierRange(
  db: D1Database,
  caller: Caller,
  periodCode: string,
  unit: ReportingUnit,
  body: z.output<typeof outlierRangeSettingBodySchema>,
): Promise<OutlierRangeSettingRecord> {
  const period = await requirePeriod(db, periodCode);
  const rowKey = body.rowKey ?? unit.code;
  const rows = reportScopeOf(unit).rowUnits.map((row) => row.code);
  if (!rows.includes(rowKey))
    throw new ProblemError(problemKinds.invalidRequest, `${rowKey} 不是${unit.name}报表中的一行 / ${rowKey} is not a row of ${unit.nameEn}'s report`, {
      field: "rowKey",
    });
  const formSet = await formSetOfPeriod(db, period);
  if (!rangedFields(formSet).some((field) => field.fieldCode === body.fieldCode))
    throw new ProblemError(
      problemKinds.invalidRequest,
      `${body.fieldCode} 不是有异常值范围的字段（表格中的人数、金额等填报项） / ${body.fieldCode} is not a field with an outlier range (a count or amount input of the grid sheets)`,
      { field: "fieldCode" },
    );
  // A range is bounded like the value it bounds: never above the field's declared maximum.
  const max = formSet.sheetOfField(body.fieldCode)?.field(body.fieldCode)?.max;
  if (max !== undefined && body.high !== null && body.high > max)
    throw new ProblemError(
      problemKinds.invalidRequest,
      `${body.fieldCode} 的上限 ${body.high} 超过该字段允许的最大值 ${max} / the high ${body.high} of ${body.fieldCode} exceeds the field's maximum ${max}`,
      { field: "high" },
    );
  const setAt = new Date().toISOString();
  const statements = outlierRangeSettingStatements(db, {
    periodCode: period.code,
    unitCode: rowKey,
    fieldCode: body.fieldCode,
    low: body.low,
    high: body.high,
    note: body.note.trim(),
    setBy: caller.tokenId,
    setAt,
  });
  const [inserted] = await db.batch(statements).catch((error: unknown) => {
    throw brokenStateRule(error) === "period-locked" ? periodLockedProblem(period, unit, "range") : error;
  });
  const id = Number(inserted?.meta.last_row_id);
  return {
    id,
    periodCode: period.code,
    unitCode: rowKey,
    fieldCode: body.fieldCode,
    low: body.low,
    high: body.high,
    note: body.note.trim(),
    setAt,
    setByName: caller.tokenName,
  };
}

/** The ranges in force: the newest setting per row unit and field, unless it cleared the range. */
export function rangesInForce(settings: readonly OutlierRangeSettingRecord[]): { unitCode: string; fieldCode: string; low: number; high: number }[] {
  const newest = new Map<string, OutlierRangeSettingRecord>();
  for (const setting of settings) newest.set(`${setting.unitCode}|${setting.fieldCode}`, setting);
  return [...newest.values()].flatMap((setting) =>
    setting.low === null || setting.high === null ? [] : [{ unitCode: setting.unitCode, fieldCode: setting.fieldCode, low: setting.low, high: setting.high }],
  );
}
