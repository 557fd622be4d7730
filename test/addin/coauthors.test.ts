import type { ReportData } from "../../shared/report/report-data.ts";
// Two clerks of one unit co-authoring the report's workbook (Excel on the web, OneDrive): the pane
// over the Excel adapter over the model of Excel, with a second client on the same workbook
// (ExcelHost.coauthor). A co-author's edits arrive as Remote change events; document settings (the
// submit queue) are each client's own copy until refreshAsync; 说明 is Excel's last writer wins.
import { describe, expect, it } from "vitest";
import { ExcelReportWorkbook, SUBMIT_QUEUE_SETTING } from "../../addin/excel/excel-report-workbook.ts";
import { ReportSession } from "../../addin/logic/report-session.ts";
import { parseQueue, serializeQueue } from "../../addin/logic/submit-queue.ts";
import type { QueuedSubmit } from "../../addin/logic/submit-queue.ts";
import { Submitter } from "../../addin/logic/submitter.ts";
import { NetworkError } from "../../shared/api/api-client.ts";
import type { ApiClient, SubmitBody } from "../../shared/api/api-client.ts";
import { idempotencyKeyOf } from "../../shared/api/idempotency-key.ts";
import type { CellValue } from "../../shared/report/report-data.ts";
import type { ExcelHost } from "../support/excel-model/excel-host.ts";
import type { PlatformId } from "../support/excel-model/platforms.ts";
import { sampleReport } from "../support/sample-report.ts";
import { excelWithReport } from "./support/excel-workbook.ts";
import { layout, prefecture } from "./support/filled-workbook.ts";

const first = prefecture.children[0]!;
const second = prefecture.children[1]!;
const cell = (sheetCode: string, fieldCode: string, row: string) => {
  const sheetLayout = layout.sheet(sheetCode)!;
  return [sheetLayout.name, sheetLayout.cellOf(row, fieldCode)!] as const;
};
const problems = (session: ReportSession) => session.result.issues.map((issue) => `${issue.ruleId} ${issue.address}`);

/** The clerk's pane in this Excel, and a co-author's Excel on the same workbook (its own `Excel` and `Office`, not the globals). */
async function coauthoring(platform: PlatformId = "web") {
  const host = excelWithReport({ platform });
  const coauthor = host.coauthor();
  const theirs: Record<string, unknown> = {};
  coauthor.install(theirs);
  const workbook = new ExcelReportWorkbook();
  const session = await ReportSession.open(workbook, (await workbook.readIdentity())!);
  return { host, coauthor, their: { Excel: theirs.Excel as typeof Excel, Office: theirs.Office as typeof Office }, workbook, session };
}

/** What the co-author's pane writes to 说明, as ExcelReportWorkbook.writeExplanations does: the rows cleared, then written as text, in one sync. */
async function coauthorWritesExplanations(their: { Excel: typeof Excel }, rows: CellValue[][]): Promise<void> {
  await their.Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(layout.explanations.name);
    sheet.getRange(`A${layout.explanations.firstDataRow + 1}:G5000`).clear("Contents");
    const range = sheet.getRange(`A${layout.explanations.firstDataRow + 1}:G${layout.explanations.firstDataRow + rows.length}`);
    range.numberFormat = rows.map((row) => row.map(() => "@"));
    range.values = rows.map((row) => row.map((value) => String(value ?? "")));
    await context.sync();
  });
}

/** What a co-author's Submitter saves for a submission it could not send yet: its entry, with their pane's id and name. */
async function coauthorQueues(their: { Office: typeof Office }, body: SubmitBody): Promise<QueuedSubmit> {
  const idempotencyKey = await idempotencyKeyOf(body.report as ReportData, undefined, body.basedOnRevision ?? null);
  const entry: QueuedSubmit = {
    idempotencyKey,
    period: "2019",
    unitCode: prefecture.code,
    body,
    queuedAt: "2020-01-15T02:00:00.000Z",
    attempts: 1,
    lastFailure: "offline",
    queuedBy: { id: "their-pane", name: "济南市 李四" },
  };
  const settings = their.Office.context.document.settings;
  settings.set(SUBMIT_QUEUE_SETTING, serializeQueue([entry]));
  await new Promise<void>((resolve) => settings.saveAsync(() => resolve()));
  return entry;
}

function recordingApi(): { api: ApiClient; keys: string[] } {
  const keys: string[] = [];
  const api = {
    submit: async (_period: string, _unit: string, _body: unknown, key: string) => {
      keys.push(key);
      throw new NetworkError("offline");
    },
  } as unknown as ApiClient;
  return { api, keys };
}

const inDocument = (host: ExcelHost) => parseQueue(String(host.workbook.settings.inDocument.get(SUBMIT_QUEUE_SETTING) ?? ""));

