import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readRosterWorkbook, RosterReadError } from "../../../shared/roster/read-roster.ts";
import { renderRosterTemplate } from "../../../shared/roster/render-roster-template.ts";
import { validateRoster } from "../../../shared/roster/validate-roster.ts";
import type { RosterData } from "../../../shared/roster/roster-data.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { renderReportTemplate } from "../../../shared/workbook/render-template.ts";
import { readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { writeXlsx } from "../../../shared/xlsx/write-xlsx.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { XLSX_RESAVE, convertWithLibreOffice, skipWithoutLibreOffice } from "../../support/libreoffice.ts";
import { fillRosterWithExcelJS, fourIssueRoster, openpyxlStyleRoster } from "../../support/roster-files.ts";
import { syntheticRoster } from "../../../scripts/demo/demo-rosters.ts";

const lixia = reportingTree.unit("370102")!;
const jinan = reportingTree.unit("370100")!;
const template = renderRosterTemplate(lixia, "2019");
const parts = unzipSync(template);
const xml = (path: string) => strFromU8(parts[path]!);

/** The four issues' cells and rules, in order, and nothing else. */
function expectFourIssues(roster: RosterData) {
  const result = validateRoster({ unit: lixia, roster });
  expect(result.issues.map((issue) => ({ cell: issue.cell, ruleId: issue.ruleId }))).toEqual(fourIssueRoster().expected);
  expect(result.issues[3]!.messageZh).toContain("是数字而不是文本");
}

describe("the roster template", () => {
  it("has the roster sheet, the 说明 sheet and a very hidden _meta naming the unit and period", () => {
    expect(readXlsx(template).sheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ["教扶10 建档立卡学生名册", "visible"],
      ["说明", "visible"],
      ["_meta", "veryHidden"],
    ]);
    expect(readRosterWorkbook(template)).toMatchObject({ unitCode: "370102", period: "2019", rows: [], explanations: [] });
    const sheet = readXlsx(template).sheets[0]!;
    expect(sheet.cells.get("A2")?.value).toContain("济南市历下区(370102)");
    expect(sheet.cells.get("A3")?.value).toBe("身份证件号码\nCitizen ID number");
    expect(sheet.hiddenRows).toEqual([3]);
    expect(["A4", "B4", "C4", "D4", "E4", "F4"].map((a1) => sheet.cells.get(a1)?.value)).toEqual([
      "E10_ID",
      "E10_NAME",
      "E10_COUNTY",
      "E10_STAGE",
      "E10_SCHOOL",
      "E10_AIDED",
    ]);
  });

  it("formats every column of the table as text (@), so Excel keeps an 18-digit ID as typed", () => {
    const columns = [...xml("xl/worksheets/sheet1.xml").matchAll(/<col min="(\d+)" max="\d+"[^>]*style="(\d+)"/g)];
    expect(columns.map((match) => match[1])).toEqual(["1", "2", "3", "4", "5", "6"]);
    const cellXfs = [...(/<cellXfs[^>]*>(.*)<\/cellXfs>/s.exec(xml("xl/styles.xml"))?.[1] ?? "").matchAll(/<xf [^>]*numFmtId="(\d+)"/g)].map(
      (match) => match[1],
    );
    // 49 is the built-in text format "@" (ECMA-376 Part 1, 18.8.30).
    for (const [, , style] of columns) expect(cellXfs[Number(style)]).toBe("49");
  });

  it("offers drop-downs for 学段 and 本期已受助 and the unit's counties, and checks lengths, over a county's 10,000 rows", () => {
    const validations = [
      ...xml("xl/worksheets/sheet1.xml").matchAll(/<dataValidation type="(\w+)"(?: operator="(\w+)")?[^>]*sqref="([^"]+)"><formula1>([^<]*)</g),
    ].map((match) => match.slice(1));
    expect(validations).toEqual([
      ["textLength", "equal", "A5:A10004", "18"],
      ["textLength", "lessThanOrEqual", "B5:B10004", "50"],
      ["list", undefined, "C5:C10004", '"370102"'],
      ["list", undefined, "D5:D10004", '"学前教育,义务教育,普通高中,中等职业教育,高等教育"'],
      ["textLength", "lessThanOrEqual", "E5:E10004", "100"],
      ["list", undefined, "F5:F10004", '"是,否"'],
    ]);
    const prefecture = strFromU8(unzipSync(renderRosterTemplate(jinan, "2019"))["xl/worksheets/sheet1.xml"]!);
    expect(prefecture).toContain('sqref="C5:C40004"><formula1>"370102,370103,370104,370105,370112,370113,370114,370115,370116,370117,370124,370126"');
  });
});

