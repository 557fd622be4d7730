// The Excel adapter over the model of Excel (test/support/excel-model): a filled 济南 workbook made
// by the one writer, formula cells computed as Excel computes them. What it reads and writes, what
// each operation costs in context.sync() calls (full read 1, a change 1, explanations 1, the submit
// queue none: document settings; manual calculation adds one to a read),
// and how it copes with what clerks do to workbooks and with the Excel they have.
import { describe, expect, it } from "vitest";
import { currentFormSet } from "../support/current-form-set.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { ExcelReportWorkbook, SUBMIT_QUEUE_SETTING } from "../../addin/excel/excel-report-workbook.ts";
import { text } from "../../addin/logic/i18n.ts";
import { parseQueue } from "../../addin/logic/submit-queue.ts";
import { Submitter } from "../../addin/logic/submitter.ts";
import { NetworkError } from "../../shared/api/api-client.ts";
import type { ApiClient } from "../../shared/api/api-client.ts";
import { templateSheetNames } from "../../addin/workbook/report-blocks.ts";
import type { CellsChanged } from "../../addin/workbook/report-workbook.ts";
import { hostWithWorkbook } from "../support/excel-model/excel-host.ts";
import type { PlatformId } from "../support/excel-model/platforms.ts";
import { sampleReport } from "../support/sample-report.ts";
import { excelWithReport } from "./support/excel-workbook.ts";
import { layout, prefecture } from "./support/filled-workbook.ts";

const county = prefecture.children[0]!.code;
const report = {
  ...sampleReport(prefecture),
  explanations: [{ ruleId: "R05.2", sheetCode: "教扶05", rowKey: county, fieldCode: "E05_COVERED", text: "两所学校已撤并，无需结对" }],
};
const previous = sampleReport(prefecture, { seed: 2, period: "2018" });
const templateBase64 = () => btoa(String.fromCharCode(...renderReportTemplate({ formSet: currentFormSet, unit: prefecture, period: "2019" })));

async function opened(options: { platform?: PlatformId } = {}) {
  const host = excelWithReport({ report, previous, ...options });
  const workbook = new ExcelReportWorkbook();
  await workbook.readIdentity();
  host.syncs = 0;
  return { host, workbook };
}

