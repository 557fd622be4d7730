import { describe, expect, it } from "vitest";
import { LiveReport } from "../../addin/workbook/live-report.ts";
import { MemoryWorkbook } from "../support/memory-workbook.ts";
import type { CellsChanged } from "../../addin/workbook/report-workbook.ts";
import { filledSheets, layout, prefecture } from "./support/filled-workbook.ts";

async function openFilled() {
  const workbook = new MemoryWorkbook(() => []);
  for (const sheet of filledSheets()) workbook.sheets.set(sheet.name, sheet);
  const { report } = await workbook.readReport(layout);
  return { workbook, live: new LiveReport(layout, report) };
}

describe("LiveReport", () => {
  it("patches exactly the cells of a pasted block, through the layout", async () => {
    const { live } = await openFilled();
    const sheetName = layout.sheet("教扶04")!.name;
    const [first, second] = prefecture.children;
    expect(
      live.apply(sheetName, "D7:E8", [
        [11, 12],
        [21, ""],
      ]),
    ).toBe(true);
    const rows = live.report.sheets["教扶04"]!;
    expect(rows.find((row) => row.key === first!.code)?.values).toMatchObject({ E04_EXCH: 11, E04_PRIN: 12 });
    expect(rows.find((row) => row.key === second!.code)?.values).toMatchObject({ E04_EXCH: 21, E04_PRIN: null });
    expect(live.apply(sheetName, "D7", [[11]])).toBe(false);
  });

  it("ignores the 合计 row, the key and name columns and other sheets", async () => {
    const { live } = await openFilled();
    const sheetName = layout.sheet("教扶04")!.name;
    expect(live.apply(sheetName, "A6:C6", [["x", "y", 1]])).toBe(false);
    expect(live.apply(sheetName, "A7:B7", [["x", "y"]])).toBe(false);
    expect(live.apply("Sheet1", "A1", [[1]])).toBe(false);
  });

  it("patches the cover and list rows", async () => {
    const { live } = await openFilled();
    const cover = layout.sheet("封面")!;
    expect(live.apply(cover.name, cover.cellOf("", "C_PHONE")!, [["0531-1234567"]])).toBe(true);
    expect(live.report.sheets["封面"]![0]!.values.C_PHONE).toBe("0531-1234567");
    const list = layout.sheet("教扶06")!;
    expect(live.apply(list.name, list.cellOf(10, "E06_PROJ")!, [[3]])).toBe(true);
    expect(live.report.sheets["教扶06"]!.find((row) => row.position === 10)?.values.E06_PROJ).toBe(3);
  });
});

describe("MemoryWorkbook", () => {
  it("raises a change event for the clerk's edits, asynchronously, and none for the pane's own writes", async () => {
    const { workbook } = await openFilled();
    const changes: CellsChanged[] = [];
    await workbook.watchChanges([layout.sheet("教扶04")!.name, layout.explanations.name], (change) => changes.push(change));
    workbook.paste(layout.sheet("教扶04")!.name, "D7", [
      [1, 2],
      [3, 4],
    ]);
    expect(changes).toEqual([]);
    await Promise.resolve();
    expect(changes).toEqual([{ sheetName: layout.sheet("教扶04")!.name, address: "D7:E8" }]);
    await workbook.writeExplanations(layout, [["R05.2", "教扶05", "D7", "370102", "E05_COVERED", "m", "说明文字"]]);
    await Promise.resolve();
    expect(changes).toHaveLength(1);
    expect(workbook.value(layout.explanations.name, "G2")).toBe("说明文字");
  });
});
