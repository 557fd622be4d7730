// The live loop in real conditions: the pane over the Excel adapter over the model of Excel, with a
// filled 济南 workbook whose formula cells Excel recalculates without telling anyone.
import { groupIssues } from "../../addin/logic/issue-list.ts";
import { describe, expect, it, vi } from "vitest";
import { ExcelReportWorkbook } from "../../addin/excel/excel-report-workbook.ts";
import { ReportSession, UnsupportedReportError } from "../../addin/logic/report-session.ts";
import { Submitter } from "../../addin/logic/submitter.ts";
import type { ApiClient, Receipt } from "../../shared/api/api-client.ts";
import { excelWithReport } from "./support/excel-workbook.ts";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { hostWithWorkbook } from "../support/excel-model/excel-host.ts";
import { sampleReport } from "../support/sample-report.ts";
import { layout, prefecture } from "./support/filled-workbook.ts";

const county = prefecture.children[0]!.code;
const cell = (sheetCode: string, fieldCode: string, row: string = county) => {
  const sheetLayout = layout.sheet(sheetCode)!;
  return [sheetLayout.name, sheetLayout.cellOf(row, fieldCode)!] as const;
};

async function openSession(options: Parameters<typeof excelWithReport>[0] = {}) {
  const host = excelWithReport(options);
  const workbook = new ExcelReportWorkbook();
  const session = await ReportSession.open(workbook, (await workbook.readIdentity())!);
  const failures: unknown[] = [];
  session.onFailure((error) => failures.push(error));
  host.syncs = 0;
  return { host, workbook, session, failures };
}

const problems = (session: ReportSession) => session.result.issues.map((issue) => `${issue.ruleId} ${issue.address}`);