describe("ExcelReportWorkbook over the model of Excel", () => {
  it("recognises a report workbook by its _meta sheet", async () => {
    const { host, workbook } = await opened();
    expect(await workbook.readIdentity()).toEqual({ edition: "323/2019", unitCode: "370100", period: "2019", checksum: layout.checksum });
    expect(host.syncs).toBe(2);
    const plain = hostWithWorkbook(undefined);
    plain.install();
    expect(await new ExcelReportWorkbook().readIdentity()).toBeUndefined();
    expect(plain.syncs).toBe(1);
  });

  it("reads the whole report, 说明 and _prev in one sync, computed cells as Excel computed them, as the .xlsx reader reads the file", async () => {
    const { host, workbook } = await opened();
    const contents = await workbook.readReport(layout);
    expect(host.syncs).toBe(1);
    const row = contents.report.sheets["教扶01"]!.find((reportRow) => reportRow.key === county)!;
    const inputs = ["E01_PRE", "E01_CMP", "E01_GHS", "E01_SVE", "E01_HED"].map((code) => row.values[code] as number);
    expect(row.values.E01_TOT).toBe(inputs.reduce((sum, value) => sum + value, 0));
    expect(contents.missingSheets).toEqual([]);

    const bytes = renderReportTemplate({ formSet: currentFormSet, unit: prefecture, period: "2019", report, previous });
    const file = readReportWorkbookContents(bytes, { formSetOf: () => currentFormSet });
    expect(contents.report.explanations).toEqual(file.report.explanations);
    expect(contents.previous).toEqual(file.previous);
    const validate = (data: ReportData) =>
      validateReport({ formSet: currentFormSet, unit: prefecture, report: data, layout, ...(file.previous ? { previous: file.previous } : {}) }).issues;
    expect(validate(contents.report)).toEqual(validate(file.report));
  });

  it("reads a change and the formula cells it moved in one sync, naming the sheet by the id in the event, even after a rename", async () => {
    const { host, workbook } = await opened();
    const changes: CellsChanged[] = [];
    await workbook.watchChanges(
      layout.sheets.map((sheet) => sheet.name),
      (change) => changes.push(change),
    );
    expect(host.watchedSheetIds).toHaveLength(layout.sheets.length);
    const sheet = layout.sheet("教扶01")!;
    host.renameSheet(sheet.name, "教扶01(改名)");
    host.type("教扶01(改名)", sheet.cellOf(county, "E01_PRE")!, 5000);
    await host.whenIdle();
    expect(changes).toEqual([{ sheetName: sheet.name, address: sheet.cellOf(county, "E01_PRE") }]);
    host.syncs = 0;
    const [edited, totals] = await workbook.readBlocks([
      { sheetName: sheet.name, address: sheet.cellOf(county, "E01_PRE")! },
      { sheetName: sheet.name, address: sheet.cellOf(county, "E01_TOT")! },
    ]);
    expect(host.syncs).toBe(1);
    expect(edited).toEqual([[5000]]);
    expect(totals?.[0]?.[0]).toBe(host.value("教扶01(改名)", sheet.cellOf(county, "E01_TOT")!));

    // A new session (after reconnecting) replaces the listener and registers nothing twice.
    const later: CellsChanged[] = [];
    host.syncs = 0;
    await workbook.watchChanges(
      layout.sheets.map((candidate) => candidate.name),
      (change) => later.push(change),
    );
    expect([host.syncs, host.watchedSheetIds.length]).toEqual([0, layout.sheets.length]);
  });

  it("reads what is left when a sheet was deleted while the pane was open, and names it", async () => {
    const { host, workbook } = await opened();
    host.deleteSheet(layout.sheet("教扶08")!.name);
    const contents = await workbook.readReport(layout);
    expect(contents.missingSheets).toEqual([layout.sheet("教扶08")!.name]);
    expect(contents.report.sheets["教扶08"]).toBeUndefined();
    expect(contents.report.sheets["教扶01"]).toHaveLength(prefecture.children.length);
  });

  it("writes 说明 in one sync, as text — never a formula or a number — and without turning events off", async () => {
    const { host, workbook } = await opened();
    await workbook.writeExplanations(layout, [
      ["R05.2", "教扶05", "D7", "370102", "E05_COVERED", "message", "=1+1 不是公式", "实际变化"],
      ["R02.2", "教扶02", "E7", "370102", "E02_INV_RATE", "message", "0012", ""],
    ]);
    expect(host.syncs).toBe(1);
    expect([host.value("说明", "G2"), host.formula("说明", "G2"), host.value("说明", "G3"), host.value("说明", "D2")]).toEqual([
      "=1+1 不是公式",
      "=1+1 不是公式",
      "0012",
      "370102",
    ]);
    expect(host.log).not.toContain("Runtime.enableEvents");
    expect(host.eventsEnabled).toBe(true);
  });

  it("selects a cell in one sync, and reads the active cell's sheet and A1 from its quoted address", async () => {
    const { host, workbook } = await opened();
    const e04 = layout.sheet("教扶04")!;
    await workbook.selectCell(e04.name, "E7");
    expect(host.syncs).toBe(1);
    expect(host.selection).toEqual({ sheetName: e04.name, a1: "E7" });
    host.selectCell(e04.name, "F8");
    host.syncs = 0;
    expect(await workbook.readSelectedCell()).toEqual({ sheetName: e04.name, a1: "F8" });
    expect(host.syncs).toBe(1);
  });

  it("inserts the template where Excel can (web, Windows, Mac); opens it as a new workbook on iPad or where the sheets exist; offers a download below ExcelApi 1.8", async () => {
    const placements: Record<string, unknown> = {};
    for (const platform of ["web", "ipad", "office2019volume"] as const) {
      const host = hostWithWorkbook(undefined, { platform });
      host.install();
      placements[platform] = [
        await new ExcelReportWorkbook().insertTemplate(templateBase64(), templateSheetNames(layout)),
        host.workbook.sheets.length,
        host.openedWorkbooks.length,
      ];
    }
    expect(placements).toEqual({ web: ["inserted", 14, 0], ipad: ["opened", 1, 1], office2019volume: ["download", 1, 0] });

    // A workbook that already holds the report's sheets (an old or damaged report): Excel would add "封面 (2)"…; it opens as a new workbook instead.
    const { host, workbook } = await opened();
    host.syncs = 0;
    expect(await workbook.insertTemplate(templateBase64(), templateSheetNames(layout))).toBe("opened-sheets-exist");
    expect([host.workbook.sheets.length, host.openedWorkbooks.length, host.syncs]).toEqual([13, 1, 1]);
  });

  it("opens a revision as a new workbook from ExcelApi 1.8 on, and says to download it below", async () => {
    const modern = await opened();
    expect(await modern.workbook.openWorkbook(templateBase64())).toBe("opened");
    expect(modern.host.openedWorkbooks).toHaveLength(1);
    const old = await opened({ platform: "office2019volume" });
    expect(await old.workbook.openWorkbook(templateBase64())).toBe("download");
  });

  it("keeps the submit queue in the document settings without saving the workbook: the clerk's undo stays, and the pane says the workbook needs saving", async () => {
    const { host, workbook } = await opened();
    await workbook.writeExplanations(layout, [["R05.2", "教扶05", "D7", county, "E05_COVERED", "m", "说明文字", ""]]);
    expect(await workbook.writeSubmitQueue('[{"idempotencyKey":"k"}]')).toBe("unsaved");
    expect(host.log).not.toContain("Workbook.save");
    expect(host.undoStack).toHaveLength(1); // the explanation's write can still be undone
    expect([host.workbook.settings.inDocument.get(SUBMIT_QUEUE_SETTING), host.workbook.settings.inFile.has(SUBMIT_QUEUE_SETTING)]).toEqual([
      '[{"idempotencyKey":"k"}]',
      false,
    ]);
    expect(await workbook.readSubmitQueue()).toBe('[{"idempotencyKey":"k"}]');
    expect(await workbook.writeSubmitQueue("")).toBe("unsaved");
    expect(await workbook.readSubmitQueue()).toBe("");

    const old = await opened({ platform: "office2019volume" });
    expect(await old.workbook.writeSubmitQueue('[{"idempotencyKey":"k"}]')).toBe("unsaved");
    old.host.workbook.settings.failSaves = true;
    await expect(old.workbook.writeSubmitQueue("[]")).rejects.toThrow();
  });

  it("saves on the clerk's 保存 only a workbook that has a file (ExcelApi 1.11; below, the clerk is told Ctrl+S); a new workbook is never put in Excel's default location", async () => {
    const { host, workbook } = await opened();
    await workbook.writeSubmitQueue('[{"idempotencyKey":"k"}]');
    expect(await workbook.saveWorkbook()).toBe("saved");
    expect(host.workbook.settings.inFile.get(SUBMIT_QUEUE_SETTING)).toBe('[{"idempotencyKey":"k"}]');

    const old = await opened({ platform: "office2019volume" });
    expect(await old.workbook.saveWorkbook()).toBe("unsupported");

    const fresh = await opened();
    fresh.host.workbook.hasFile = false; // a report inserted into 工作簿1, never saved
    expect(await fresh.workbook.writeSubmitQueue('[{"idempotencyKey":"k"}]')).toBe("no-file");
    expect(await fresh.workbook.saveWorkbook()).toBe("no-file");
    expect([fresh.host.workbook.savedToDefaultLocation, fresh.host.log.includes("Workbook.save")]).toEqual([false, false]);
  });

  it("says a queue is too large for the workbook's settings instead of failing: over 2 MB it is not tried, over 1 MB a failed save is put down to size", async () => {
    const { host, workbook } = await opened();
    const queue = (bytes: number) => JSON.stringify([{ idempotencyKey: "k", body: "x".repeat(bytes) }]);
    expect(await workbook.writeSubmitQueue(queue(2_100_000))).toBe("too-large");
    expect(host.workbook.settings.live.has(SUBMIT_QUEUE_SETTING)).toBe(false);
    host.workbook.settings.sizeLimitBytes = 1_200_000; // an Excel that fails sooner (#3957: about 1 MB)
    expect(await workbook.writeSubmitQueue(queue(1_500_000))).toBe("too-large");
    host.workbook.settings.failSaves = true;
    await expect(workbook.writeSubmitQueue(queue(10))).rejects.toThrow(); // a small queue's failure is not its size
  });

  it("sends a queue too large for the workbook's settings all the same, keeps it in the pane's storage, and tells the clerk why", async () => {
    const { workbook } = await opened();
    let kept = "";
    const api = { submit: async () => Promise.reject(new NetworkError("offline")) } as unknown as ApiClient;
    const submitter = new Submitter(
      workbook,
      () => api,
      () => {},
      { backup: { read: () => kept, write: (json) => (kept = json) } },
    );
    const big = { ...report, sheets: { ...report.sheets, 教扶99: [{ key: "x", values: { note: "长".repeat(800_000) } }] } } as unknown as ReportData;
    expect((await submitter.submit("2019", "370100", { report: big, basedOnRevision: null }))?.kind).toBe("retry");
    submitter.stop();
    expect(submitter.state.keptIn).toBe("too-large");
    expect(parseQueue(kept)).toHaveLength(1);
    expect(await workbook.readSubmitQueue()).toBe("");
    expect(text("zh", "queuedTooLarge", { attempts: 1 })).toContain("超过 Excel 工作簿设置能保存的大小");
  });

  it("reads 说明 and _prev at the layout's cells, as the .xlsx reader does, when their used range does not start at A1", async () => {
    const { host, workbook } = await opened();
    const before = await workbook.readReport(layout);
    // The 说明 heading row cleared and _prev's heading cell A1 cleared: the used ranges start at A2 and B1.
    host.paste("说明", "A1", [["", "", "", "", "", "", ""]]);
    host.paste("_prev", "A1", [[""]]);
    const after = await workbook.readReport(layout);
    expect(after.report.explanations).toEqual(before.report.explanations);
    expect(after.previous).toEqual(before.previous);
  });
});
