// The roster (教扶10) in the pane, over the model of Excel, and on the page, over a file: a roster
// workbook is recognised by its _meta, read with the one roster reader (Excel's values, in chunks of
// rows, or the file's cells), checked by the one engine as the clerk types, and submitted without names.
import { describe, expect, it } from "vitest";
import { ExcelReportWorkbook, ROSTER_READ_CHUNK_ROWS } from "../../addin/excel/excel-report-workbook.ts";
import { FileReportWorkbook, OtherUnitWorkbookError } from "../../addin/file/file-report-workbook.ts";
import { RosterSession } from "../../addin/logic/roster-session.ts";
import type { ApiClient, RosterSubmitBody } from "../../shared/api/api-client.ts";
import { withCheckCharacter } from "../../shared/roster/citizen-id.ts";
import { maskCitizenId } from "../../shared/roster/masked-id.ts";
import { readRosterWorkbook, rosterFromSheets } from "../../shared/roster/read-roster.ts";
import { renderRosterTemplate } from "../../shared/roster/render-roster-template.ts";
import { ROSTER } from "../../shared/roster/roster-definition.ts";
import { validateRoster } from "../../shared/roster/validate-roster.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { WorkbookReadError } from "../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { syntheticRoster } from "../../scripts/demo/demo-rosters.ts";
import { hostWithWorkbook } from "../support/excel-model/excel-host.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { fillRosterWithExcelJS, fourIssueRoster, openpyxlStyleRoster } from "../support/roster-files.ts";

const lixia = reportingUnitOf("370102") as ReportingUnit;
const { roster: fourIssues, expected } = fourIssueRoster();
const fourIssueFile = openpyxlStyleRoster(fourIssues);
const found = (issues: { cell: string; ruleId: string }[]) => issues.map(({ cell, ruleId }) => ({ cell, ruleId }));

async function excelWith(bytes: Uint8Array) {
  const host = hostWithWorkbook(bytes);
  host.install();
  const workbook = new ExcelReportWorkbook();
  return { host, workbook };
}

async function sessionOver(bytes: Uint8Array) {
  const { host, workbook } = await excelWith(bytes);
  const session = (await RosterSession.open(workbook)) as RosterSession;
  const changed = async () => (await host.whenIdle(), await session.settled());
  const issues = () => ("result" in session.check ? found(session.check.result.issues) : []);
  return { host, workbook, session, changed, issues };
}

