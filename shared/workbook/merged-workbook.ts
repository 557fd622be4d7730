import type { FormSet } from "../forms/form-set.ts";
import type { ReportData } from "../report/report-data.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { beijingTime } from "../values/beijing-time.ts";
import type { ReportTemplateInput } from "./render-template.ts";
import type { ChildSource } from "./sources-sheet.ts";

/** A unit's report merged from its children's included revisions, as GET …/merged answers it (shared/api/units.ts mergedReportSchema). */
export interface MergedChildren {
  report: ReportData;
  provenance: readonly { unitCode: string; revision: number; status: string; submittedAt: string }[];
  /** Children with nothing included whose latest revision was returned (the others never submitted). */
  returnedUnits: readonly string[];
}

export interface MergedWorkbookInput {
  formSet: FormSet;
  unit: ReportingUnit;
  period: string;
  merged: MergedChildren;
  /** The unit's own report (its latest revision, or the workbook its clerk filled): its cover and its own explanations are kept. */
  own?: ReportData | undefined;
  /** The previous period's accepted report, for _prev. */
  previous?: ReportData | undefined;
}

/** For each child, where its rows of the merged workbook come from: its included revision (locked), or the unit's clerk, saying whether the child was returned or never submitted. */
export function childSourcesOf(unit: ReportingUnit, merged: MergedChildren): ChildSource[] {
  const provenance = new Map(merged.provenance.map((entry) => [entry.unitCode, entry]));
  const returned = new Set(merged.returnedUnits);
  return unit.children.map((child) => {
    const entry = provenance.get(child.code);
    return {
      unitCode: child.code,
      unitName: child.name,
      revision: entry?.revision ?? null,
      submittedAt: entry ? beijingTime(entry.submittedAt) : "",
      statusZh: entry ? (entry.status === "accepted" ? "通过" : "已报") : returned.has(child.code) ? "退回" : "未报",
    };
  });
}

/**
 * The one merged workbook of a unit (a prefecture's from its counties), whoever builds it — the
 * Worker for the page (GET …/merged.xlsx) and `tianbao merge -o …xlsx` — so both give the same file:
 * the children's figures with their rows locked and shaded, 各县来源, and the unit's own cover and
 * explanations (of its cover and its 合计 rows) from its own report.
 */
export function mergedWorkbookInput(input: MergedWorkbookInput): ReportTemplateInput & { report: ReportData; sources: ChildSource[] } {
  const { formSet, unit, period, merged, own, previous } = input;
  const coverCodes = new Set(formSet.sheets.filter((sheet) => sheet.kind === "cover").map((sheet) => sheet.code));
  const covers = Object.fromEntries(
    Object.entries(own?.sheets ?? {})
      .filter(([code]) => coverCodes.has(code))
      .map(([code, rows]) => [code, rows.map((row) => ({ ...row, key: unit.code }))]),
  );
  const ownExplanations = (own?.explanations ?? []).filter((explanation) => coverCodes.has(explanation.sheetCode) || explanation.rowKey === unit.code);
  const report: ReportData = {
    ...merged.report,
    sheets: { ...merged.report.sheets, ...covers },
    explanations: [...(merged.report.explanations ?? []), ...ownExplanations],
  };
  return { formSet, unit, period, previous, report, sources: childSourcesOf(unit, merged) };
}
