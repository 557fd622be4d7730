import type { FormSet, LoadedSheet } from "../forms/form-set.ts";
import type { CellValue, Explanation, ReportData, ReportRow } from "../report/report-data.ts";
import { isArgumentOf } from "../rules/rule-syntax.ts";
import { reportScopeOf } from "../units/report-scope.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { foldKey } from "../values/fold-key.ts";
import { unitEngineValues } from "./engine-values.ts";

/**
 * Cross-level consistency: a unit's report (a prefecture's) is its children's reports (its counties')
 * put side by side. The child's own grid row is the parent's row for that child, the parent's list
 * rows are the union of the children's, and the parent's 合计 row is computed from them exactly as
 * the parent's workbook computes it (unitEngineValues: consolidation's sums and recomputed ratios).
 * Splitting is the inverse. Both need a parent whose grid rows are its children (a 合计 and one row
 * per child) and children that report their own row.
 */

export interface MergedReport {
  report: ReportData;
  /** The 合计 row by sheet code, then field code: sums, and computed fields recomputed from the sums. */
  totals: Record<string, Record<string, number | null>>;
}

/** The field of a list sheet that says which unit a row belongs to: the one its rules check with inPrefecture(…) (教扶06: E06_COUNTY). */
export function listUnitFieldOf(sheet: LoadedSheet): string | undefined {
  return sheet.fields.find((field) => sheet.rules.some((rule) => rule.checks.some((check) => isArgumentOf(check.expression, "inPrefecture", field.code))))
    ?.code;
}

function requireChildOf(parent: ReportingUnit, child: ReportingUnit): void {
  if (child.parent !== parent || parent.level.report?.gridRows !== "totalAndChildren" || child.level.report?.gridRows !== "own")
    throw new Error(
      `${child.name} 的报表不是 ${parent.name} 报表中的一行 / ${child.nameEn}'s report is not one row of ${parent.nameEn}'s report (merging needs a parent with one row per child and children reporting their own row)`,
    );
}

/** Throws unless the child's report is one row of the parent's report (and the report is the parent's). */
export function requireChildPart(parentReport: ReportData, child: ReportingUnit): void {
  if (!child.parent || child.parent.code !== parentReport.unitCode)
    throw new Error(`${child.name} 不是 ${parentReport.unitCode} 的下级 / ${child.nameEn} is not a unit of ${parentReport.unitCode}`);
  requireChildOf(child.parent, child);
}

/** Which list rows belong to a unit: those whose unit column names it or a unit below it. */
function listRowBelongs(unit: ReportingUnit): (value: CellValue | undefined) => boolean {
  const codes = reportScopeOf(unit).listUnitCodes;
  return (value) => value !== null && value !== undefined && codes.has(foldKey(String(value)));
}

/**
 * The part of a parent's report that is one child's: its grid row, its list rows (renumbered from 0)
 * and the explanations of those rows. The cover is the child's own (its clerk signs it): pass it,
 * or the part has none. List rows that name no child are nobody's part (validation of the parent
 * report says so: R06.1).
 */
export function childReportOf(formSet: FormSet, parentReport: ReportData, child: ReportingUnit, options: { cover?: ReportRow } = {}): ReportData {
  requireChildPart(parentReport, child);
  const scope = reportScopeOf(child);
  const sheets: Record<string, ReportRow[]> = {};
  const ownExplanation: ((explanation: Explanation) => boolean)[] = [];
  for (const sheet of formSet.sheets) {
    const rows = parentReport.sheets[sheet.code];
    if (sheet.kind === "cover") {
      if (options.cover) sheets[sheet.code] = [{ ...options.cover, key: child.code }];
    } else if (sheet.kind === "grid") {
      if (rows) sheets[sheet.code] = rows.filter((row) => row.key === child.code);
      ownExplanation.push((explanation) => explanation.sheetCode === sheet.code && explanation.rowKey === child.code);
    } else if (scope.holdsLists) {
      const unitField = listUnitFieldOf(sheet);
      if (!unitField) continue;
      const belongs = listRowBelongs(child);
      if (rows) sheets[sheet.code] = rows.filter((row) => belongs(row.values[unitField])).map((row, position) => ({ ...row, position }));
      // A list row's explanation names it by its folded key fields joined by "|".
      const keyIndex = sheet.keyFields.findIndex((field) => field.code === unitField);
      ownExplanation.push((explanation) => explanation.sheetCode === sheet.code && keyIndex >= 0 && belongs(explanation.rowKey.split("|")[keyIndex]));
    }
  }
  return {
    edition: parentReport.edition,
    unitCode: child.code,
    period: parentReport.period,
    sheets,
    explanations: (parentReport.explanations ?? []).filter((explanation) => ownExplanation.some((owns) => owns(explanation))),
  };
}

/**
 * The parent's report from its children's: one grid row per child in the parent's order (a child
 * without a report leaves its row out, which validation then names), the children's list rows one
 * after another (renumbered), their explanations except the covers', and the parent's own cover and
 * explanations when given.
 */
export function mergeChildReports(
  formSet: FormSet,
  parent: ReportingUnit,
  childReports: readonly ReportData[],
  options: { cover?: ReportRow; explanations?: Explanation[] } = {},
): MergedReport {
  const [first] = childReports;
  const byCode = new Map(childReports.map((report) => [report.unitCode, report]));
  for (const report of childReports) {
    const child = parent.children.find((candidate) => candidate.code === report.unitCode);
    if (!child) throw new Error(`${report.unitCode} 不是 ${parent.name} 的下级 / ${report.unitCode} is not a unit of ${parent.nameEn}`);
    requireChildOf(parent, child);
    if (byCode.get(child.code) !== report) throw new Error(`${child.name} 的报表重复 / ${child.nameEn} reported twice`);
    if (report.edition !== first?.edition || report.period !== first.period)
      throw new Error(`${child.name} 的表式版本或报告期与其他下级不同 / ${child.nameEn}'s edition or period differs from the others'`);
  }
  const children = parent.children.flatMap((child) => {
    const report = byCode.get(child.code);
    return report ? [{ child, report }] : [];
  });
  const sheets: Record<string, ReportRow[]> = {};
  const coverCodes = new Set(formSet.sheets.filter((sheet) => sheet.kind === "cover").map((sheet) => sheet.code));
  for (const sheet of formSet.sheets) {
    if (sheet.kind === "cover") {
      if (options.cover) sheets[sheet.code] = [{ ...options.cover, key: parent.code }];
    } else if (sheet.kind === "grid") {
      sheets[sheet.code] = children.flatMap(({ child, report }) => report.sheets[sheet.code]?.filter((row) => row.key === child.code).slice(0, 1) ?? []);
    } else if (reportScopeOf(parent).holdsLists) {
      sheets[sheet.code] = children.flatMap(({ report }) => report.sheets[sheet.code] ?? []).map((row, position) => ({ ...row, position }));
    }
  }
  const report: ReportData = {
    edition: first?.edition ?? formSet.edition,
    unitCode: parent.code,
    period: first?.period ?? "",
    sheets,
    explanations: [
      ...children.flatMap(({ report }) => (report.explanations ?? []).filter((explanation) => !coverCodes.has(explanation.sheetCode))),
      ...(options.explanations ?? []),
    ],
  };
  const engine = unitEngineValues(formSet, parent, report);
  const totals = Object.fromEntries(
    formSet.sheets.flatMap((sheet) => {
      const total = sheet.kind === "grid" ? engine.get(sheet.code)?.get(parent.code) : undefined;
      return total ? [[sheet.code, total] as const] : [];
    }),
  );
  return { report, totals };
}