describe("a roster workbook in Excel", () => {
  it("is no report, and is read as the file reader reads the file: a roster filled by openpyxl gets exactly its four issues", async () => {
    const { workbook } = await excelWith(fourIssueFile);
    expect(await workbook.readIdentity()).toBeUndefined();
    const sheets = await workbook.readRosterSheets();
    const roster = rosterFromSheets(sheets!);
    // Excel keeps 15 significant digits of a number, the file its 17: an ID typed as a number is a number in both, and refused.
    const numbersAsKind = (read: typeof roster) => ({
      ...read,
      rows: read.rows.map((row) => ({ ...row, values: { ...row.values, E10_ID: typeof row.values.E10_ID === "number" ? "number" : row.values.E10_ID } })),
    });
    expect(numbersAsKind(roster)).toEqual(numbersAsKind(readRosterWorkbook(fourIssueFile)));
    expect(found(validateRoster({ unit: lixia, roster }).issues)).toEqual(expected);
  });

  it("a report workbook, or one with nothing of ours, holds no roster", async () => {
    const report = await excelWith(renderReportTemplate({ formSet: currentFormSet, unit: reportingUnitOf("370100") as ReportingUnit, period: "2019" }));
    expect(await report.workbook.readRosterSheets()).toBeUndefined();
    const plain = hostWithWorkbook(undefined);
    plain.install();
    expect(await new ExcelReportWorkbook().readRosterSheets()).toBeUndefined();
  });

  it("follows the clerk: each edit is one read of its block, and the issue list names sheet, cell and rule after it", async () => {
    // Filled in the template (its ID column formatted as text, as a clerk's copy is): a typed ID stays text.
    const filled = await fillRosterWithExcelJS(renderRosterTemplate(lixia, "2019"), fourIssues);
    const { host, session, changed, issues } = await sessionOver(filled);
    expect(issues()).toEqual(expected);
    const badId = fourIssues.rows[2]!.values.E10_ID as string;
    host.syncs = 0;
    host.type(ROSTER.sheetName, "A7", withCheckCharacter(badId.slice(0, 17)));
    await changed();
    expect(host.syncs).toBe(1);
    expect(issues()).toEqual(expected.filter((issue) => issue.cell !== "A7"));
    host.type(ROSTER.sheetName, "B5", null);
    await changed();
    const blankName = (session.check as { result: { issues: { cell: string; ruleId: string; sheetName: string; messageZh: string }[] } }).result.issues.find(
      (issue) => issue.cell === "B5",
    );
    expect(blankName).toMatchObject({ ruleId: "R10.3", sheetName: ROSTER.sheetName });
    expect(blankName?.messageZh).toContain("未填写");
  });

  it("catches a pick from a list that raised no event when the clerk moves on: the cell left is read again, not the sheet", async () => {
    const filled = await fillRosterWithExcelJS(renderRosterTemplate(lixia, "2019"), fourIssues);
    const { host, changed, issues } = await sessionOver(filled);
    host.gaps.dropdownPickRaisesNoEvent = true;
    host.selectCell(ROSTER.sheetName, "F5");
    await changed();
    host.pickFromList(ROSTER.sheetName, "F5", "否");
    await changed();
    expect(issues()).toEqual(expected);
    host.syncs = 0;
    host.selectCell(ROSTER.sheetName, "F6");
    await changed();
    expect(host.syncs).toBe(2);
    expect(issues()).toContainEqual({ cell: "F5", ruleId: "R10.5" });
  });

  it("reads the roster sheet in chunks of rows, one request each (5,000 rows a chunk: a county's 10,000 students are two), after three to find the sheets", async () => {
    expect(ROSTER_READ_CHUNK_ROWS).toBe(5_000);
    // 1,200 students in chunks of 500 rows: the model of Excel is too slow for 10,000, the arithmetic is the same.
    const roster = syntheticRoster("370102", "370102", { E01_PRE: 100, E01_CMP: 800, E01_GHS: 150, E01_SVE: 100, E01_HED: 50 }, "2019", 7);
    const { host, workbook } = await excelWith(await fillRosterWithExcelJS(renderRosterTemplate(lixia, "2019"), { ...roster, explanations: [] }));
    host.syncs = 0;
    host.responseBytes = [];
    const read = rosterFromSheets((await workbook.readRosterSheets(500))!);
    // The used range starts at the title (row 1): 4 heading rows and 1,200 students.
    expect(host.syncs).toBe(3 + Math.ceil((4 + 1_200) / 500));
    // Each chunk's response is its share of the rows (bench/roster-read.bench.ts sets 10,000 against 5 MB).
    const chunks = host.responseBytes.slice(3);
    expect(chunks).toHaveLength(3);
    expect(Math.max(...chunks)).toBeLessThan(500 * 200);
    expect(read.rows).toEqual(roster.rows);
  });

  it("submits the rows without names, with a key, and only a roster the engine passes", async () => {
    const sent: { body: RosterSubmitBody; key: string }[] = [];
    const receipt = {
      revision: 1,
      submittedAt: "2026-12-07T10:00:00.000Z",
      submittedBy: "t",
      submittedByName: "历下区",
      students: 0,
      sha256: "",
      duplicates: [],
      listUploaded: false,
      notOnList: [],
    };
    const api = {
      submitRoster: async (_period: string, _unit: string, body: RosterSubmitBody, key: string) => (
        sent.push({ body, key }), { ...receipt, students: body.rows.length }
      ),
    } as unknown as ApiClient;
    const blocked = await sessionOver(fourIssueFile);
    await expect(blocked.session.submit(api)).rejects.toThrow(/unresolved/);
    const clean = syntheticRoster("370102", "370102", { E01_PRE: 2, E01_CMP: 6, E01_GHS: 2, E01_SVE: 1, E01_HED: 1 }, "2019", 3);
    for (const row of clean.rows) row.values.E10_AIDED = "是";
    const { session } = await sessionOver(openpyxlStyleRoster({ ...clean, explanations: [] }));
    expect((await session.submit(api)).students).toBe(12);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    const names = clean.rows.map((row) => row.values.E10_NAME as string);
    expect(names.some((name) => JSON.stringify(sent[0]!.body).includes(name))).toBe(false);
  });
});

