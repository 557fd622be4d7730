// The third ReportWorkbook: a report workbook as a file (for clerks without the add-in). Filled by a
// writer other than ours (ExcelJS), it shows exactly the issues the command line's reader and engine
// find; explanations typed beside it are kept when the clerk drops a new version, and come back in
// the workbook the clerk downloads.
import { describe, expect, it } from "vitest";
import { FileReportWorkbook } from "../../addin/file/file-report-workbook.ts";
import { ReportSession } from "../../addin/logic/report-session.ts";
import { currentFormSet, formSetOf } from "../../shared/forms/form-set.ts";
import { regionTable } from "../../shared/regions/region-table.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { fillTemplateWithExcelJS } from "../support/exceljs-fill.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";
import { layout, prefecture } from "./support/filled-workbook.ts";

const county = prefecture.counties[0]!.code;
const template = renderReportTemplate({ formSet: currentFormSet, prefecture, period: "2019" });
const cliIssues = (bytes: Uint8Array) => {
  const { report, previous } = readReportWorkbookContents(bytes, { formSetOf, regions: regionTable });
  return validateReport({ formSet: currentFormSet, prefecture, report, ...(previous && { previous }) }).issues.map(
    (issue) => `${issue.ruleId} ${issue.address} ${issue.messageZh}`,
  );
};

describe("FileReportWorkbook", () => {
  it("shows the command line's issues for a file filled by ExcelJS, keeps typed explanations across a new version, and gives the workbook back with them", async () => {
    const warned = await fillTemplateWithExcelJS(template, withValue(sampleReport(prefecture), "教扶05", county, "E05_COVERED", 0));
    const file = new FileReportWorkbook(warned, "济南.xlsx");
    const session = await ReportSession.open(file, (await file.readIdentity())!);
    const issuesOf = () => session.result.issues.map((issue) => `${issue.ruleId} ${issue.address} ${issue.messageZh}`);
    expect(issuesOf()).toEqual(cliIssues(warned));
    expect(session.result.issues.map((issue) => issue.ruleId)).toEqual(["R05.2"]);

    await session.explain(session.result.issues[0]!, "该县两所重点村学校已撤并，无需结对");
    expect(session.result.canSubmit).toBe(true);

    // The clerk fixes another figure in WPS and saves: the new file is read, the explanation stays.
    const broken = await fillTemplateWithExcelJS(
      template,
      withValue(withValue(sampleReport(prefecture), "教扶05", county, "E05_COVERED", 0), "教扶04", county, "E04_PRIN", 100_000),
    );
    file.replace(broken);
    await session.reread();
    expect(session.result.issues.map((issue) => `${issue.ruleId} ${issue.explanation ?? ""}`)).toEqual(["R04.1 ", "R05.2 该县两所重点村学校已撤并，无需结对"]);
    expect(issuesOf().find((issue) => issue.startsWith("R04.1"))).toBe(cliIssues(broken).find((issue) => issue.startsWith("R04.1")));

    const downloaded = await file.download(layout);
    const back = readReportWorkbookContents(downloaded, { formSetOf, regions: regionTable });
    expect(back.report.explanations).toEqual(session.submission().explanations);
    expect(cliIssues(downloaded).map((issue) => issue.split(" ")[0])).toEqual(["R04.1", "R05.2"]);
  });

  it("offers files instead of opening workbooks, and keeps its submit queue in memory (the page keeps a copy in its storage)", async () => {
    const file = new FileReportWorkbook(await fillTemplateWithExcelJS(template, sampleReport(prefecture)), "济南.xlsx");
    expect([await file.insertTemplate(), await file.openWorkbook()]).toEqual(["download", "download"]);
    expect(await file.writeSubmitQueue('[{"idempotencyKey":"k"}]')).toBe("unsaved");
    expect(await file.readSubmitQueue()).toBe('[{"idempotencyKey":"k"}]');
  });
});
