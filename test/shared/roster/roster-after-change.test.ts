// The pane's reading and checking per keystroke (a 10,000-row roster must answer within 16 ms): only the
// changed rows read again (rosterAfterRowsChanged) and only they checked again (RosterRowCache), with the
// very result of reading and checking everything, edit after edit.
import { describe, expect, it } from "vitest";
import { withCheckCharacter } from "../../../shared/roster/citizen-id.ts";
import { ROSTER } from "../../../shared/roster/roster-definition.ts";
import type { RosterData } from "../../../shared/roster/roster-data.ts";
import { rosterAfterRowsChanged, rosterFromSheets } from "../../../shared/roster/roster-from-sheets.ts";
import type { RosterSourceSheet } from "../../../shared/roster/roster-from-sheets.ts";
import { rosterRowCache, validateRoster } from "../../../shared/roster/validate-roster.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { parseA1 } from "../../../shared/xlsx/cell-address.ts";
import { syntheticRoster } from "../../../scripts/demo/demo-rosters.ts";
import { openpyxlStyleRoster } from "../../support/roster-files.ts";

const lixia = reportingTree.unit("370102")!;

function sheetsOfRoster(): RosterSourceSheet[] {
  const roster = syntheticRoster("370102", "370102", { E01_PRE: 6, E01_CMP: 20, E01_GHS: 6, E01_SVE: 4, E01_HED: 4 }, "2019", 11);
  // Two students unaided and explained (rows 6 and 8 of the sheet: 说明 rows 2 and 3).
  roster.explanations = [1, 3].map((index) => {
    const row = roster.rows[index]!;
    row.values.E10_AIDED = "否";
    return { ruleId: "R10.5", rowKey: row.values.E10_ID as string, text: "已享受其他资助项目,本期未重复资助" };
  });
  return readXlsx(openpyxlStyleRoster(roster)).sheets.map((sheet) => ({ name: sheet.name, cells: new Map(sheet.cells) }));
}

/** Puts values in cells of one sheet (null blanks a cell) and says which rows changed, as a change event would. */
function edit(sheets: RosterSourceSheet[], sheetName: string, values: Record<string, string | number | null>) {
  const sheet = sheets.find((candidate) => candidate.name === sheetName)!;
  const rows = Object.keys(values).map((a1) => parseA1(a1).row);
  for (const [a1, value] of Object.entries(values)) {
    if (value === null) sheet.cells.delete(a1);
    else sheet.cells.set(a1, { value });
  }
  return { sheetName, top: Math.min(...rows), bottom: Math.max(...rows) };
}

describe("a roster after an edit", () => {
  it("reads only the changed rows and checks only them, and gets what reading and checking every row gets", () => {
    const sheets = sheetsOfRoster();
    let roster: RosterData = rosterFromSheets(sheets);
    const cache = rosterRowCache();
    expect(validateRoster({ unit: lixia, roster, cache })).toEqual(validateRoster({ unit: lixia, roster }));
    const id = (row: number) => String(sheets.find((sheet) => sheet.name === ROSTER.sheetName)!.cells.get(`A${row}`)!.value);
    const edits = [
      // A bad check character, then a duplicate of row 8, then the ID back.
      () => edit(sheets, ROSTER.sheetName, { A7: `${id(7).slice(0, 17)}${id(7)[17] === "3" ? "4" : "3"}` }),
      () => edit(sheets, ROSTER.sheetName, { A7: id(8) }),
      () => edit(sheets, ROSTER.sheetName, { A7: withCheckCharacter(`370102${"20100101".padEnd(11, "7")}`) }),
      // A row emptied (it leaves the roster), a student added after the last, one typed into the gap.
      () => edit(sheets, ROSTER.sheetName, { A10: null, B10: null, C10: null, D10: null, E10: null, F10: null }),
      () => edit(sheets, ROSTER.sheetName, { A50: id(12), B50: "新生", C50: "370102", D50: "小学", E50: "某小学", F50: "否" }),
      () => edit(sheets, ROSTER.sheetName, { F10: "是" }),
      // A block of rows pasted, 说明 edited: an explanation taken away and another given.
      () => edit(sheets, ROSTER.sheetName, { D20: "初中", D21: "高中", D22: "大学", D23: "幼儿园" }),
      () => edit(sheets, ROSTER.explanationsSheetName, { E2: null }),
      () => edit(sheets, ROSTER.explanationsSheetName, { A9: "R10.5", B9: "F50", E9: "家庭已获其他资助,本期未申请" }),
    ];
    for (const change of edits) {
      const changed = change();
      const next = rosterAfterRowsChanged(roster, sheets, changed);
      roster = rosterFromSheets(sheets);
      expect(next).toEqual(roster);
      expect(validateRoster({ unit: lixia, roster: next!, cache })).toEqual(validateRoster({ unit: lixia, roster }));
      roster = next!;
    }
  });

  it("reads every row again when the edit may move the columns: the code row, or a field code typed where it is looked for", () => {
    const sheets = sheetsOfRoster();
    const roster = rosterFromSheets(sheets);
    expect(rosterAfterRowsChanged(roster, sheets, edit(sheets, ROSTER.sheetName, { A4: "E10_NAME" }))).toBeUndefined();
    const again = rosterFromSheets(sheetsOfRoster());
    const other = sheetsOfRoster();
    expect(rosterAfterRowsChanged(again, other, edit(other, ROSTER.sheetName, { B6: "E10_ID" }))).toBeUndefined();
    expect(rosterAfterRowsChanged(again, other, edit(other, "_meta", { A1: "kind" }))).toBeUndefined();
  });
});
