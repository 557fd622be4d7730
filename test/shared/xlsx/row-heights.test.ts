// Rows of wrapped text are written as tall as their lines: LibreOffice and WPS do not size them on load.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { XlsxSheet } from "../../../shared/xlsx/model.ts";
import { fittedRowHeights, linesHeight, printedRowHeights, textWidth, wrappedLineCount } from "../../../shared/xlsx/row-heights.ts";
import { writeXlsx } from "../../../shared/xlsx/write-xlsx.ts";

const wrap = { wrap: true };

describe("measuring wrapped text", () => {
  it("counts a CJK or full-width character as two widths of '0', any other a little over one", () => {
    expect(textWidth("济南市填报员")).toBe(12);
    expect(textWidth("，（）")).toBe(6);
    expect(textWidth("abc")).toBeCloseTo(3.3);
  });

  it("breaks CJK text anywhere, other text between words, and at line breaks", () => {
    // 12 widths in a column of 12 (11 after the cell's margins): two lines, as 提交人 printed "员" alone.
    expect(wrappedLineCount("济南市填报员", 12)).toBe(2);
    expect(wrappedLineCount("济南市", 12)).toBe(1);
    expect(wrappedLineCount("one two three four", 10)).toBe(3);
    expect(wrappedLineCount("第一行\n第二行", 30)).toBe(2);
    // A word longer than the line is cut across lines: 64 hex digits in a column of 36 take 70 widths with the
    // allowance for proportional letters, three lines where Excel needs two: a row a little tall never overprints.
    expect(wrappedLineCount("5e".repeat(32), 36)).toBe(3);
  });
});

describe("the heights a sheet's rows are written with", () => {
  const sheet: XlsxSheet = {
    name: "汇总状态",
    cells: new Map([
      ["A1", { value: "纳入的版本尚未审核通过,汇总数为暂定 / the included revision is not yet accepted: totals are provisional", style: wrap }],
      ["B1", { value: "短", style: wrap }],
      ["A2", { value: "不换行的长文字不换行的长文字不换行的长文字" }],
      ["A3", { value: "本表主要审核关系:R01.1 (强制) 合计 = 学前教育 + 义务教育 + 普通高中 + 中等职业教育 + 高等教育", style: wrap }],
      ["A4", { value: "被隐藏的行被隐藏的行被隐藏的行被隐藏的行", style: wrap }],
      ["A5", { value: "有行高也要够高有行高也要够高有行高也要够高", style: wrap }],
    ]),
    columnWidths: { 0: 20, 1: 20 },
    merges: ["A3:B3"],
    hiddenRows: [3],
    rowHeights: { 4: 20, 6: 30 },
  };

  it("sizes each row of wrapped text to its tallest cell; merged cells wrap in their columns together; plain, hidden and tall enough rows are left", () => {
    const heights = fittedRowHeights(sheet, 11);
    expect(heights.get(0)).toBe(linesHeight(wrappedLineCount(sheet.cells.get("A1")!.value as string, 20), 11));
    expect(heights.get(0)).toBeGreaterThan(3 * 11);
    expect(heights.has(1)).toBe(false);
    expect(heights.get(2)).toBe(linesHeight(wrappedLineCount(sheet.cells.get("A3")!.value as string, 40), 11));
    expect(heights.has(3)).toBe(false);
    // A written height is the least a row gets: 20 points do not hold three lines.
    expect(heights.get(4)).toBe(linesHeight(3, 11));
    expect(printedRowHeights(sheet, 11, 0, 6)).toEqual([heights.get(0), 15, heights.get(2), 0, heights.get(4), 15, 30]);
  });

  it("writes them as custom heights", () => {
    const xml = strFromU8(unzipSync(writeXlsx({ sheets: [sheet] }))["xl/worksheets/sheet1.xml"]!);
    expect(xml).toContain(`<row r="1" ht="${fittedRowHeights(sheet, 11).get(0)}" customHeight="1">`);
    expect(xml).toContain('<row r="2">');
    expect(xml).toContain(`<row r="5" ht="${linesHeight(3, 11)}" customHeight="1">`);
    expect(xml).toContain('<row r="7" ht="30" customHeight="1">');
  });
});