describe("co-authors on the report's workbook", () => {
  it("follows a co-author's edits like the clerk's own: the issue list updates on the Remote change event", async () => {
    const { host, coauthor, session } = await coauthoring();
    const principals = cell("教扶04", "E04_PRIN", first.code);
    coauthor.type(...principals, 100_000);
    await host.whenIdle();
    expect(problems(session)).toEqual([`R04.1 教扶04!${principals[1]}`]);
    coauthor.type(...principals, 1);
    await host.whenIdle();
    expect(problems(session)).toEqual([]);
  });

  it("shows what 说明 holds after a co-author wrote it (Excel's last writer wins), and keeps their explanation in its own next write", async () => {
    const { host, coauthor, their, session } = await coauthoring();
    coauthor.type(...cell("教扶05", "E05_COVERED", first.code), 0);
    coauthor.type(...cell("教扶05", "E05_COVERED", second.code), 0);
    await host.whenIdle();
    const [theirs, mine] = session.result.issues.filter((issue) => issue.ruleId === "R05.2") as [
      (typeof session.result.issues)[0],
      (typeof session.result.issues)[0],
    ];
    const row = (issue: typeof theirs, text: string) => ["R05.2", "教扶05", issue.cell, issue.rowKey, "E05_COVERED", "", text];
    await coauthorWritesExplanations(their, [row(theirs, "两所学校已撤并，无需结对")]);
    await host.whenIdle();
    expect(session.explanationOf(theirs)).toBe("两所学校已撤并，无需结对");
    await session.explain(mine, "该县学校已全部结对帮扶");
    expect(host.values(layout.explanations.name, "G2:G3").flat().sort()).toEqual(["两所学校已撤并，无需结对", "该县学校已全部结对帮扶"].sort());
    // The co-author writes over it from a copy without the clerk's: what 说明 holds is what the pane shows.
    await coauthorWritesExplanations(their, [row(theirs, "两所学校已撤并，无需结对"), row(mine, "已核实：该县无需结对")]);
    await host.whenIdle();
    expect([session.explanationOf(mine), session.undoneExplanations]).toEqual(["已核实：该县无需结对", []]);
  });

  for (const platform of ["web", "windows365"] as const) {
    it(`${platform}: shows a co-author's pending submission (refreshing the settings before reading the queue), never sends it, and queues no second revision meanwhile`, async () => {
      const { host, their, workbook, session } = await coauthoring(platform);
      const { api, keys } = recordingApi();
      const submitter = new Submitter(
        workbook,
        () => api,
        () => {},
        { client: { id: "my-pane", name: "济南市 张三" } },
      );
      await submitter.resume();
      const entry = await coauthorQueues(their, { report: sampleReport(prefecture), basedOnRevision: null });
      await host.whenIdle();
      // Excel on the web says so (settingsChanged); elsewhere the pane reads the queue again on focus and before a submit.
      expect(submitter.state.coauthors.map((queued) => queued.queuedBy?.name)).toEqual(platform === "web" ? ["济南市 李四"] : []);
      host.type(...cell("教扶04", "E04_PRIN", first.code), 3); // the clerk's own figures differ from the co-author's
      await host.whenIdle();
      expect(await submitter.submit("2019", prefecture.code, { report: session.submission(), basedOnRevision: null })).toBeUndefined();
      expect([keys, submitter.state.queue, submitter.state.coauthors.map((queued) => queued.idempotencyKey)]).toEqual([[], [], [entry.idempotencyKey]]);
      expect(inDocument(host).map((queued) => queued.idempotencyKey)).toEqual([entry.idempotencyKey]);
      submitter.stop();
    });
  }

  it("keeps a co-author's entry when it saves its own queue (the settings are read afresh first), and sends only its own", async () => {
    const { host, their, workbook, session } = await coauthoring("windows365");
    const { api, keys } = recordingApi();
    const submitter = new Submitter(
      workbook,
      () => api,
      () => {},
      { client: { id: "my-pane", name: "济南市 张三" } },
    );
    await submitter.resume();
    expect((await submitter.submit("2019", prefecture.code, { report: session.submission(), basedOnRevision: null }))?.kind).toBe("retry");
    submitter.stop();
    const [mine] = submitter.state.queue as [QueuedSubmit];
    // The co-author's pane refreshes before it saves (as this one does): both entries are in the document.
    await new Promise<void>((resolve) => their.Office.context.document.settings.refreshAsync(() => resolve()));
    const theirsBefore = parseQueue(String(their.Office.context.document.settings.get(SUBMIT_QUEUE_SETTING)));
    their.Office.context.document.settings.set(
      SUBMIT_QUEUE_SETTING,
      serializeQueue([...theirsBefore, { ...mine, idempotencyKey: "their-key", queuedBy: { id: "their-pane", name: "济南市 李四" } }]),
    );
    await new Promise<void>((resolve) => their.Office.context.document.settings.saveAsync(() => resolve()));
    await host.whenIdle();
    await submitter.flush(); // the retry: this pane's entry again, not the co-author's
    submitter.stop();
    expect(keys).toEqual([mine.idempotencyKey, mine.idempotencyKey]);
    expect(inDocument(host).map((queued) => queued.queuedBy?.id)).toEqual(["their-pane", "my-pane"]);
  });
});
