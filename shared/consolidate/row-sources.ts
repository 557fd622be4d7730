import type { FormSet } from "../forms/form-set.ts";
import type { ReportData, ReportRow } from "../report/report-data.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { childReportOf } from "./merge-unit-reports.ts";

/** Where a child unit's rows in its parent's report came from: the child's revision, or the parent's clerk (revision null). */
export interface RowSource {
  unitCode: string;
  revision: number | null;
}

/** Per sheet but the cover: its input fields (not computed), in the form set's order; a list's rows carry no key. */
type FigureSheets = { code: string; keyed: boolean; inputs: string[] }[];

const figureSheetsOf = (formSet: FormSet): FigureSheets =>
  formSet.sheets
    .filter((sheet) => sheet.kind !== "cover")
    .map((sheet) => ({ code: sheet.code, keyed: sheet.kind !== "list", inputs: sheet.fields.filter((field) => !field.formula).map((field) => field.code) }));

/**
 * A report's figures without its cover (the unit's own), list positions (renumbered in a merge) or
 * computed fields (a workbook's locked rows may carry their values, a county's revision never does):
 * what a merge carries over. Each row is the JSON of its key and its inputs' values in the form set's
 * order (values are numbers, text, booleans or null, so that JSON is canonical), a sheet's rows sorted.
 */
function figuresOf(sheets: FigureSheets, report: ReportData): string {
  const figures = sheets.map(({ code, keyed, inputs }) =>
    (report.sheets[code] ?? []).map((row: ReportRow) => JSON.stringify([keyed ? row.key : "", ...inputs.map((field) => row.values[field] ?? null)])).sort(),
  );
  return JSON.stringify(figures);
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
  const sheets = figureSheetsOf(formSet);
  return parent.children
    .filter((child) => child.level.report)
    .map((child) => {
      const revision = byUnit.get(child.code);
      const carried = revision && figuresOf(sheets, childReportOf(formSet, parentReport, child)) === figuresOf(sheets, revision.report);
      return { unitCode: child.code, revision: carried ? revision.revision : null };
    });
}
