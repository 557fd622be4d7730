import { readFile } from "node:fs/promises";
import type { FormSet } from "../shared/forms/form-set.ts";
import { formSetOf } from "../shared/forms/form-set.ts";
import { regionTable } from "../shared/regions/region-table.ts";
import type { Prefecture } from "../shared/regions/region-table.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { validateReport } from "../shared/validate/validate-report.ts";
import type { ValidationResult } from "../shared/validate/validate-report.ts";
import { readReportWorkbookContents } from "../shared/workbook/read-report.ts";
import type { WorkbookReadNote } from "../shared/workbook/read-report.ts";

/** A report workbook read from a file and validated, as the add-in would show it. */
export interface CheckedReport {
  report: ReportData;
  formSet: FormSet;
  prefecture: Prefecture;
  validation: ValidationResult;
  /** The previous period's accepted values the workbook carries on _prev (the server's template), which the history rules were checked against. */
  previous?: ReportData | undefined;
  /** What the reader noticed besides the values, e.g. a formula cell typed over. */
  notes: WorkbookReadNote[];
}

/**
 * Reads a filled workbook through the shared layout and runs the validation engine on it, as the
 * add-in does: the history rules (prev(…)) against the previous period's accepted values that the
 * server's template carries on _prev. Throws WorkbookReadError when the file is not a readable
 * template. A workbook without them (rendered offline) leaves the history rules to the server's
 * check on submit.
 */
export async function checkReportFile(path: string): Promise<CheckedReport> {
  const bytes = new Uint8Array(await readFile(path));
  const notes: WorkbookReadNote[] = [];
  const { report, previous } = readReportWorkbookContents(bytes, { formSetOf, regions: regionTable, notes });
  // The reader has checked both against the form sets and the region table.
  const formSet = formSetOf(report.edition) as FormSet;
  const prefecture = regionTable.prefecture(report.prefectureCode) as Prefecture;
  const validation = validateReport({ formSet, prefecture, report, ...(previous && { previous }) });
  return { report, formSet, prefecture, validation, previous, notes };
}
