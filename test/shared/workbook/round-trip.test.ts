import { describe, expect, it } from "vitest";
import { formSetOf } from "../../../shared/forms/form-set.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";
import { typeReport } from "../../../shared/report/typed-report.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { readReportWorkbook } from "../../../shared/workbook/read-report.ts";
import type { WorkbookReadNote } from "../../../shared/workbook/read-report.ts";
import { renderReportTemplate, reportTemplateWorkbook } from "../../../shared/workbook/render-template.ts";
import type { XlsxWorkbook } from "../../../shared/xlsx/model.ts";
import { writeXlsx } from "../../../shared/xlsx/write-xlsx.ts";
import { dateToSerial } from "../../../shared/values/excel-date.ts";
import { sampleReport, withValue } from "../../support/sample-report.ts";

const formSet = currentFormSet;
const jinan = reportingTree.unit("370100")!;
const firstCounty = jinan.children[0]!.code;
const secondCounty = jinan.children[1]!.code;
const readOptions = { formSetOf };
const sheetNamed = (workbook: XlsxWorkbook, code: string) => workbook.sheets.find((sheet) => sheet.name.startsWith(code))!;

/** The report without computed fields and with list rows as (position, values): what a clerk typed. */
function typedIn(report: ReportData) {
  return Object.fromEntries(
    Object.entries(report.sheets).map(([sheetCode, rows]) => {
      const sheet = formSet.sheet(sheetCode)!;
      return [
        sheetCode,
        rows.map((row) => ({
          key: sheet.kind === "list" ? "" : row.key,
          position: row.position,
          values: Object.fromEntries(Object.entries(row.values).filter(([code]) => !sheet.field(code)?.formula && row.values[code] !== null)),
        })),
      ];
    }),
  );
}

/** A report with an error, a warning (explained), a blank and a typing error, checked against a previous period. */
function reportWithIssues(): { report: ReportData; previous: ReportData } {
  let report = sampleReport(jinan);
  report = withValue(report, "教扶04", firstCounty, "E04_PRIN", 999);
  report = withValue(report, "教扶05", secondCounty, "E05_COVERED", 1);
  report = withValue(report, "教扶09", firstCounty, "E09_GAOKAO", null);
  report = withValue(report, "教扶08", secondCounty, "E08_SUSPECT", "十二");
  report.explanations = [{ ruleId: "R05.2", sheetCode: "教扶05", rowKey: secondCounty, fieldCode: "E05_COVERED", text: "部分重点村学校已撤并,无需结对" }];
  // The previous period's figures were higher: the cumulative-not-lower warnings fire.
  const previous = sampleReport(jinan, { seed: 1, period: "2018" });
  for (const row of previous.sheets["教扶04"]!) row.values.E04_NEW_RURAL = 10_000;
  return { report, previous };
}

const issuesOf = (report: ReportData, previous?: ReportData) =>
  validateReport({ formSet, unit: jinan, report, previous }).issues.map(({ ruleId, cell, rowKey, fieldCode, messageZh, explanation }) => ({
    ruleId,
    cell,
    rowKey,
    fieldCode,
    messageZh,
    explanation,
  }));

