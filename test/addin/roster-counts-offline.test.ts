// X10.1 as the clerk types, in Excel (the model of Excel) and on the page (the file workbook): the
// template of a period that requires rosters carries the counties' roster counts on _roster, and the
// pane's session checks 教扶01's county rows against them after every edit, in the server's words.
import { describe, expect, it } from "vitest";
import { ExcelReportWorkbook } from "../../addin/excel/excel-report-workbook.ts";
import { FileReportWorkbook } from "../../addin/file/file-report-workbook.ts";
import { ReportSession } from "../../addin/logic/report-session.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { hostWithWorkbook } from "../support/excel-model/excel-host.ts";
import { stageCountsOfReport } from "../support/report-stage-counts.ts";
import { sampleReport } from "../support/sample-report.ts";
import { layout, prefecture } from "./support/filled-workbook.ts";

const county = prefecture.children[0]!.code;
const report = sampleReport(prefecture);
const rosterCounts = stageCountsOfReport(report);
const template = () => renderReportTemplate({ formSet: currentFormSet, unit: prefecture, period: "2019", report, rosterCounts });
const cmp = [layout.sheet("教扶01")!.name, layout.sheet("教扶01")!.cellOf(county, "E01_CMP")!] as const;
const x101 = (session: ReportSession) => session.result.issues.filter((issue) => issue.ruleId === "X10.1").map((issue) => issue.messageZh);

describe("X10.1 offline as the clerk types", () => {
  it("in Excel: a 义务教育 count that leaves the roster's is an error at its cell after the edit, gone when typed back", async () => {
    const host = hostWithWorkbook(template());
    host.install();
    const workbook = new ExcelReportWorkbook();
    const session = await ReportSession.open(workbook, (await workbook.readIdentity())!);
    expect(x101(session)).toEqual([]);
    const listed = host.value(...cmp) as number;
    host.type(...cmp, listed + 2);
    await host.whenIdle();
    expect(x101(session)).toEqual([`教扶01!${cmp[1]} 义务教育人数为 ${listed + 2},最新名册为 ${listed} 人 [X10.1 教扶01 人数与名册一致]`]);
    expect(session.result.canSubmit).toBe(false);
    host.type(...cmp, listed);
    await host.whenIdle();
    expect(x101(session)).toEqual([]);
  });

  it("on the page: the dropped file's _roster is read as the .xlsx reader reads it and kept in the workbook downloaded back", async () => {
    const file = new FileReportWorkbook();
    file.load(template(), "济南市.xlsx");
    const contents = await file.readReport(layout);
    expect(contents.rosterCounts).toEqual(rosterCounts);
    const session = await ReportSession.open(file, (await file.readIdentity())!);
    expect(x101(session)).toEqual([]);
    expect(readReportWorkbookContents((await file.download()).bytes, { formSetOf }).rosterCounts).toEqual(rosterCounts);
  });
});
