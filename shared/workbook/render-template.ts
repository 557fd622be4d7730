import { explanationReasonLabel } from "../report/explanation-reasons.ts";
import type { FormSet } from "../forms/form-set.ts";
import { unitLayout } from "../layout/workbook-layout.ts";
import { reportScopeOf } from "../units/report-scope.ts";
import { issueKey } from "../report/report-data.ts";
import type { ReportData } from "../report/report-data.ts";
import { validateReport } from "../validate/validate-report.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import type { XlsxSheet, XlsxWorkbook } from "../xlsx/model.ts";
import { writeXlsx } from "../xlsx/write-xlsx.ts";
import { unitEngineValues } from "../consolidate/engine-values.ts";
import { renderExplanationsSheet } from "./explanations-sheet.ts";
import type { ExplanationRow } from "./explanations-sheet.ts";
import { renderMetaSheet } from "./meta-sheet.ts";
import { renderPreviousSheet } from "./previous-sheet.ts";
import { renderRosterCountsSheet } from "../roster/roster-counts-sheet.ts";
import type { RosterCountsByCounty } from "../roster/roster-counts-sheet.ts";
import { renderRangesSheet } from "./ranges-sheet.ts";
import type { OutlierRanges } from "../quality/outlier-ranges.ts";
import { renderCover } from "./render-cover.ts";
import { renderFormSheet } from "./render-form-sheet.ts";
import { renderSourcesSheet } from "./sources-sheet.ts";
import type { ChildSource } from "./sources-sheet.ts";
import { WORKBOOK_FONT } from "./workbook-styles.ts";

/** The unit is `unit` at any level (a county renders a county's workbook), or `prefecture`. */
export type ReportTemplateInput = {
  unit: ReportingUnit;
  formSet: FormSet;
  period: string;
  /** The previous period's accepted report: its values go to _prev for the history rules' highlights. */
  previous?: ReportData | undefined;
  /** The outlier ranges of the unit's rows (shared/quality): carried on the hidden _ranges sheet for O01. */
  ranges?: OutlierRanges | undefined;
  /** Values (and explanations) to fill in: demo workbooks, round trips. */
  report?: ReportData | undefined;
  /**
   * A parent's workbook built from its children's revisions (a prefecture's from its counties'):
   * the children whose rows came from a revision — locked, in the look of figures filled in by the
   * system — and, as a 各县来源 sheet, where each child's rows came from.
   */
  sources?: readonly ChildSource[] | undefined;
  /** In a period that requires rosters, the counties' latest roster counts: the hidden _roster sheet, for X10.1 offline. */
  rosterCounts?: RosterCountsByCounty | undefined;
};

/**
 * The standard workbook of one reporting unit (a prefecture, a county) and period, as the Worker serves it and the add-in
 * inserts it: 封面, 教扶01…09, 说明, then the hidden _meta and _prev (and _roster when the period requires rosters, _ranges given ranges). Formula cells carry the
 * engine's results as cached values when a report is filled in.
 */
export function renderReportTemplate(input: ReportTemplateInput): Uint8Array {
  return writeXlsx(reportTemplateWorkbook(input));
}

/** The workbook model renderReportTemplate writes. */
export function reportTemplateWorkbook(input: ReportTemplateInput): XlsxWorkbook {
  const { formSet, period, report, previous } = input;
  const unit = input.unit;
  const layout = unitLayout(formSet, unit, period);
  const engine = report ? unitEngineValues(formSet, unit, report) : undefined;
  // A county's list rows can name only the county itself: its 教扶06 county column is filled for it.
  const listUnits = reportScopeOf(unit).listUnitCodes;
  const ownListUnit = listUnits.size === 1 ? [...listUnits][0] : undefined;
  const lockedUnits = new Set((input.sources ?? []).filter((source) => source.revision !== null).map((source) => source.unitCode));
  const formSheets = layout.sheets.map((sheetLayout): XlsxSheet => {
    const rows = report?.sheets[sheetLayout.sheet.code];
    return sheetLayout.sheet.kind === "cover"
      ? renderCover(formSet, layout, sheetLayout, rows?.[0])
      : renderFormSheet({ formSet, layout, sheetLayout, rows, engine, lockedUnits, ownListUnit });
  });
  return {
    sheets: [
      ...formSheets,
      renderExplanationsSheet(layout, report ? explanationRows(input, report) : []),
      ...(input.sources ? [renderSourcesSheet(input.sources)] : []),
      renderMetaSheet(layout),
      renderPreviousSheet(formSet, layout, previous ? unitEngineValues(formSet, unit, previous) : undefined),
      ...(input.rosterCounts ? [renderRosterCountsSheet(unit, input.rosterCounts)] : []),
      ...(input.ranges ? [renderRangesSheet(input.ranges)] : []),
    ],
    font: WORKBOOK_FONT,
  };
}

/** The report's explanations with the cell and message of the issue each answers (validated as the server would). */
function explanationRows(input: ReportTemplateInput, report: ReportData): ExplanationRow[] {
  const explanations = report.explanations ?? [];
  if (explanations.length === 0) return [];
  const { formSet, previous, ranges } = input;
  const issues = new Map(validateReport({ formSet, unit: input.unit, report, previous, ranges }).issues.map((issue) => [issueKey(issue), issue]));
  return explanations.map((explanation) => {
    const issue = issues.get(issueKey(explanation));
    return {
      ...explanation,
      cell: issue?.cell ?? "",
      message: issue?.messageZh ?? "",
      reason: explanation.reason ? explanationReasonLabel(explanation.reason).zh : "",
    };
  });
}
