import type { FormSet } from "../forms/form-set.ts";
import type { ReportData, ReportRow } from "../report/report-data.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { reportScopeOf } from "../units/report-scope.ts";
import { foldKey } from "../values/fold-key.ts";
import { listUnitFieldOf, requireChildPart } from "./merge-unit-reports.ts";

/** Where a child unit's rows in its parent's report came from: the child's revision, or the parent's clerk (revision null). */
export interface RowSource {
  unitCode: string;
  revision: number | null;
}

/** Per sheet but the cover: its input fields (not computed), in the form set's order; a list's rows carry no key, and name their unit in `unitField`. */
type FigureSheets = { code: string; keyed: boolean; inputs: string[]; unitField: string | undefined }[];

const figureSheets = new WeakMap<FormSet, FigureSheets>();
function figureSheetsOf(formSet: FormSet): FigureSheets {
  let sheets = figureSheets.get(formSet);
  if (!sheets) {
    sheets = formSet.sheets
      .filter((sheet) => sheet.kind !== "cover")
      .map((sheet) => ({
        code: sheet.code,
        keyed: sheet.kind !== "list",
        inputs: sheet.fields.filter((field) => !field.formula).map((field) => field.code),
        unitField: sheet.kind === "list" ? listUnitFieldOf(sheet) : undefined,
      }));
    figureSheets.set(formSet, sheets);
  }
  return sheets;
}

/** One row's figures: the JSON of its key and its inputs' values in the form set's order (values are numbers, text, booleans or null, so that JSON is canonical). */
const rowFigures = (keyed: boolean, inputs: readonly string[], row: ReportRow) =>
  JSON.stringify([keyed ? row.key : "", ...inputs.map((field) => row.values[field] ?? null)]);

/**
 * A report's figures without its cover (the unit's own), list positions (renumbered in a merge) or
 * computed fields (a workbook's locked rows may carry their values, a county's revision never does):
 * what a merge carries over. Each row's figures, a sheet's rows sorted.
 */
function figuresOf(sheets: FigureSheets, report: ReportData): string {
  return JSON.stringify(sheets.map(({ code, keyed, inputs }) => (report.sheets[code] ?? []).map((row: ReportRow) => rowFigures(keyed, inputs, row)).sort()));
}

/**
 * The figures of each child's part of the parent's report (`childReportOf`'s sheets, as `figuresOf`
 * says them), in one pass over the parent's rows: a grid row is its key's child's, a list row the
 * child whose units its unit column names (for a child whose reports hold lists).
 */
function childFiguresOf(sheets: FigureSheets, parentReport: ReportData, children: readonly ReportingUnit[]): Map<string, string> {
  const figures = new Map(children.map((child) => [child.code, sheets.map((): string[] => [])]));
  const listOwner = new Map<string, string[][]>();
  for (const child of children) {
    const scope = reportScopeOf(child);
    if (scope.holdsLists) for (const code of scope.listUnitCodes) listOwner.set(code, figures.get(child.code) as string[][]);
  }
  sheets.forEach(({ code, keyed, inputs, unitField }, index) => {
    for (const row of parentReport.sheets[code] ?? []) {
      let owner: string[][] | undefined;
      if (keyed) owner = figures.get(row.key);
      else if (unitField !== undefined) {
        const unit = row.values[unitField];
        owner = unit === null || unit === undefined ? undefined : listOwner.get(foldKey(String(unit)));
      }
      owner?.[index]?.push(rowFigures(keyed, inputs, row));
    }
  });
  return new Map([...figures].map(([child, rows]) => [child, JSON.stringify(rows.map((sheetRows) => sheetRows.sort()))]));
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
  const children = parent.children.filter((child) => child.level.report);
  for (const child of children) requireChildPart(parentReport, child);
  const parts = childFiguresOf(sheets, parentReport, children);
  return children.map((child) => {
    const revision = byUnit.get(child.code);
    const carried = revision && parts.get(child.code) === figuresOf(sheets, revision.report);
    return { unitCode: child.code, revision: carried ? revision.revision : null };
  });
}
