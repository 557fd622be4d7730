import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { writeXlsx } from "../../../shared/xlsx/write-xlsx.ts";
import { FORM, sampleWorkbook } from "./sample-workbook.ts";

describe("write → read round trip", () => {
  const workbook = sampleWorkbook();
  const read = readXlsx(writeXlsx(workbook));

  it("keeps sheet names, order and visibility", () => {
    expect(read.sheets.map((s) => [s.name, s.state])).toEqual([
      ["封面", "visible"],
      [FORM, "visible"],
      ["_meta", "hidden"],
      ["veryHidden", "veryHidden"],
    ]);
  });

  it("keeps every value and formula", () => {
    workbook.sheets.forEach((sheet, i) => {
      const got = read.sheets[i]!.cells;
      const expected = new Map(
        [...sheet.cells]
          .filter(([, c]) => (c.value ?? null) !== null || c.formula !== undefined)
          .map(([ref, c]) => [ref, c.formula === undefined ? { value: c.value } : { value: c.value ?? null, formula: c.formula }]),
      );
      expect(got).toEqual(expected);
    });
  });

  it("keeps exotic values exactly", () => {
    const cells = read.sheets[1]!.cells;
    expect(cells.get("I6")?.value).toBe("A&B <x> \"q\" 's' 1e5 _x0041_ 行1\n行2\t  ");
    expect(cells.get("J6")?.value).toBe("");
    expect(cells.get("K6")?.value).toBe(1e-7);
    expect(cells.get("L6")?.value).toBe(123456789012345);
    expect(cells.get("E4")?.value).toBe(0.9358440259956674);
    expect(cells.get("A4")?.value).toBe("370100"); // codes stay text
    expect(cells.has("M6")).toBe(false); // styled but empty
    expect(read.sheets[0]!.cells.get("C2")).toEqual({ value: 3000.5, formula: `'${FORM}'!C4` });
  });

  it("keeps hidden rows and columns", () => {
    expect(read.sheets[0]!.hiddenColumns).toEqual([0]);
    expect(read.sheets[0]!.hiddenRows).toEqual([]);
    expect(read.sheets[1]!.hiddenRows).toEqual([2]);
    expect(read.sheets[1]!.hiddenColumns).toEqual([7, 9, 10]);
  });

  it("writes validations, conditional formats, outline and protection with Chinese text intact", () => {
    const sheet = strFromU8(unzipSync(writeXlsx(workbook))["xl/worksheets/sheet2.xml"]!);
    expect(sheet).toContain('errorTitle="输入错误"');
    expect(sheet).toContain('error="请输入不小于 0 的数值（人数）。"');
    expect(sheet).toContain('prompt="单位：人"');
    expect(sheet).toContain('<formula1>"是,否"</formula1>');
    expect(sheet).toContain("<formula1>$B$4:$B$4</formula1>");
    expect(sheet).toContain('operator="greaterThanOrEqual"');
    expect(sheet).toContain('<conditionalFormatting sqref="C5:D6"><cfRule type="expression" dxfId="0" priority="1">');
    expect(sheet).toContain('<formula>AND(E5&lt;&gt;"",E5&gt;1)</formula>');
    expect(sheet).toContain('<sheetPr><outlinePr summaryBelow="0"/></sheetPr>');
    expect(sheet).toContain('<row r="5" outlineLevel="1">');
    expect(sheet).toContain('<sheetFormatPr defaultRowHeight="15" outlineLevelRow="1"/>');
    expect(sheet).toContain('<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0"/>');
    expect(sheet).toContain('<mergeCells count="1"><mergeCell ref="A1:E1"/></mergeCells>');
    expect(sheet).toContain('<pane xSplit="2" ySplit="3" topLeftCell="C4" activePane="bottomRight" state="frozen"/>');
  });

  it("is deterministic", () => {
    expect(writeXlsx(sampleWorkbook())).toEqual(writeXlsx(sampleWorkbook()));
  });
});