describe("名册有、库无 (X10.3) in the pane", () => {
  it("asks the server for its latest revision's findings alone (one request, no rows) and shows each on its row, explained from the 说明 sheet, without blocking the submit", async () => {
    const clean = syntheticRoster("370102", "370102", { E01_PRE: 2, E01_CMP: 6, E01_GHS: 2, E01_SVE: 1, E01_HED: 1 }, "2019", 3);
    for (const row of clean.rows) row.values.E10_AIDED = "是";
    const idOf = (position: number) => String(clean.rows[position]!.values.E10_ID);
    const explanations = [{ ruleId: "X10.3", rowKey: idOf(4), text: "户籍已迁入本区，名单未更新" }];
    const { session } = await sessionOver(openpyxlStyleRoster({ ...clean, explanations }));
    const findings = [4, 9].map((position) => ({ maskedId: maskCitizenId(idOf(position)), position, explained: false }));
    const asked: string[] = [];
    // Only rosterFindings answers: a call for the revision list or a revision's detail fails the test.
    const api = {
      rosterFindings: async (period: string, unit: string, revision: number | "latest") => (
        asked.push(`${period}/${unit}/${revision}`), { revision: 2, students: 12, listUploaded: true, notOnList: findings }
      ),
    } as unknown as ApiClient;
    expect(session.unlistedIssues()).toBeUndefined();
    await session.loadUnlisted(api);
    expect(asked).toEqual(["2019/370102/latest"]);
    const issues = session.unlistedIssues()!;
    expect(issues.map(({ ruleId, cell, explanation }) => ({ ruleId, cell, explanation }))).toEqual([
      { ruleId: "X10.3", cell: "A9", explanation: "户籍已迁入本区，名单未更新" },
      { ruleId: "X10.3", cell: "A14", explanation: undefined },
    ]);
    expect("result" in session.check && session.check.result.canSubmit).toBe(true);
  });

  it("has none in a period without a list, nor for a unit with no roster yet", async () => {
    const { session } = await sessionOver(fourIssueFile);
    const noList = { rosterFindings: async () => ({ revision: 1, students: 12, listUploaded: false, notOnList: [] }) } as unknown as ApiClient;
    await session.loadUnlisted(noList);
    expect(session.unlistedIssues()).toBeUndefined();
    let told = 0;
    session.onChange(() => told++);
    const noRoster = { rosterFindings: async () => undefined } as unknown as ApiClient;
    await session.loadUnlisted(noRoster);
    expect(session.unlistedIssues()).toBeUndefined();
    expect(told).toBe(0);
  });
});

describe("a roster file on the page", () => {
  it("is loaded as a roster when it is no report; another unit's is refused; a report loaded after it is a report again", async () => {
    const workbook = new FileReportWorkbook();
    workbook.load(fourIssueFile, "历下区名册.xlsx", "370102");
    expect(workbook.holdsRoster).toBe(true);
    expect(workbook.fileName).toBe("历下区名册.xlsx");
    expect(() => workbook.load(fourIssueFile, "历下区名册.xlsx", "370103")).toThrow(OtherUnitWorkbookError);
    expect(workbook.holdsRoster).toBe(true);
    expect(() => new FileReportWorkbook().load(renderRosterTemplate(lixia, "2019").slice(0, 100), "broken.xlsx")).toThrow(WorkbookReadError);
    workbook.load(renderReportTemplate({ formSet: currentFormSet, unit: reportingUnitOf("370100") as ReportingUnit, period: "2019" }), "济南市.xlsx");
    expect(workbook.holdsRoster).toBe(false);
    expect(await workbook.readRosterSheets()).toBeUndefined();
    expect((await workbook.readIdentity())?.unitCode).toBe("370100");
  });

  it("gives the roster's sheets to the same session: the page's issues are the pane's", async () => {
    const workbook = new FileReportWorkbook();
    workbook.load(fourIssueFile, "历下区名册.xlsx");
    expect(await workbook.readIdentity()).toBeUndefined();
    const session = (await RosterSession.open(workbook)) as RosterSession;
    expect("result" in session.check && found(session.check.result.issues)).toEqual(expected);
  });
});
