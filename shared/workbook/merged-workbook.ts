import { childReportOf, mergeChildReports } from "../consolidate/merge-unit-reports.ts";
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
  /**
   * The unit's latest revision and where its children's rows came from (null: typed by the unit's
   * clerk; sources null: a revision from before its children reported, all typed): the rows it typed
   * for children that still have nothing to include are carried over, not blanked on every rebuild.
   */
  latest?: { revision: number; report: ReportData; sources: readonly { unitCode: string; revision: number | null }[] | null } | undefined;
  /** The previous period's accepted report, for _prev. */
  previous?: ReportData | undefined;
}

/** The merged workbook's input, and the children whose typed rows it carried over from the unit's latest revision. */
export type MergedWorkbook = ReportTemplateInput & { report: ReportData; sources: ChildSource[]; kept: string[] };

/** For each child, where its rows of the merged workbook come from: its included revision (locked), or the unit's clerk, saying whether the child was returned or never submitted. */
export function childSourcesOf(
  unit: ReportingUnit,
  merged: MergedChildren,
  kept: { codes: readonly string[]; revision?: number } = { codes: [] },
): ChildSource[] {
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
      ...(kept.revision !== undefined && kept.codes.includes(child.code) && { keptFromRevision: kept.revision }),
    };
  });
}

/**
 * The one merged workbook of a unit (a prefecture's from its counties), whoever builds it — the
 * Worker for the page (GET …/merged.xlsx) and `tianbao merge -o …xlsx` — so both give the same file:
 * the children's figures with their rows locked and shaded, 各县来源, and the unit's own cover and
 * explanations (of its cover and its 合计 rows) from its own report.
 */
export function mergedWorkbookInput(input: MergedWorkbookInput): MergedWorkbook {
  const { formSet, unit, period, own, previous } = input;
  const { merged, kept } = withTypedRowsKept(formSet, unit, input.merged, input.latest);
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
  return { formSet, unit, period, previous, report, sources: childSourcesOf(unit, merged, { codes: kept, revision: input.latest?.revision }), kept };
}

const hasFigures = (report: ReportData) =>
  Object.values(report.sheets).some((rows) => rows.some((row) => Object.values(row.values).some((value) => value !== null && value !== "")));

/**
 * The merge with the rows the unit's clerk typed in its latest revision for children that still
 * have no revision to include (a county not on the system yet): those children's parts of the
 * latest revision join the children's revisions, in the children's order. A child now included
 * has its rows from its revision; a child whose rows came from a revision since returned is not
 * kept (the county's, not the clerk's).
 */
function withTypedRowsKept(formSet: FormSet, unit: ReportingUnit, merged: MergedChildren, latest: MergedWorkbookInput["latest"]) {
  if (!latest || latest.report.edition !== merged.report.edition || latest.report.period !== merged.report.period) return { merged, kept: [] };
  const included = new Set(merged.provenance.map((entry) => entry.unitCode));
  const typedBefore = (code: string) => latest.sources === null || latest.sources.some((source) => source.unitCode === code && source.revision === null);
  const kept = unit.children.filter(
    (child) => !included.has(child.code) && typedBefore(child.code) && hasFigures(childReportOf(formSet, latest.report, child)),
  );
  if (kept.length === 0) return { merged, kept: [] };
  const parts = unit.children.flatMap((child) =>
    included.has(child.code) ? [childReportOf(formSet, merged.report, child)] : kept.includes(child) ? [childReportOf(formSet, latest.report, child)] : [],
  );
  const rebuilt = mergeChildReports(formSet, unit, parts).report;
  return {
    merged: {
      ...merged,
      report: { ...merged.report, sheets: { ...rebuilt.sheets, ...coverSheetsOf(formSet, merged.report) }, explanations: rebuilt.explanations },
    },
    kept: kept.map((child) => child.code),
  };
}

/** The report's cover sheets, as they are. */
const coverSheetsOf = (formSet: FormSet, report: ReportData) =>
  Object.fromEntries(
    formSet.sheets.filter((sheet) => sheet.kind === "cover" && report.sheets[sheet.code]).map((sheet) => [sheet.code, report.sheets[sheet.code]!]),
  );
