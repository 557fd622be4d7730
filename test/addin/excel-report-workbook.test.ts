// The Excel adapter over office-addin-mock: what it reads and writes, and what each operation costs
// in context.sync() calls (targets: full read 1, one edit ≤ 1, submit ≤ 2, template insertion ≤ 3).
import { beforeEach, describe, expect, it } from "vitest";
import { currentFormSet } from "../../shared/forms/form-set.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { ExcelReportWorkbook, SUBMIT_QUEUE_SETTING } from "../../addin/excel/excel-report-workbook.ts";
import { MemoryWorkbook } from "../../addin/workbook/memory-workbook.ts";
import type { CellsChanged } from "../../addin/workbook/report-workbook.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";
import { ExcelMock } from "./support/excel-mock.ts";
import { filledSheets, layout, prefecture } from "./support/filled-workbook.ts";

const report = { ...sampleReport(prefecture), explanations: [{ ruleId: "R05.2", sheetCode: "教扶05", rowKey: prefecture.counties[0]!.code, fieldCode: "E05_COVERED", text: "两所学校已撤并，无需结对" }] };
const previous = sampleReport(prefecture, { seed: 2, period: "2018" });

let excel: ExcelMock;
let workbook: ExcelReportWorkbook;
beforeEach(async () => {
  excel = ExcelMock.of(filledSheets(report, previous));
  excel.install();
  workbook = new ExcelReportWorkbook();
  await workbook.readIdentity();
  excel.syncs = 0;
  excel.operations.length = 0;
});

