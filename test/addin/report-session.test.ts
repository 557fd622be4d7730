// The live loop over the in-memory workbook: an edit re-reads only its cells, validates, and the
// explanation of a warning lands in 说明 without coming back as a change.
import { describe, expect, it, vi } from "vitest";
import { ReportSession } from "../../addin/logic/report-session.ts";
import { MemoryWorkbook } from "../../addin/workbook/memory-workbook.ts";
import { filledSheets, layout, prefecture } from "./support/filled-workbook.ts";

async function openSession() {
  const workbook = new MemoryWorkbook(() => []);
  for (const sheet of filledSheets()) workbook.sheets.set(sheet.name, sheet);
  const session = await ReportSession.open(workbook, (await workbook.readIdentity())!);
  return { workbook, session };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("ReportSession", () => {
  it("validates the workbook as it is typed: an error and a warning appear, then go", async () => {
    const { workbook, session } = await openSession();
    expect(session.result.issues).toEqual([]);
    const readCells = vi.spyOn(workbook, "readCells");
    const e04 = layout.sheet("教扶04")!;
    const e05 = layout.sheet("教扶05")!;
    const county = prefecture.counties[0]!.code;
    workbook.type(e04.name, e04.cellOf(county, "E04_PRIN")!, 100_000);
    workbook.type(e05.name, e05.cellOf(county, "E05_COVERED")!, 0);
    await settle();
    expect(readCells.mock.calls).toEqual([
      [e04.name, e04.cellOf(county, "E04_PRIN")],
      [e05.name, e05.cellOf(county, "E05_COVERED")],
    ]);
    expect(session.groups.map((group) => [group.sheetCode, group.issues.map((issue) => issue.ruleId)])).toEqual([
      ["教扶04", ["R04.1"]],
      ["教扶05", ["R05.2"]],
    ]);
    expect(session.result.canSubmit).toBe(false);

    workbook.type(e04.name, e04.cellOf(county, "E04_PRIN")!, 1);
    await settle();
    const warning = session.result.issues[0]!;
    expect(warning.ruleId).toBe("R05.2");

    const updates = vi.fn();
    session.onUpdate(updates);
    await session.explain(warning, "该县重点村学校已全部撤并");
    await settle();
    expect(updates).toHaveBeenCalledTimes(1); // the write to 说明 raised no change event
    expect(session.result.canSubmit).toBe(true);
    expect(workbook.value(layout.explanations.name, "G2")).toBe("该县重点村学校已全部撤并");
    expect(workbook.value(layout.explanations.name, "A2")).toBe("R05.2");

    await session.reread();
    expect(session.result.canSubmit).toBe(true);
  });

  it("reads the whole report again when whole rows or columns change (rows inserted or deleted)", async () => {
    const { workbook, session } = await openSession();
    const reread = vi.spyOn(session, "reread");
    const readCells = vi.spyOn(workbook, "readCells");
    await session.applyChange({ sheetName: layout.sheet("教扶04")!.name, address: "7:8" });
    expect(reread).toHaveBeenCalledTimes(1);
    expect(readCells).not.toHaveBeenCalled();
  });

  it("submits inputs only: no computed fields, no blank list rows, explanations included", async () => {
    const { session } = await openSession();
    const submission = session.submission();
    expect(Object.keys(submission.sheets["教扶01"]![0]!.values)).not.toContain("E01_TOT");
    expect(submission.sheets["教扶06"]!.length).toBe(3);
    expect(submission.sheets["封面"]![0]!.values).not.toHaveProperty("C_UNIT");
  });
});
