import type { FormSet } from "../forms/form-set.ts";
import { canonicalJson } from "../report/canonical-json.ts";
import type { ReportData, ReportRow } from "../report/report-data.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { childReportOf } from "./merge-unit-reports.ts";

/** Where a child unit's rows in its parent's report came from: the child's revision, or the parent's clerk (revision null). */
export interface RowSource {
  unitCode: string;
  revision: number | null;
}

/**
 * A report's figures without its cover (the unit's own), list positions (renumbered in a merge) or
 * computed fields (a workbook's locked rows may carry their values, a county's revision never does):
 * what a merge carries over.
 */
function figuresOf(formSet: FormSet, report: ReportData): string {
  const figures = formSet.sheets
    .filter((sheet) => sheet.kind !== "cover")
    .map((sheet) => {
      const inputs = sheet.fields.filter((field) => !field.formula).map((field) => field.code);
      const valuesOf = (row: ReportRow) => Object.fromEntries(inputs.map((code) => [code, row.values[code] ?? null]));
      return (report.sheets[sheet.code] ?? []).map((row) => canonicalJson({ key: sheet.kind === "list" ? "" : row.key, values: valuesOf(row) })).sort();
    });
  return canonicalJson(figures);
}

/**
 * For each unit reporting to the parent, whether the parent's report carries that unit's figures
 * exactly as its included revision has them (the revision), or not (null: typed, or changed, by the
 * parent's clerk — a county that does not use the system yet, or a correction made above it).
 */
export function rowSources(
  formSet: FormSet,
  parent: ReportingUnit,
  parentReport: ReportData,
  included: readonly { unitCode: string; revision: number; report: ReportData }[],
): RowSource[] {
  const byUnit = new Map(included.map((entry) => [entry.unitCode, entry]));
  return parent.children
    .filter((child) => child.level.report)
    .map((child) => {
      const revision = byUnit.get(child.code);
      const carried = revision && figuresOf(formSet, childReportOf(formSet, parentReport, child)) === figuresOf(formSet, revision.report);
      return { unitCode: child.code, revision: carried ? revision.revision : null };
    });
}