describe("ExcelReportWorkbook", () => {
  it("recognises a report workbook by its _meta sheet", async () => {
    excel.syncs = 0;
    expect(await workbook.readIdentity()).toEqual({ edition: "323/2019", prefectureCode: "370100", period: "2019", checksum: layout.checksum });
    expect(excel.syncs).toBe(2);
    const plain = ExcelMock.of([{ name: "Sheet1", cells: new Map([["A1", 1]]) }]);
    plain.install();
    expect(await new ExcelReportWorkbook().readIdentity()).toBeUndefined();
    expect(plain.syncs).toBe(1);
  });

  it("reads the whole report, 说明 and _prev in one sync, the same as the in-memory workbook", async () => {
    const contents = await workbook.readReport(layout);
    expect(excel.syncs).toBe(1);
    const loads = excel.operations.filter((operation) => operation.kind === "load");
    expect(loads.map((load) => load.sheetName)).toEqual([...layout.sheets.map((sheet) => sheet.name), "说明", "_prev"]);
    expect(loads.find((load) => load.sheetName.startsWith("教扶01"))?.address).toBe(`A6:H${6 + prefecture.counties.length}`); // 合计 and the counties; key … E01_TOT

    const memory = new MemoryWorkbook(() => []);
    for (const sheet of filledSheets(report, previous)) memory.sheets.set(sheet.name, sheet);
    expect(contents).toEqual(await memory.readReport(layout));

    expect(contents.report.explanations).toEqual(report.explanations);
    expect(contents.previous?.sheets["教扶02"]?.[0]?.values.E02_INV_DONE).toBe(previous.sheets["教扶02"]?.[0]?.values.E02_INV_DONE);
    const result = validateReport({ formSet: currentFormSet, prefecture, report: contents.report, layout });
    expect(result.issues).toEqual([]);
  });

  it("re-reads the cells of one change event in one sync, naming the sheet the event's id points at", async () => {
    const changes: CellsChanged[] = [];
    await workbook.watchChanges(layout.sheets.map((sheet) => sheet.name), (change) => changes.push(change));
    expect(excel.syncs).toBe(1);
    expect(excel.watchedSheets).toEqual(layout.sheets.map((sheet) => sheet.name));

    excel.syncs = 0;
    const sheetName = layout.sheet("教扶04")!.name;
    excel.sheets.get(sheetName)!.cells.set("E7", 999);
    await excel.fireChange(sheetName, "D7:E8");
    expect(changes).toEqual([{ sheetName, address: "D7:E8" }]);

    // A new session (after reconnecting) replaces the listener and registers nothing twice.
    const later: CellsChanged[] = [];
    excel.syncs = 0;
    await workbook.watchChanges(layout.sheets.map((sheet) => sheet.name), (change) => later.push(change));
    expect(excel.syncs).toBe(0);
    await excel.fireChange(sheetName, "E7");
    expect([changes.length, later]).toEqual([1, [{ sheetName, address: "E7" }]]);
    const values = await workbook.readCells(sheetName, "D7:E8");
    expect(excel.syncs).toBe(1);
    expect(values[0]?.[1]).toBe(999);
  });

  it("writes 说明 with events off, in one sync", async () => {
    await workbook.writeExplanations(layout, [["R05.2", "教扶05", "D7", "370102", "E05_COVERED", "message", "两所学校已撤并"]]);
    expect(excel.syncs).toBe(1);
    expect(excel.operations).toEqual([
      { kind: "enableEvents", value: false },
      { kind: "clear", sheetName: "说明", address: "A2:G5001" },
      { kind: "write", sheetName: "说明", address: "A2:G2", values: [["R05.2", "教扶05", "D7", "370102", "E05_COVERED", "message", "两所学校已撤并"]] },
      { kind: "enableEvents", value: true },
    ]);
  });

  it("selects a cell in one sync", async () => {
    await workbook.selectCell("教扶04 教师队伍提升", "E7");
    expect(excel.syncs).toBe(1);
    expect(excel.operations).toEqual([
      { kind: "activate", sheetName: "教扶04 教师队伍提升" },
      { kind: "select", sheetName: "教扶04 教师队伍提升", address: "E7" },
    ]);
  });

  it("reads the active cell in one sync: its sheet's name and its A1 address", async () => {
    excel.activeCell = { sheetName: "教扶04 教师队伍提升", a1: "E7" };
    expect(await workbook.readSelectedCell()).toEqual({ sheetName: "教扶04 教师队伍提升", a1: "E7" });
    expect(excel.syncs).toBe(1);
  });

  it("opens a workbook (a revision, the consolidated workbook) with Excel.createWorkbook, no sync", async () => {
    await workbook.openWorkbook("UEsDBA==");
    expect(excel.syncs).toBe(0);
    expect(excel.operations).toEqual([{ kind: "createWorkbook", base64: "UEsDBA==" }]);
  });

  it("inserts the template with insertWorksheetsFromBase64 on ExcelApi 1.13 (one sync), else opens it (Excel.createWorkbook)", async () => {
    expect(await workbook.insertTemplate("UEsDBA==")).toBe("opened");
    expect(excel.syncs).toBe(0);
    expect(excel.operations).toEqual([{ kind: "createWorkbook", base64: "UEsDBA==" }]);

    const modern = ExcelMock.of(filledSheets(), "1.13");
    modern.install();
    expect(await new ExcelReportWorkbook().insertTemplate("UEsDBA==")).toBe("inserted");
    expect(modern.syncs).toBeLessThanOrEqual(3);
    expect(modern.operations).toEqual([{ kind: "insertWorksheetsFromBase64", base64: "UEsDBA==" }]);
  });

  it("submit: one full read (1 sync) and the queue saved in the document settings (no sync)", async () => {
    await workbook.readReport(layout);
    await workbook.writeSubmitQueue('[{"idempotencyKey":"k"}]');
    expect(excel.syncs).toBeLessThanOrEqual(2);
    expect(excel.settings.get(SUBMIT_QUEUE_SETTING)).toBe('[{"idempotencyKey":"k"}]');
    expect(await workbook.readSubmitQueue()).toBe('[{"idempotencyKey":"k"}]');
    await workbook.writeSubmitQueue("");
    expect(await workbook.readSubmitQueue()).toBe("");
  });

  it("reads a changed value the same way the in-memory workbook does", async () => {
    const changed = withValue(report, "教扶04", prefecture.counties[0]!.code, "E04_PRIN", 5000);
    const mock = ExcelMock.of(filledSheets(changed));
    mock.install();
    const adapter = new ExcelReportWorkbook();
    await adapter.readIdentity();
    const contents = await adapter.readReport(layout);
    const result = validateReport({ formSet: currentFormSet, prefecture, report: contents.report, layout });
    expect(result.issues.map((issue) => `${issue.ruleId} ${issue.address}`)).toEqual(["R04.1 教扶04!E7"]);
  });
});