describe("a filled report workbook reads back as the report", () => {
  it("gives back every input value, typed, with the list positions and the cover", () => {
    const report = sampleReport(jinan, { listRows: 12 });
    const read = readReportWorkbook(renderReportTemplate({ formSet, unit: jinan, period: "2019", report }), readOptions);
    expect([read.edition, read.unitCode, read.period]).toEqual([report.edition, report.unitCode, report.period]);
    expect(typedIn(read)).toEqual(typedIn(report));
    expect(read.sheets["教扶06"]!.map((row) => row.key)[0]).toBe(`大学0|${firstCounty}|乡镇0`);
  });

  it("carries the computed fields as the engine computes them (cached values)", () => {
    const report = sampleReport(jinan);
    const read = readReportWorkbook(renderReportTemplate({ formSet, unit: jinan, period: "2019", report }), readOptions);
    const typed = typeReport(formSet, jinan, report, undefined);
    for (const sheet of formSet.sheets.filter((candidate) => candidate.kind === "grid")) {
      typed.get(sheet.code)!.rows.forEach((row, index) => {
        for (const { field, index: fieldIndex } of sheet.computed) {
          expect(read.sheets[sheet.code]![index]!.values[field.code], `${sheet.code} ${row.key} ${field.code}`).toBe(row.values[fieldIndex]);
        }
      });
    }
  });

  it("gives the same validation issues as the original report, explanations included", () => {
    const { report, previous } = reportWithIssues();
    const read = readReportWorkbook(renderReportTemplate({ formSet, unit: jinan, period: "2019", report, previous }), readOptions);
    const expected = issuesOf(report, previous);
    expect(new Set(expected.map((issue) => issue.ruleId))).toEqual(new Set(["R04.1", "R05.2", "T01", "T02", "R04.2"]));
    expect(issuesOf(read, previous)).toEqual(expected);
    expect(read.explanations).toEqual(report.explanations);
    expect(expected.find((issue) => issue.ruleId === "R05.2")?.explanation).toBe("部分重点村学校已撤并,无需结对");
  });

  it("leaves out computed fields whose formula has no cached value, so the engine recomputes them", () => {
    const { report, previous } = reportWithIssues();
    const workbook = reportTemplateWorkbook({ formSet, unit: jinan, period: "2019", report, previous });
    for (const sheet of workbook.sheets) for (const cell of sheet.cells.values()) if (cell.formula !== undefined) cell.value = null;
    const read = readReportWorkbook(writeXlsx(workbook), readOptions);
    expect(read.sheets["教扶01"]![0]!.values).not.toHaveProperty("E01_TOT");
    expect(typedIn(read)).toEqual(typedIn(report));
    expect(issuesOf(read, previous)).toEqual(issuesOf(report, previous));
  });

  it("keeps a value typed over a formula, says so, and validation flags it", () => {
    const report = sampleReport(jinan);
    const workbook = reportTemplateWorkbook({ formSet, unit: jinan, period: "2019", report });
    sheetNamed(workbook, "教扶01").cells.set("H7", { value: 1 });
    sheetNamed(workbook, "教扶03").cells.delete("E7");
    const notes: WorkbookReadNote[] = [];
    const read = readReportWorkbook(writeXlsx(workbook), { ...readOptions, notes });
    expect(read.sheets["教扶01"]![0]!.values.E01_TOT).toBe(1);
    expect(notes.map((note) => [note.sheetCode, note.cell, note.fieldCode])).toEqual([
      ["教扶01", "H7", "E01_TOT"],
      ["教扶03", "E7", "E03_KG_RATE"],
    ]);
    expect(notes[0]!.messageZh).toBe("教扶01 建档立卡贫困教育人口!H7 合计 的公式被改写为数值 1");
    expect(issuesOf(read).map((issue) => [issue.ruleId, issue.cell])).toEqual([["R01.1", "H7"]]);
  });

  it("reads what other programs write: numbers and dates as text, codes as numbers, empty strings", () => {
    const report = sampleReport(jinan);
    const workbook = reportTemplateWorkbook({ formSet, unit: jinan, period: "2019", report });
    const grid = sheetNamed(workbook, "教扶01");
    grid.cells.set("C7", { value: " 144 " });
    grid.cells.set("D7", { value: "" });
    sheetNamed(workbook, "教扶06").cells.set("B6", { value: Number(firstCounty) });
    sheetNamed(workbook, "教扶02").cells.get("E7")!.value = "1.25"; // a cached ratio written as text
    const cover = workbook.sheets[0]!;
    cover.cells.set("C9", { value: "2020-01-15T00:00:00Z" });
    cover.cells.set("C8", { value: 13800000000 });
    const read = readReportWorkbook(writeXlsx(workbook), readOptions);
    expect(read.sheets["教扶01"]![0]!.values.E01_PRE).toBe(144);
    expect(read.sheets["教扶01"]![0]!.values).not.toHaveProperty("E01_CMP");
    expect(read.sheets["教扶06"]![0]!.values.E06_COUNTY).toBe(firstCounty);
    expect(read.sheets["教扶02"]![0]!.values.E02_INV_RATE).toBe(1.25);
    expect(read.sheets["封面"]![0]!.values).toMatchObject({ C_DATE: dateToSerial(2020, 1, 15), C_PHONE: "13800000000" });
  });

  it("reads a blank template as a report with every input missing and nothing computed", () => {
    const read = readReportWorkbook(renderReportTemplate({ formSet, unit: jinan, period: "2019" }), readOptions);
    expect(read.sheets["教扶01"]).toHaveLength(jinan.children.length);
    expect(read.sheets["教扶01"]!.every((row) => Object.keys(row.values).length === 0)).toBe(true);
    expect(read.sheets["教扶06"]).toEqual([]);
    expect(read.explanations).toEqual([]);
    const issues = issuesOf(read);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((issue) => issue.ruleId === "T01")).toBe(true);
  });
});
