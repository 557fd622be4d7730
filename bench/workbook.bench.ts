import ExcelJS from "exceljs";
import { demoReports } from "../scripts/demo/demo-reports.ts";
import { consolidate } from "../shared/consolidate/consolidate.ts";
import { formSetOf } from "../shared/forms/form-set.ts";
import { currentFormSet } from "../test/support/current-form-set.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../shared/units/unit-tree.ts";
import { validateReport } from "../shared/validate/validate-report.ts";
import { readReportWorkbook } from "../shared/workbook/read-report.ts";
import { renderConsolidatedWorkbook } from "../shared/workbook/render-consolidated.ts";
import { acceptedStatusRows } from "../test/support/consolidated-reports.ts";
import { renderReportTemplate } from "../shared/workbook/render-template.ts";
import { benchLine, medianMsSideBySideAsync } from "./bench-line.ts";

// The workbook work of the command line and the Worker, each against the same file read by
// ExcelJS alone. The baseline is "the xlsx library alone" because that is the least any tool
// built on a general xlsx library would pay for the same file (unzip, parse every sheet's XML):
// a ratio near 1 says our layout, validation and rendering add little to handling the file at all.
// Targets: reading and validating ≤ 1 × (our reader parses only what the layout names, and the
// engine is a single pass); rendering ≤ 2 × (it writes and deflates the file, the baseline only
// inflates and parses it, and deflating costs a few times more than inflating).

const period = "2019";
const jinan = reportingTree.unit("370100") as ReportingUnit;
const reports = demoReports(currentFormSet, reportingTree, period);
const jinanReport = reports.find((report) => report.unitCode === jinan.code)!;

const readWithExcelJS = (bytes: Uint8Array) => () => new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer);

export async function benchWorkbooks(): Promise<string[]> {
  const renderTemplate = () => renderReportTemplate({ formSet: currentFormSet, unit: jinan, period });
  const template = renderTemplate();

  const filled = renderReportTemplate({ formSet: currentFormSet, unit: jinan, period, report: jinanReport });
  const readAndValidate = () => {
    const report = readReportWorkbook(filled, { formSetOf });
    return validateReport({ formSet: currentFormSet, unit: jinan, report });
  };

  const consolidated = consolidate(
    currentFormSet,
    reportingTree.root,
    period,
    reports.map((report, index) => ({
      report,
      provenance: { unitCode: report.unitCode, submissionId: String(index), revision: 1, status: "accepted", submittedAt: "2020-01-20T08:00:00Z" },
    })),
  );
  const status = acceptedStatusRows(reportingTree);
  const renderConsolidated = () => renderConsolidatedWorkbook({ formSet: currentFormSet, tree: reportingTree, consolidated, status });
  const province = renderConsolidated();

  const [templateMs, templateBaseline, validateMs, validateBaseline, consolidatedMs, consolidatedBaseline] = (await medianMsSideBySideAsync(
    [renderTemplate, readWithExcelJS(template), readAndValidate, readWithExcelJS(filled), renderConsolidated, readWithExcelJS(province)],
    30,
    5,
  )) as [number, number, number, number, number, number];

  const kb = (bytes: Uint8Array) => `${Math.round(bytes.length / 1024)} KB`;
  return [
    benchLine(`workbook.template (济南市, ${kb(template)})`, templateMs, "ms", { max: 50 }),
    benchLine("workbook.template / ExcelJS reading it", templateMs / templateBaseline, "×", { max: 2, text: "≤ 2 ×" }),
    benchLine(`workbook.validate (read + validate the filled 济南市 workbook, ${kb(filled)})`, validateMs, "ms", { max: 50 }),
    benchLine("workbook.validate / ExcelJS reading it", validateMs / validateBaseline, "×", { max: 1, text: "≤ 1 ×" }),
    benchLine(`workbook.consolidated (16 prefectures, 137 counties, ${kb(province)})`, consolidatedMs, "ms", { max: 200 }),
    benchLine("workbook.consolidated / ExcelJS reading it", consolidatedMs / consolidatedBaseline, "×", { max: 2, text: "≤ 2 ×" }),
  ];
}
