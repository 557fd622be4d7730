import type { FormSet } from "../forms/form-set.ts";
import { unitLayout } from "../layout/workbook-layout.ts";
import type { ReportData } from "../report/report-data.ts";
import { reportScopeOf } from "../units/report-scope.ts";
import { unitNameOf } from "../units/reporting-tree.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import type { ValidationIssue } from "../validate/validate-report.ts";
import { ROSTER_STAGES } from "./roster-definition.ts";
import type { RosterRule } from "./roster-definition.ts";

/** X10.1 (../shared/spec/roster.md): in a period that requires rosters, 教扶01's stage counts are the roster's. */
export const ROSTER_COUNT_RULE: RosterRule = {
  id: "X10.1",
  severity: "error",
  titleZh: "教扶01 人数与名册一致",
  titleEn: "教扶01 counts equal the roster's",
};

/** A county's students in a roster by 教扶01 field (E01_PRE, E01_CMP, …). */
export type StageCounts = Readonly<Record<string, number>>;

const SHEET = "教扶01";

/**
 * X10.1's issues of a report: for each county row of 教扶01, every stage count that differs from
 * the county's latest roster (`countsOf`), at its cell; a county with no roster at all, once, at its
 * first stage. A unit without 教扶01 rows for counties has none.
 */
export function rosterCountIssues(
  formSet: FormSet,
  unit: ReportingUnit,
  report: ReportData,
  countsOf: (countyCode: string) => StageCounts | undefined,
): ValidationIssue[] {
  // The grid's county rows: a prefecture's counties, a county's own row.
  const counties = new Set(reportScopeOf(unit).rowUnits.map((county) => county.code));
  const sheet = unitLayout(formSet, unit, report.period).sheet(SHEET);
  const issues: ValidationIssue[] = [];
  const place = (rowKey: string, fieldCode: string, zh: string, en: string) => {
    const cell = sheet?.cellOf(rowKey, fieldCode) ?? "";
    const address = cell ? `${SHEET}!${cell}` : SHEET;
    const { id, severity, titleZh, titleEn } = ROSTER_COUNT_RULE;
    issues.push({
      ruleId: id,
      severity,
      sheetCode: SHEET,
      sheetName: sheet?.name ?? SHEET,
      cell,
      address,
      rowKey,
      fieldCode,
      messageZh: `${address} ${zh} [${id} ${titleZh}]`,
      messageEn: `${address} ${en} [${id} ${titleEn}]`,
    });
  };
  for (const row of report.sheets[SHEET] ?? []) {
    if (!counties.has(row.key)) continue;
    const counts = countsOf(row.key);
    const [first] = ROSTER_STAGES;
    if (!counts) {
      if (first)
        place(
          row.key,
          first.countField,
          `${unitNameOf(row.key)}本期尚无名册:本期要求先报送名册`,
          `${unitNameOf(row.key, "en")} has no roster yet: this period requires one first`,
        );
      continue;
    }
    for (const stage of ROSTER_STAGES) {
      const typed = Number(row.values[stage.countField] ?? 0);
      const listed = counts[stage.countField] ?? 0;
      if (typed !== listed)
        place(
          row.key,
          stage.countField,
          `${stage.labelZh}人数为 ${typed},最新名册为 ${listed} 人`,
          `${stage.labelEn}: ${typed} students, where the latest roster lists ${listed}`,
        );
    }
  }
  return issues;
}
