// A made-up edition (test/support/made-up-edition.ts: 323/2020, 支教教师 in 教扶04 and rule R04.3) in the
// pane over the model of Excel and on the page over a file: given a lookup that knows the edition,
// each opens the workbook in that edition, checks its new rule as the clerk types and words the issue
// with the edition's own labels; with the built-in editions alone the workbook is refused by name.
import { describe, expect, it } from "vitest";
import { ExcelReportWorkbook } from "../../addin/excel/excel-report-workbook.ts";
import { FileReportWorkbook } from "../../addin/file/file-report-workbook.ts";
import { changeText } from "../../addin/logic/change-text.ts";
import { messageOf } from "../../addin/logic/issue-list.ts";
import { ReportSession, UnsupportedReportError } from "../../addin/logic/report-session.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { hostWithWorkbook } from "../support/excel-model/excel-host.ts";
import { aidTeachersField, aidTeachersRule, madeUpEdition, madeUpFormSet, madeUpSampleReport, withMadeUpEdition } from "../support/made-up-edition.ts";
import { withValue } from "../support/sample-report.ts";

const jinan = reportingTree.unit("370100")!;
const county = jinan.children[0]!;
const report = madeUpSampleReport(jinan);
const exchanged = Number(report.sheets["教扶04"]!.find((row) => row.key === county.code)!.values.E04_EXCH);
const bytes = renderReportTemplate({ formSet: madeUpFormSet, unit: jinan, period: "2020", report });
const sheet = unitLayout(madeUpFormSet, jinan, "2020").sheet("教扶04")!;
const aidTeachersCell = sheet.cellOf(county.code, aidTeachersField)!;

describe("the pane over the model of Excel, on a workbook of the made-up edition", () => {
  it("is refused with the built-in editions alone, naming the edition", async () => {
    const host = hostWithWorkbook(bytes);
    host.install();
    const workbook = new ExcelReportWorkbook();
    const identity = (await workbook.readIdentity())!;
    expect(identity.edition).toBe(madeUpEdition);
    const refused = await ReportSession.open(workbook, identity).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnsupportedReportError);
    expect((refused as Error).message).toContain(madeUpEdition);
  });

  it("opens in that edition, checks R04.3 as the clerk types 支教教师, and says the issue with the field's own label and unit", async () => {
    const host = hostWithWorkbook(bytes);
    host.install();
    const workbook = new ExcelReportWorkbook();
    const session = await ReportSession.open(workbook, (await workbook.readIdentity())!, undefined, withMadeUpEdition);
    expect(session.formSet.edition).toBe(madeUpEdition);
    expect(session.result.issues).toEqual([]);
    host.type(sheet.name, aidTeachersCell, exchanged + 1);
    await host.whenIdle();
    const issues = session.result.issues;
    expect(issues.map((issue) => `${issue.ruleId} ${issue.cell}`)).toEqual([`${aidTeachersRule} ${aidTeachersCell}`]);
    expect(messageOf(issues[0]!, session.formSet, "zh")).toContain(`支教教师\uff08${exchanged + 1} 人\uff09`);
    expect(session.submission().sheets["教扶04"]!.find((row) => row.key === county.code)!.values[aidTeachersField]).toBe(exchanged + 1);
    // A change between two revisions is named in the edition's words too.
    const change = { sheetCode: "教扶04", cell: aidTeachersCell, rowKey: county.code, fieldCode: aidTeachersField, before: 1, after: 2 };
    expect(changeText(change, session.formSet, "zh")).toBe(`${county.name} · 支教教师\uff08人\uff09\uff1a1 → 2`);
  });
});

describe("the page over a file of the made-up edition", () => {
  it("reads it in that edition, shows R04.3, and gives it back in that edition; with the built-in editions alone it refuses the file by edition", async () => {
    const broken = renderReportTemplate({
      formSet: madeUpFormSet,
      unit: jinan,
      period: "2020",
      report: withValue(report, "教扶04", county.code, aidTeachersField, exchanged + 1),
    });
    expect(() => new FileReportWorkbook().load(broken, "济南-2020.xlsx")).toThrow(madeUpEdition);
    const file = new FileReportWorkbook(undefined, withMadeUpEdition);
    file.load(broken, "济南-2020.xlsx");
    const session = await ReportSession.open(file, (await file.readIdentity())!, undefined, withMadeUpEdition);
    expect(session.result.issues.map((issue) => `${issue.ruleId} ${issue.cell}`)).toEqual([`${aidTeachersRule} ${aidTeachersCell}`]);
    const back = readReportWorkbookContents((await file.download()).bytes, { formSetOf: withMadeUpEdition }).report;
    expect(back.edition).toBe(madeUpEdition);
    expect(back.sheets["教扶04"]!.find((row) => row.key === county.code)!.values[aidTeachersField]).toBe(exchanged + 1);
  });
});