describe("ReportSession over Excel", () => {
  it("keeps up with formula cells Excel recalculated without an event: a new 学前教育 count leaves 合计 right (one sync per edit)", async () => {
    const { host, session } = await openSession();
    expect(problems(session)).toEqual([]);
    host.type(...cell("教扶01", "E01_PRE"), (host.value(...cell("教扶01", "E01_PRE")) as number) - 5);
    await host.whenIdle();
    expect(problems(session)).toEqual([]);
    expect(session.report.sheets["教扶01"]!.find((row) => row.key === county)!.values.E01_TOT).toBe(host.value(...cell("教扶01", "E01_TOT")));
    expect(host.syncs).toBe(1);
  });

  it("recalculates before reading where Excel calculates manually (a setting of the running Excel): a stale 合计 is never called the clerk's error", async () => {
    const host = excelWithReport();
    host.setCalculationMode("Manual");
    const total = cell("教扶01", "E01_TOT");
    const before = host.value(...total) as number;
    host.type(...cell("教扶01", "E01_PRE"), (host.value(...cell("教扶01", "E01_PRE")) as number) - 5);
    expect(host.value(...total)).toBe(before); // Excel has not recalculated: the cell is stale
    const workbook = new ExcelReportWorkbook();
    const session = await ReportSession.open(workbook, (await workbook.readIdentity())!);
    expect(problems(session)).toEqual([]);
    expect(host.value(...total)).toBe(before - 5);
    host.syncs = 0;
    host.type(...cell("教扶01", "E01_PRE"), (host.value(...cell("教扶01", "E01_PRE")) as number) - 2);
    await host.whenIdle();
    expect(problems(session)).toEqual([]);
    expect(session.report.sheets["教扶01"]!.find((row) => row.key === county)!.values.E01_TOT).toBe(before - 7);
    expect(host.syncs).toBe(2); // the read, then the recalculation and the read again
  });

  it("keeps ratios and cross-sheet rules fed by computed cells right", async () => {
    const { host, session } = await openSession();
    // 教扶02's completion rate follows its inputs; 教扶07 checks its aided persons against 教扶01's computed 合计.
    host.type(...cell("教扶02", "E02_INV_DONE"), Math.round((host.value(...cell("教扶02", "E02_INV_PLAN")) as number) * 120) / 100);
    await host.whenIdle();
    expect(problems(session)).toEqual([]);
    const aided = host.value(...cell("教扶07", "E07_AID_PERSONS")) as number;
    const total = host.value(...cell("教扶01", "E01_TOT")) as number;
    const preschool = host.value(...cell("教扶01", "E01_PRE")) as number;
    host.type(...cell("教扶01", "E01_PRE"), preschool + (aided - total) + 1);
    await host.whenIdle();
    expect(problems(session)).toEqual([`X07.1 教扶07!${cell("教扶07", "E07_AID_PERSONS")[1]}`]);
    host.type(...cell("教扶01", "E01_PRE"), preschool);
    await host.whenIdle();
    expect(problems(session)).toEqual([]);
  });

  it("validates as the clerk types: an error and a warning appear, then go; the explanation lands in 说明 as text", async () => {
    const { host, session } = await openSession();
    host.type(...cell("教扶04", "E04_PRIN"), 100_000);
    host.type(...cell("教扶05", "E05_COVERED"), 0);
    await host.whenIdle();
    expect(
      groupIssues(
        session.result.issues,
        session.formSet.sheets.map((sheet) => sheet.code),
      ).map((group) => [group.sheetCode, group.issues.map((issue) => issue.ruleId)]),
    ).toEqual([
      ["教扶04", ["R04.1"]],
      ["教扶05", ["R05.2"]],
    ]);
    expect(session.result.canSubmit).toBe(false);
    host.type(...cell("教扶04", "E04_PRIN"), 1);
    await host.whenIdle();
    const warning = session.result.issues[0]!;
    const updates = vi.fn();
    session.onUpdate(updates);
    await session.explain(warning, "=撤并两所，无需结对");
    await host.whenIdle();
    expect(updates).toHaveBeenCalledTimes(1);
    expect(session.result.canSubmit).toBe(true);
    expect([host.value("说明", "A2"), host.value("说明", "G2")]).toEqual(["R05.2", "=撤并两所，无需结对"]);
    await session.reread();
    expect(session.result.canSubmit).toBe(true);

    // A reason code chosen with it goes to 说明's 原因 column as its Chinese label and comes back as its code on a re-read.
    await session.explain(warning, "=撤并两所，无需结对", "actual");
    expect(host.value("说明", "H2")).toBe("实际变化");
    await session.reread();
    expect([session.reasonOf(warning), session.result.issues[0]?.explanationReason]).toEqual(["actual", "actual"]);
  });

  it("notices an explanation the clerk's Ctrl+Z took out of 说明 without an event: read back on focus and before a submit, named, and written again on request", async () => {
    const { host, session } = await openSession();
    host.type(...cell("教扶05", "E05_COVERED"), 0);
    await host.whenIdle();
    const warning = session.result.issues.find((issue) => issue.ruleId === "R05.2")!;
    await session.explain(warning, "两所学校已撤并，无需结对");
    expect(session.result.canSubmit).toBe(true);
    expect(host.undo()).toBe(true); // Ctrl+Z in Excel: the last undo record is the pane's write to 说明
    expect(host.value("说明", "G2")).toBe("");
    await host.whenIdle();
    expect(session.undoneExplanations).toEqual([]); // no event: the pane cannot know yet
    await session.checkExplanations(); // the pane gets focus
    expect(session.undoneExplanations.map((explanation) => [explanation.sheetCode, explanation.rowKey, explanation.text])).toEqual([
      ["教扶05", warning.rowKey, "两所学校已撤并，无需结对"],
    ]);
    expect(session.result.canSubmit).toBe(false); // what would be saved and submitted lacks it, and the pane says so
    await session.rewriteUndone();
    expect(host.value("说明", "G2")).toBe("两所学校已撤并，无需结对");
    expect([session.undoneExplanations, session.result.canSubmit]).toEqual([[], true]);
    host.undo();
    await session.reread(); // before a submit
    expect(session.undoneExplanations).toHaveLength(1);
  });

  it("reads everything again when rows are inserted or deleted", async () => {
    const { host, session } = await openSession();
    const reread = vi.spyOn(session, "reread");
    host.insertRows(layout.sheet("教扶04")!.name, 8, 1);
    await host.whenIdle();
    expect(reread).toHaveBeenCalledTimes(1);
    expect(problems(session).length).toBeGreaterThan(0); // the inserted row shifted the counties below it
    host.deleteRows(layout.sheet("教扶04")!.name, 8, 1);
    await host.whenIdle();
    expect(problems(session)).toEqual([]);
  });

  it("catches up with an edit Excel raised no event for (a list pick on the web) when it reads everything before a submit", async () => {
    const { host, session } = await openSession({ platform: "web" });
    host.pickFromList(...cell("教扶04", "E04_PRIN"), 100_000);
    await host.whenIdle();
    expect(problems(session)).toEqual([]);
    await session.reread();
    expect(problems(session)).toEqual([`R04.1 教扶04!${cell("教扶04", "E04_PRIN")[1]}`]);
  });

  for (const platform of ["web", "windows365"] as const) {
    it(`${platform}: catches up with a list pick Excel raised no event for as soon as the clerk moves on, on that sheet or another (one sync a move)`, async () => {
      const { host, session } = await openSession({ platform });
      const principals = cell("教扶04", "E04_PRIN");
      host.selectCell(principals[0], principals[1]);
      await host.whenIdle();
      host.syncs = 0;
      host.pickFromList(...principals, 100_000);
      await host.whenIdle();
      expect(problems(session)).toEqual([]); // no event: the pane cannot know yet
      host.selectCell(...cell("教扶01", "E01_PRE"));
      await host.whenIdle();
      expect(problems(session)).toEqual([`R04.1 教扶04!${principals[1]}`]);
      host.pickFromList(...principals, 1);
      host.selectCell(...principals);
      await host.whenIdle();
      expect(problems(session)).toEqual([]);
      expect(host.syncs).toBe(2);
    });
  }

  it("reads what is left when a sheet is deleted under it, and names the sheet", async () => {
    const { host, session, failures } = await openSession();
    host.deleteSheet(layout.sheet("教扶05")!.name);
    host.type(...cell("教扶04", "E04_PRIN"), 100_000);
    await host.whenIdle();
    expect(session.missingSheets).toEqual([layout.sheet("教扶05")!.name]);
    expect(problems(session)).toContain(`R04.1 教扶04!${cell("教扶04", "E04_PRIN")[1]}`);
    expect(failures).toEqual([]);
  });

  it("tells the pane when following an edit fails (Excel back in cell-edit mode and not delaying), instead of dropping it", async () => {
    const { host, failures } = await openSession();
    host.honoursDelayForCellEdit = false;
    host.type(...cell("教扶04", "E04_PRIN"), 3);
    host.beginCellEdit(...cell("教扶04", "E04_EXCH")); // the clerk types on before the pane has read the change
    await host.whenIdle();
    host.endCellEdit();
    expect(failures.map((error) => (error as { code?: string }).code)).toEqual(["InvalidOperationInCellEditMode"]);
  });

  it("refuses a workbook of an unknown edition with an error that names it", async () => {
    excelWithReport();
    const workbook = new ExcelReportWorkbook();
    const identity = (await workbook.readIdentity())!;
    await expect(ReportSession.open(workbook, { ...identity, edition: "323/2030" })).rejects.toBeInstanceOf(UnsupportedReportError);
  });

  it("submits in at most two syncs: the full read before it, and the queue saved with the workbook", async () => {
    const { host, workbook, session } = await openSession();
    const receipt: Receipt = { submissionId: "1", revision: 1, submittedAt: "2020-01-15T00:00:00.000Z", sha256: "ab".repeat(32), status: "submitted" };
    const api = { submit: async () => receipt } as unknown as ApiClient;
    const submitter = new Submitter(
      workbook,
      () => api,
      () => {},
    );
    await session.reread();
    await submitter.submit("2019", prefecture.code, { report: session.submission(), basedOnRevision: null });
    expect(submitter.state.last).toEqual({ kind: "landed", receipt });
    expect(host.syncs).toBeLessThanOrEqual(2);
  });

  it("submits inputs only: no computed fields, no blank list rows, explanations included", async () => {
    const { session } = await openSession();
    const submission = session.submission();
    expect(Object.keys(submission.sheets["教扶01"]![0]!.values)).not.toContain("E01_TOT");
    expect(submission.sheets["教扶06"]!.length).toBe(3);
    expect(submission.sheets["封面"]![0]!.values).not.toHaveProperty("C_UNIT");
  });

  it("follows a county's workbook the same way: its one row, 合计-free, checked live as the clerk types, with the county's own rules", async () => {
    const lixia = reportingUnitOf(county) as ReportingUnit;
    const countyReport = childReportOf(currentFormSet, sampleReport(prefecture), lixia, { cover: sampleReport(prefecture).sheets["封面"]?.[0] });
    const host = hostWithWorkbook(renderReportTemplate({ formSet: currentFormSet, unit: lixia, period: "2019", report: countyReport }));
    host.install();
    const workbook = new ExcelReportWorkbook();
    const identity = (await workbook.readIdentity())!;
    expect(identity.unitCode).toBe(lixia.code);
    const session = await ReportSession.open(workbook, identity);
    expect(session.unit.code).toBe(lixia.code);
    expect(problems(session)).toEqual([]);
    const countyLayout = unitLayout(currentFormSet, lixia, "2019");
    const at = (sheetCode: string, fieldCode: string) =>
      [countyLayout.sheet(sheetCode)!.name, countyLayout.sheet(sheetCode)!.cellOf(lixia.code, fieldCode)!] as const;
    // Its 教扶01 total is Excel's formula on its own row, recomputed without an event.
    host.type(...at("教扶01", "E01_PRE"), (host.value(...at("教扶01", "E01_PRE")) as number) + 7);
    host.type(...at("教扶04", "E04_PRIN"), 100_000);
    await host.whenIdle();
    expect(problems(session)).toEqual([`R04.1 教扶04!${at("教扶04", "E04_PRIN")[1]}`]);
    expect(session.report.sheets["教扶01"]?.[0]?.values.E01_TOT).toBe(host.value(...at("教扶01", "E01_TOT")));
    host.type(...at("教扶04", "E04_PRIN"), 0);
    await host.whenIdle();
    expect(problems(session)).toEqual([]);
  });
});