describe("the roster template in LibreOffice", () => {
  it.skipIf(skipWithoutLibreOffice("the roster template re-saved by LibreOffice"))(
    "keeps every column formatted as text (@) and the drop-downs of 学段 and 本期已受助 once LibreOffice has saved it",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "roster-lo-template-"));
      writeFileSync(join(dir, "template.xlsx"), template);
      const { status, stderr } = convertWithLibreOffice(dir, "template.xlsx", XLSX_RESAVE, "out");
      expect(status, stderr).toBe(0);
      const resaved = unzipSync(new Uint8Array(readFileSync(join(dir, "out", "template.xlsx"))));
      const sheet = strFromU8(resaved["xl/worksheets/sheet1.xml"]!);
      const styles = strFromU8(resaved["xl/styles.xml"]!);
      const formats = new Map([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((match) => [match[1], match[2]]));
      const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)?.[1] ?? "").matchAll(/<xf [^>]*numFmtId="(\d+)"/g)].map((match) => match[1]);
      // LibreOffice merges neighbouring columns of one style (min..max): every column A–F still has one whose format is "@".
      const covered = new Set<number>();
      for (const [, attributes] of sheet.matchAll(/<col ([^>]*)\/>/g)) {
        const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attributes as string)?.[1];
        const fmt = xfs[Number(attribute("style"))];
        if (fmt === "49" || formats.get(fmt as string) === "@")
          for (let col = Number(attribute("min")); col <= Number(attribute("max")); col++) covered.add(col);
      }
      expect([1, 2, 3, 4, 5, 6].filter((col) => !covered.has(col))).toEqual([]);
      expect(sheet).toContain("学前教育,义务教育,普通高中,中等职业教育,高等教育");
      expect(sheet).toContain("是,否");
      expect(readRosterWorkbook(new Uint8Array(readFileSync(join(dir, "out", "template.xlsx"))))).toMatchObject({
        unitCode: "370102",
        period: "2019",
        rows: [],
      });
    },
    120_000,
  );
});

