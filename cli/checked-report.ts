import { readFile } from "node:fs/promises";
import type { FormSet } from "../shared/forms/form-set.ts";
import { formSetOf } from "../shared/forms/form-set.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import { reportScopeOf } from "../shared/units/report-scope.ts";

import type { ReportingUnit } from "../shared/units/unit-tree.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { validateReportWithRoster } from "../shared/roster/validate-report-with-roster.ts";
import type { ValidationResult } from "../shared/validate/validate-report.ts";
import { readReportWorkbookContents } from "../shared/workbook/read-report.ts";
import type { WorkbookReadNote } from "../shared/workbook/read-report.ts";

/** A report workbook read from a file and validated, as the add-in would show it. */
export interface CheckedReport {
  report: ReportData;
  formSet: FormSet;
  /** The reporting unit: a prefecture, or a county (a county's workbook from `template --unit`). */
  unit: ReportingUnit;
  /** 填报单位 as the workbook prints it: 济南市, 济南市历下区. */
  unitName: string;
  validation: ValidationResult;
  /** The previous period's accepted values the workbook carries on _prev (the server's template), which the history rules were checked against. */
  previous?: ReportData | undefined;
  /** What the reader noticed besides the values, e.g. a formula cell typed over. */
  notes: WorkbookReadNote[];
}

/**
 * Reads a filled workbook through the shared layout and runs the validation engine on it, as the
 * add-in does: the history rules (prev(…)) against the previous period's accepted values that the
 * server's template carries on _prev, X10.1 against the roster counts it carries on _roster and O01 against the outlier ranges it carries on _ranges. Throws WorkbookReadError when the file is not a readable
 * template. A workbook without them (rendered offline) leaves the history rules to the server's
 * check on submit.
 */
export async function checkReportFile(path: string): Promise<CheckedReport> {
  const bytes = new Uint8Array(await readFile(path));
  const notes: WorkbookReadNote[] = [];
  const { report, previous, rosterCounts, ranges } = readReportWorkbookContents(bytes, { formSetOf, notes });
  // The reader has checked both against the form sets and the reporting tree (prefectures and counties).
  const formSet = formSetOf(report.edition) as FormSet;
  const unit = reportingTree.unit(report.unitCode) as ReportingUnit;
  const validation = validateReportWithRoster({ formSet, unit, report, ...(previous && { previous }), ...(ranges && { ranges }), rosterCounts });
  return { report, formSet, unit, unitName: reportScopeOf(unit).title, validation, previous, notes };
}
