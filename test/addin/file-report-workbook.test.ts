// The third ReportWorkbook: a report workbook as a file (for clerks without the add-in). Filled by a
// writer other than ours (ExcelJS), it shows exactly the issues the command line's reader and engine
// find; explanations typed beside it are kept when the clerk drops a new version, and come back in
// the workbook the clerk downloads.
import { describe, expect, it } from "vitest";
import { FileReportWorkbook } from "../../addin/file/file-report-workbook.ts";
import { ReportSession } from "../../addin/logic/report-session.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { fillTemplateWithExcelJS } from "../support/exceljs-fill.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";
import { prefecture } from "./support/filled-workbook.ts";

const county = prefecture.children[0]!.code;
const template = renderReportTemplate({ formSet: currentFormSet, unit: prefecture, period: "2019" });
const cliIssues = (bytes: Uint8Array) => {
  const { report, previous } = readReportWorkbookContents(bytes, { formSetOf });
  return validateReport({ formSet: currentFormSet, unit: prefecture, report, ...(previous && { previous }) }).issues.map(
    (issue) => `${issue.ruleId} ${issue.address} ${issue.messageZh}`,
  );
};

describe("FileReportWorkbook", () => {
  it("shows the command line's issues for a file filled by ExcelJS, keeps typed explanations across a new version, and gives the workbook back with them", async () => {
    const warned = await fillTemplateWithExcelJS(template, withValue(sampleReport(prefecture), "教扶05", county, "E05_COVERED", 0));
    const file = new FileReportWorkbook();
    file.load(warned, "济南.xlsx");
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
    file.load(broken, "济南.xlsx");
    await session.reread();
    expect(session.result.issues.map((issue) => `${issue.ruleId} ${issue.explanation ?? ""}`)).toEqual(["R04.1 ", "R05.2 该县两所重点村学校已撤并，无需结对"]);
    expect(issuesOf().find((issue) => issue.startsWith("R04.1"))).toBe(cliIssues(broken).find((issue) => issue.startsWith("R04.1")));

    const { bytes: downloaded, fileName } = await file.download();
    expect(fileName).toBe("济南.xlsx");
    const back = readReportWorkbookContents(downloaded, { formSetOf });
    expect(back.report.explanations).toEqual(session.submission().explanations);
    expect(cliIssues(downloaded).map((issue) => issue.split(" ")[0])).toEqual(["R04.1", "R05.2"]);
  });

  it("offers files instead of opening workbooks, and keeps its submit queue in memory (the page keeps a copy in its storage)", async () => {
    const file = new FileReportWorkbook();
    file.load(await fillTemplateWithExcelJS(template, sampleReport(prefecture)), "济南.xlsx");
    expect([await file.insertTemplate(), await file.openWorkbook()]).toEqual(["download", "download"]);
    expect(await file.writeSubmitQueue('[{"idempotencyKey":"k"}]')).toBe("unsaved");
    expect(await file.readSubmitQueue()).toBe('[{"idempotencyKey":"k"}]');
  });

  it("keeps typed explanations in the browser's storage for a reload, not for another report, and keeps the last good file when a bad one is dropped", async () => {
    const storage = memoryStorage();
    const warned = await fillTemplateWithExcelJS(template, withValue(sampleReport(prefecture), "教扶05", county, "E05_COVERED", 0));
    const first = new FileReportWorkbook(storage);
    first.load(warned, "济南.xlsx");
    const session = await ReportSession.open(first, (await first.readIdentity())!);
    await session.explain(session.result.issues[0]!, "该县两所重点村学校已撤并，无需结对");

    // The clerk reloads the page and drops the same file: the explanation is there.
    const reloaded = new FileReportWorkbook(storage);
    reloaded.load(warned, "济南.xlsx");
    const again = await ReportSession.open(reloaded, (await reloaded.readIdentity())!);
    expect(again.result.canSubmit).toBe(true);
    expect(again.result.issues[0]?.explanation).toBe("该县两所重点村学校已撤并，无需结对");

    // Dropping a file that is no report workbook says why and leaves the report as it was.
    expect(() => reloaded.load(new TextEncoder().encode("not a workbook"), "notes.txt")).toThrow();
    expect(reloaded.fileName).toBe("济南.xlsx");

    // Another prefecture's report does not inherit 济南's explanations.
    const qingdao = reportingTree.unit("370200")!;
    const other = await fillTemplateWithExcelJS(
      renderReportTemplate({ formSet: currentFormSet, unit: qingdao, period: "2019" }),
      withValue(sampleReport(qingdao), "教扶05", qingdao.children[0]!.code, "E05_COVERED", 0),
    );
    reloaded.load(other, "青岛.xlsx");
    const qingdaoSession = await ReportSession.open(reloaded, (await reloaded.readIdentity())!);
    expect(qingdaoSession.result.unexplainedWarnings.map((issue) => issue.ruleId)).toEqual(["R05.2"]);
  });
});

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}
