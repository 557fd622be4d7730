import { strFromU8, unzipSync } from "fflate";
import { expect, test } from "vitest";
import { demoFormSet, demoReports } from "../../../scripts/demo/demo-reports.ts";
import { explanationSchema } from "../../../shared/api/report-data.ts";
import { formSetOf } from "../../../shared/forms/form-set.ts";
import { EXPLANATION_COLUMNS } from "../../../shared/layout/workbook-layout.ts";
import { computeOutlierRanges, rangedFields, withManualRanges } from "../../../shared/quality/outlier-ranges.ts";
import { rangesFromRows, rangesToRows } from "../../../shared/quality/range-rows.ts";
import { explanationReasonOf } from "../../../shared/report/explanation-reasons.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { readReportWorkbookContents } from "../../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../../shared/workbook/render-template.ts";
import { toA1 } from "../../../shared/xlsx/cell-address.ts";
import { readXlsx } from "../../../shared/xlsx/read-xlsx.ts";

const jinan = reportingTree.unit("370100")!;
const reports = demoReports(demoFormSet, reportingTree);
const report = reports.find((candidate) => candidate.unitCode === jinan.code)!;
const lixia = jinan.children[0]!.code;

/** Every county's figures of the demo's 2019 reports as its history of 4 periods, and as its peers' this period. */
function demoRanges() {
  const values = new Map<string, Record<string, number>>();
  for (const each of reports)
    for (const rows of Object.values(each.sheets))
      for (const row of rows) if (/^\d{6}$/.test(row.key)) values.set(row.key, { ...values.get(row.key), ...(row.values as Record<string, number>) });
  const history = new Map([...values].map(([code, record]) => [code, [record, record, record, record]]));
  return computeOutlierRanges({ fields: rangedFields(demoFormSet), units: jinan.children.map((county) => county.code), current: values, history });
}

function withTenfold(source: ReportData): ReportData {
  const copy = structuredClone(source);
  const row = copy.sheets["教扶01"]!.find((candidate) => candidate.key === lixia)!;
  row.values.E01_PRE = (row.values.E01_PRE as number) * 10;
  return copy;
}

test("the ranges ride in the template's hidden _ranges sheet and come back as they went", () => {
  const ranges = demoRanges();
  const contents = readReportWorkbookContents(renderReportTemplate({ formSet: demoFormSet, unit: jinan, period: "2019", ranges }), { formSetOf });
  expect(contents.ranges).toEqual(ranges);
  expect(rangesFromRows(rangesToRows(ranges))).toEqual(ranges);
  expect(readReportWorkbookContents(renderReportTemplate({ formSet: demoFormSet, unit: jinan, period: "2019" }), { formSetOf }).ranges).toBeUndefined();
});

test("a value ×10 read from the workbook raises O01 at its cell, naming the range and how it was made; explained, it may be submitted", () => {
  const ranges = demoRanges();
  const bytes = renderReportTemplate({ formSet: demoFormSet, unit: jinan, period: "2019", report: withTenfold(report), ranges });
  const contents = readReportWorkbookContents(bytes, { formSetOf });
  const result = validateReport({ formSet: demoFormSet, unit: jinan, report: contents.report, ranges: contents.ranges! });
  const outliers = result.issues.filter((issue) => issue.ruleId === "O01");
  expect(outliers).toHaveLength(1);
  const [outlier] = outliers;
  const range = ranges.get(lixia)!.get("E01_PRE")!;
  expect(outlier).toMatchObject({ severity: "warning", sheetCode: "教扶01", rowKey: lixia, fieldCode: "E01_PRE" });
  expect(outlier!.address).toMatch(/^教扶01![A-Z]+\d+$/);
  const figure = (value: number) => value.toLocaleString("en-US");
  expect(outlier!.messageZh).toContain(`历年与同级中位数 ${figure(range.centre)}，合理范围 ${figure(range.low)}–${figure(range.high)} [O01 异常值]`);
  expect(outlier!.messageEn).toContain(`plausible range ${figure(range.low)}–${figure(range.high)} [O01 outlier]`);
  expect(result.canSubmit).toBe(false);

  const explained: ReportData = {
    ...contents.report,
    explanations: [
      ...(contents.report.explanations ?? []),
      { ruleId: "O01", sheetCode: "教扶01", rowKey: lixia, fieldCode: "E01_PRE", text: "今年新建幼儿园三所，在园人数大增。" },
    ],
  };
  expect(validateReport({ formSet: demoFormSet, unit: jinan, report: explained, ranges }).canSubmit).toBe(true);
});

test("the demo's honest report raises no O01 against ranges made from the same figures", () => {
  const issues = validateReport({ formSet: demoFormSet, unit: jinan, report, ranges: demoRanges() }).issues;
  expect(issues.filter((issue) => issue.ruleId === "O01")).toEqual([]);
});