describe("reading a filled roster", () => {
  it("reads the template filled by ExcelJS: the four-issue case gets exactly its four issues", async () => {
    const { roster } = fourIssueRoster();
    const read = readRosterWorkbook(await fillRosterWithExcelJS(template, roster));
    expect(read.rows.map((row) => row.values)).toEqual(roster.rows.map((row) => row.values));
    expectFourIssues(read);
  });

  it("reads a roster written as openpyxl writes (shared strings, numbers as Python floats, _meta values as numbers)", () => {
    const { roster } = fourIssueRoster();
    const read = readRosterWorkbook(openpyxlStyleRoster(roster));
    expect(read).toMatchObject({ unitCode: "370102", period: "2019" });
    expectFourIssues(read);
  });

  it.skipIf(skipWithoutLibreOffice("the roster re-saved by LibreOffice"))(
    "reads the filled roster after LibreOffice has opened and saved it",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "roster-lo-"));
      const { roster } = fourIssueRoster();
      writeFileSync(join(dir, "roster.xlsx"), await fillRosterWithExcelJS(template, roster));
      const { status, stderr } = convertWithLibreOffice(dir, "roster.xlsx", XLSX_RESAVE, "out");
      expect(status, stderr).toBe(0);
      const read = readRosterWorkbook(new Uint8Array(readFileSync(join(dir, "out", "roster.xlsx"))));
      // LibreOffice writes numbers with 15 significant digits: the ID typed as a number loses more, and is refused all the same.
      const numeric = (data: RosterData) =>
        data.rows.map((row) => ({ ...row.values, E10_ID: typeof row.values.E10_ID === "number" ? "number" : row.values.E10_ID }));
      expect(numeric(read)).toEqual(numeric(roster));
      expectFourIssues(read);
    },
    120_000,
  );

  it("takes explanations by ID or by the cell of the student's row, and finds columns a clerk moved", async () => {
    const roster = syntheticRoster("370102", "370102", { E01_CMP: 3 }, "2019", 5);
    roster.rows[1]!.values.E10_AIDED = "否";
    roster.rows[2]!.values.E10_AIDED = "否";
    const id = (index: number) => roster.rows[index]!.values.E10_ID as string;
    roster.explanations = [{ ruleId: "R10.5", rowKey: id(1).toLowerCase(), text: "该生本期转学,手续办理中" }];
    const bytes = await fillRosterWithExcelJS(template, roster);
    const read = readRosterWorkbook(bytes);
    expect(read.explanations).toEqual([{ ruleId: "R10.5", rowKey: id(1), text: "该生本期转学,手续办理中" }]);
    expect(validateRoster({ unit: lixia, roster: read }).unexplainedWarnings.map((issue) => issue.cell)).toEqual(["F7"]);

    // By cell: the pane writes the issue's cell, here 本期已受助 of the third student (row 8 once a line is inserted above).
    const workbook = readXlsx(bytes);
    const sheets = workbook.sheets.map((sheet) => ({
      name: sheet.name,
      state: sheet.state,
      cells: new Map([...sheet.cells].map(([a1, cell]) => [a1, { value: cell.value }])),
    }));
    sheets[1]!.cells.set("A3", { value: "R10.5" });
    sheets[1]!.cells.set("B3", { value: "教扶10!F8" });
    sheets[1]!.cells.set("E3", { value: "休学一学期,复学后补发" });
    // Two columns swapped and a line inserted above the table.
    const moved = new Map<string, { value: unknown }>();
    for (const [a1, cell] of sheets[0]!.cells) {
      const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(a1)!;
      const swapped = letters === "B" ? "E" : letters === "E" ? "B" : letters;
      moved.set(`${swapped}${Number(row) + (Number(row) >= 3 ? 1 : 0)}`, cell);
    }
    sheets[0]!.cells = moved as never;
    const rewritten = readRosterWorkbook(writeXlsx({ sheets: sheets as never }));
    expect(rewritten.layout).toMatchObject({ codeRow: 4, firstDataRow: 5 });
    const result = validateRoster({ unit: lixia, roster: rewritten });
    expect(result.issues.map((issue) => [issue.cell, issue.explanation])).toEqual([
      ["F7", "该生本期转学,手续办理中"],
      ["F8", "休学一学期,复学后补发"],
    ]);
    expect(result.canSubmit).toBe(true);
  });
});

describe("what the roster reader refuses", () => {
  const refusal = (bytes: Uint8Array) => {
    try {
      readRosterWorkbook(bytes);
    } catch (error) {
      if (error instanceof RosterReadError) return error;
      throw error;
    }
    throw new Error("read without refusal");
  };

  it("a report workbook, a file that is no workbook, a roster without a column", () => {
    expect(refusal(renderReportTemplate({ formSet: currentFormSet, unit: lixia, period: "2019" })).code).toBe("not-roster");
    expect(refusal(new TextEncoder().encode("身份证件号码,姓名\n")).code).toBe("not-xlsx");
    const workbook = readXlsx(template);
    workbook.sheets[0]!.cells.delete("D4");
    const error = refusal(
      writeXlsx({ sheets: workbook.sheets.map((sheet) => ({ ...sheet, cells: new Map([...sheet.cells].map(([a1, cell]) => [a1, { value: cell.value }])) })) }),
    );
    expect(error.code).toBe("missing-column");
    expect(error.messageZh).toContain("第 4 行(隐藏的代码行)缺少 E10_STAGE(学段) 列");
  });

  it("more rows than the largest roster, and keeps no cell past its bound", () => {
    const roster = syntheticRoster("370102", "370102", { E01_CMP: 2 }, "2019", 5);
    roster.rows[1]!.position = 40_030;
    expect(refusal(openpyxlStyleRoster(roster)).code).toBe("beyond-limits");
    roster.rows[1]!.position = 1;
    roster.rows[1]!.values.E10_SCHOOL = "学".repeat(50_000);
    const read = readRosterWorkbook(openpyxlStyleRoster(roster));
    expect((read.rows[1]!.values.E10_SCHOOL as string).length).toBe(1_001);
    expect(validateRoster({ unit: lixia, roster: read }).issues.map((issue) => [issue.cell, issue.ruleId])).toEqual([["E6", "T02"]]);
  });
});
