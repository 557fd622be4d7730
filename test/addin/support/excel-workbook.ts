import { currentFormSet } from "../../support/current-form-set.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";
import { renderReportTemplate } from "../../../shared/workbook/render-template.ts";
import { hostWithWorkbook } from "../../support/excel-model/excel-host.ts";
import type { ExcelHost, ExcelHostOptions } from "../../support/excel-model/excel-host.ts";
import { sampleReport } from "../../support/sample-report.ts";
import { prefecture } from "./filled-workbook.ts";

/**
 * Excel with a filled 济南 workbook open, as a clerk has it: the server's template (from the one
 * writer) with the report's values typed in and every formula cell computed by Excel (the model's
 * HyperFormula), 说明 and _prev included. The model is installed as the `Excel`/`Office` globals.
 */
export function excelWithReport(options: ExcelHostOptions & { report?: ReportData | null; previous?: ReportData } = {}): ExcelHost {
  const report = options.report === null ? undefined : (options.report ?? sampleReport(prefecture));
  const bytes = renderReportTemplate({ formSet: currentFormSet, unit: prefecture, period: "2019", report, previous: options.previous });
  const host = hostWithWorkbook(bytes, options);
  host.install();
  return host;
}