test("an O01 explanation's reason code (实际变化 …) travels through the 说明 sheet's drop-down, the engine and the API's schema", () => {
  const ranges = demoRanges();
  const outlier = { ruleId: "O01", sheetCode: "教扶01", rowKey: lixia, fieldCode: "E01_PRE" };
  const explained: ReportData = {
    ...withTenfold(report),
    explanations: [{ ...outlier, text: "今年新建幼儿园三所，在园人数大增。", reason: "actual" }],
  };
  const bytes = renderReportTemplate({ formSet: demoFormSet, unit: jinan, period: "2019", report: explained, ranges });
  const back = readReportWorkbookContents(bytes, { formSetOf }).report;
  expect(back.explanations).toEqual(explained.explanations);
  const [warning] = validateReport({ formSet: demoFormSet, unit: jinan, report: back, ranges }).issues.filter((issue) => issue.ruleId === "O01");
  expect(warning).toMatchObject({ explanation: "今年新建幼儿园三所，在园人数大增。", explanationReason: "actual" });

  // The sheet shows 实际变化 and offers the four reasons as a list; a label typed by hand reads as its code, anything else as none.
  const sheet = readXlsx(bytes).sheets.find((candidate) => candidate.name === "说明")!;
  const reasonColumn = EXPLANATION_COLUMNS.indexOf("reason");
  expect(sheet.cells.get(toA1(1, reasonColumn))?.value).toBe("实际变化");
  const sheetXml = Object.entries(unzipSync(bytes))
    .filter(([path]) => path.startsWith("xl/worksheets/"))
    .map(([, data]) => strFromU8(data));
  expect(
    sheetXml.filter(
      (xml) =>
        xml.includes("<formula1>&quot;实际变化,口径调整,更正前期数据,其他&quot;</formula1>") ||
        xml.includes('<formula1>"实际变化,口径调整,更正前期数据,其他"</formula1>'),
    ),
  ).toHaveLength(1);
  expect(["口径调整", "correction", "Other", "实际"].map(explanationReasonOf)).toEqual(["definition", "correction", "other", undefined]);

  expect(explanationSchema.safeParse({ ...outlier, text: "今年新建幼儿园三所", reason: "typo" }).success).toBe(false);
  expect(explanationSchema.parse({ ...outlier, text: "今年新建幼儿园三所" }).reason).toBeUndefined();
});

test("a range set by hand rides in _ranges beside the computed ones of its unit, wins over them, and says who set it", () => {
  const computed = demoRanges();
  const manual = withManualRanges(computed, [{ unitCode: lixia, fieldCode: "E01_PRE", low: 10, high: 20 }]);
  expect(manual.get(lixia)?.get("E01_PRE")).toEqual({ low: 10, high: 20, centre: 15, basis: "manual" });
  expect(manual.get(lixia)?.get("E01_CMP")).toEqual(computed.get(lixia)?.get("E01_CMP"));
  const rows = rangesToRows(manual);
  expect(
    rows
      .filter((row) => row[0] === lixia)
      .map((row) => row[1])
      .sort(),
  ).toEqual(["history", "manual"]);
  // Read back in either order of its rows: the manual range wins.
  expect(rangesFromRows(rows)).toEqual(manual);
  expect(rangesFromRows([rows[0]!, ...rows.slice(1).reverse()])).toEqual(manual);
  const [outlier] = validateReport({ formSet: demoFormSet, unit: jinan, report: withTenfold(report), ranges: manual }).issues.filter(
    (issue) => issue.ruleId === "O01" && issue.rowKey === lixia,
  );
  expect(outlier?.messageZh).toMatch(/超出省级设定的合理范围 10–20 \[O01 异常值\]$/);
});

test("at the server (no _ranges): each O01 explanation on a grid row's number is its warning, once; one on no such cell is not", () => {
  const outlier = { ruleId: "O01", sheetCode: "教扶01", rowKey: lixia, fieldCode: "E01_PRE" };
  const explained: ReportData = {
    ...report,
    explanations: [
      { ...outlier, text: "学前教育口径扩大", reason: "definition" },
      { ...outlier, text: "学前教育口径扩大", reason: "definition" },
      { ...outlier, rowKey: "370199", text: "没有这个县的行" },
      { ...outlier, fieldCode: "E01_NOPE", text: "没有这个字段" },
    ],
  };
  const server = validateReport({ formSet: demoFormSet, unit: jinan, report: explained, declaredOutliers: true });
  const o01 = server.issues.filter((issue) => issue.ruleId === "O01");
  expect(o01).toHaveLength(1);
  expect(o01[0]).toMatchObject({ rowKey: lixia, fieldCode: "E01_PRE", explanation: "学前教育口径扩大", explanationReason: "definition" });
  expect(o01[0]!.messageZh).toContain("[O01 异常值]");
  // Explained, it blocks nothing: the report's other findings are the same with and without the option.
  const client = validateReport({ formSet: demoFormSet, unit: jinan, report: explained });
  expect(server.unexplainedWarnings).toEqual(client.unexplainedWarnings);
  expect(server.canSubmit).toBe(client.canSubmit);
  // Without the option (the pane's check without _ranges) an O01 explanation is no warning at all.
  expect(client.issues.some((issue) => issue.ruleId === "O01")).toBe(false);
});
