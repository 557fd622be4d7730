import { describe, expect, it } from "vitest";
import { childReportOf } from "../../../shared/consolidate/merge-unit-reports.ts";
import { formSetOf } from "../../../shared/forms/form-set.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { unitLayout } from "../../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";

import { validateReport } from "../../../shared/validate/validate-report.ts";
import { readMetaSheet } from "../../../shared/workbook/meta-sheet.ts";
import { readReportWorkbookContents } from "../../../shared/workbook/read-report.ts";
import { renderReportTemplate, reportTemplateWorkbook } from "../../../shared/workbook/render-template.ts";
import { readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { sampleReport, withValue } from "../../support/sample-report.ts";

const formSet = currentFormSet;
const units = reportingTree;
const jinan = reportingTree.unit("370100")!;
const lixia = units.unit("370102")!;
const shizhong = units.unit("370103")!;
const readOptions = { formSetOf };

/** 历下区's part of 济南's sample report, signed on its own cover. */
function lixiaReport(period = "2019"): ReportData {
  const prefectureReport = sampleReport(jinan, { period, listRows: 24 });
  return childReportOf(formSet, prefectureReport, lixia, { cover: prefectureReport.sheets["封面"]![0]! });
}

const issuesOf = (report: ReportData, previous?: ReportData) =>
  validateReport({ formSet, unit: lixia, report, ...(previous && { previous }) }).issues.map(({ ruleId, address, rowKey, messageZh }) => ({
    ruleId,
    address,
    rowKey,
    messageZh,
  }));

describe("a county's workbook", () => {
  const layout = unitLayout(formSet, lixia, "2019");

  it("holds the county's own row on every grid sheet (no 合计), 教扶06, the cover and 说明", () => {
    expect(layout.sheets.map((sheet) => sheet.sheet.code)).toEqual(unitLayout(formSet, jinan, "2019").sheets.map((sheet) => sheet.sheet.code));
    for (const sheet of layout.sheets.filter((candidate) => candidate.sheet.kind === "grid")) {
      expect(sheet.rows).toEqual([{ key: "370102", name: "历下区", kind: "county", outlineLevel: 0 }]);
      expect(sheet.rowOf("370102")).toBe(sheet.firstDataRow);
    }
    expect(layout.sheet("教扶06")!.listCapacity).toBe(200);
    expect([layout.unitCode, layout.unitName]).toEqual(["370102", "济南市历下区"]);
    expect(layout.checksum).not.toBe(unitLayout(formSet, jinan, "2019").checksum);
    expect(unitLayout(formSet, shizhong, "2019").checksum).not.toBe(layout.checksum);

    const workbook = reportTemplateWorkbook({ formSet, unit: lixia, period: "2019" });
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual([...layout.sheets.map((sheet) => sheet.name), "说明", "_meta", "_prev"]);
    const grid = workbook.sheets.find((sheet) => sheet.name.startsWith("教扶01"))!;
    expect(grid.cells.get("A6")?.value).toBe("370102");
    expect(grid.cells.get("A7")).toBeUndefined();
    const meta = readMetaSheet(readXlsx(renderReportTemplate({ formSet, unit: lixia, period: "2019" })).sheets.find((sheet) => sheet.name === "_meta")!);
    expect(Object.fromEntries(meta)).toEqual({ edition: "323/2019", prefecture: "370102", period: "2019", checksum: layout.checksum });
  });

  it("reads back as the county's report and shows the same issues as the report itself", () => {
    let report = lixiaReport();
    report = withValue(report, "教扶04", "370102", "E04_PRIN", 9999);
    report = withValue(report, "教扶01", "370102", "E01_PRE", null);
    report = withValue(report, "教扶06", 0, "E06_COUNTY", "370103"); // a county of 济南, but not this one
    report.explanations = [{ ruleId: "R05.2", sheetCode: "教扶05", rowKey: "370102", fieldCode: "E05_COVERED", text: "已撤并两所学校" }];
    report = withValue(report, "教扶05", "370102", "E05_COVERED", 1);
    const previous = sampleReport(jinan, { period: "2018", seed: 7 });
    const previousPart = childReportOf(formSet, previous, lixia);

    const contents = readReportWorkbookContents(renderReportTemplate({ formSet, unit: lixia, period: "2019", report, previous: previousPart }), readOptions);
    expect([contents.report.unitCode, contents.report.period]).toEqual(["370102", "2019"]);
    expect(contents.report.sheets["教扶01"]!.map((row) => row.key)).toEqual(["370102"]);
    expect(contents.report.explanations).toEqual(report.explanations);
    expect(contents.previous?.sheets["教扶04"]?.map((row) => row.key)).toEqual(["370102"]);
    const issues = issuesOf(report, previousPart);
    expect(issuesOf(contents.report, contents.previous)).toEqual(issues);
    expect(issues.map((issue) => `${issue.address} ${issue.ruleId}`)).toEqual(
      expect.arrayContaining(["教扶01!C6 T01", "教扶04!E6 R04.1", "教扶05!D6 R05.2", "教扶06!B6 R06.1"]),
    );
    // R06.1 tells the county its rows are its own, naming its level; never "本市所辖县".
    const r061 = validateReport({ formSet, unit: lixia, report }).issues.find((issue) => issue.ruleId === "R06.1")!;
    expect(r061.messageZh).toMatch(/^教扶06!B6 所在县\(市、区\)代码 \(370103\) 不是本县\(市、区\)历下区\(370102\) \[R06\.1 /);
    expect(r061.messageEn).toContain("is not this county, Lixia District (370102)");
    // A prefecture is still told about its counties.
    const jinanIssues = validateReport({
      formSet,
      unit: jinan,
      report: withValue(sampleReport(jinan, { listRows: 2 }), "教扶06", 0, "E06_COUNTY", "370202"),
    }).issues;
    expect(jinanIssues.find((issue) => issue.ruleId === "R06.1")?.messageZh).toContain("(370202) 不是本市所辖县 [R06.1");
    // The county's own row is row 6 where the prefecture's first county was row 7: same messages otherwise.
    expect(issues.find((issue) => issue.ruleId === "R04.1")!.messageZh).toMatch(/^教扶04!E6 其中:城镇校长到乡村学校任职、交流 \(9999\) 大于/);
  });

  it("refuses rows of other counties (T03) and takes its history from its own previous figures", () => {
    const report = lixiaReport();
    report.sheets["教扶01"]!.push({ key: "370103", values: report.sheets["教扶01"]![0]!.values });
    expect(issuesOf(report).filter((issue) => issue.ruleId === "T03")).toEqual([
      // Named by the county's level, not "本市".
      expect.objectContaining({ rowKey: "370103", messageZh: "教扶01 不是本县(市、区)历下区(370102)的行 370103 [T03 表式结构]" }),
    ]);
    const previous = childReportOf(formSet, sampleReport(jinan, { period: "2018" }), lixia);
    previous.sheets["教扶04"]![0]!.values.E04_NEW_RURAL = 100_000;
    expect(issuesOf(lixiaReport(), previous).map((issue) => `${issue.address} ${issue.ruleId}`)).toContain("教扶04!C6 R04.2");
  });
});

describe("a county's 教扶06", () => {
  const layout = unitLayout(formSet, lixia, "2019");
  const list = layout.sheet("教扶06")!;
  const sheetOf = (report?: ReportData) =>
    reportTemplateWorkbook({ formSet, unit: lixia, period: "2019", report }).sheets.find((sheet) => sheet.name === list.name)!;

  it("has its county column filled for it: the county's code as soon as a row is begun, a blank row still no row", () => {
    const cell = sheetOf().cells.get(list.cellOf(0, "E06_COUNTY")!)!;
    expect(cell.formula).toMatch(/^IF\(COUNTA\([A-Z]+6(,[A-Z]+6)+\)=0,"","370102"\)$/);
    expect(cell.formula).not.toContain(list.cellOf(0, "E06_COUNTY"));
    expect(cell.style?.locked).toBe(false);
    expect(sheetOf().cells.get(list.cellOf(199, "E06_COUNTY")!)?.formula).toContain('"370102"');
    // The blank template reads back with no list rows; a filled row keeps its typed code.
    expect(readReportWorkbookContents(renderReportTemplate({ formSet, unit: lixia, period: "2019" }), readOptions).report.sheets["教扶06"]).toEqual([]);
    const filled = sheetOf(lixiaReport()).cells.get(list.cellOf(0, "E06_COUNTY")!)!;
    expect([filled.formula, filled.value]).toEqual([undefined, "370102"]);
    // A prefecture names its counties itself: no formula there.
    const jinanList = unitLayout(formSet, jinan, "2019").sheet("教扶06")!;
    const jinanSheet = reportTemplateWorkbook({ formSet, unit: jinan, period: "2019" }).sheets.find((sheet) => sheet.name === jinanList.name)!;
    expect(jinanSheet.cells.get(jinanList.cellOf(0, "E06_COUNTY")!)?.formula).toBeUndefined();
  });
});

describe("prefecture workbooks in clerks' hands", () => {
  it("keep their layout fingerprints (computed before counties reported): no prefecture workbook becomes foreign", () => {
    const before: Record<string, string> = {
      "370100": "dec389e2",
      "370200": "757cf71b",
      "370300": "328483fc",
      "370400": "5ea0ae05",
      "370500": "50e04e3e",
      "370600": "edfd9797",
      "370700": "3fce1080",
      "370800": "7bd9273d",
      "370900": "06be2fda",
      "371000": "12b85a00",
      "371100": "b0ffe547",
      "371300": "d6a241f9",
      "371400": "d5e11540",
      "371500": "8c99dc7b",
      "371600": "50218bfa",
      "371700": "6f437f3d",
    };
    expect(
      Object.fromEntries(
        reportingTree.root.children.map((prefecture) => [prefecture.code, unitLayout(formSet, units.unit(prefecture.code)!, "2019").checksum]),
      ),
    ).toEqual(before);
    expect(Object.fromEntries(reportingTree.root.children.map((prefecture) => [prefecture.code, unitLayout(formSet, prefecture, "2019").checksum]))).toEqual(
      before,
    );
  });
});
