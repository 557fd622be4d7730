import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { XlsxWriteError } from "../../../shared/xlsx/model.ts";
import type { XlsxStyle, XlsxWorkbook } from "../../../shared/xlsx/model.ts";
import { writeXlsx } from "../../../shared/xlsx/write-xlsx.ts";

const text: XlsxStyle = { numberFormat: "@" };
const written = (workbook: XlsxWorkbook) => {
  const files = unzipSync(writeXlsx(workbook));
  return { sheet: strFromU8(files["xl/worksheets/sheet1.xml"]!), styles: strFromU8(files["xl/styles.xml"]!) };
};

describe("column styles", () => {
  it("give a column's unwritten cells a style (<col style>), beside widths and hidden columns, sharing the cells' style records", () => {
    const { sheet, styles } = written({
      sheets: [
        {
          name: "S",
          cells: new Map([["A1", { value: "x", style: text }]]),
          columnWidths: { 0: 20, 2: 8 },
          columnStyles: { 0: text, 1: text },
          hiddenColumns: [2],
        },
      ],
    });
    const cols = [...sheet.matchAll(/<col [^>]*\/>/g)].map((match) => match[0]);
    expect(cols).toEqual([
      '<col min="1" max="1" width="20" customWidth="1" style="1"/>',
      '<col min="2" max="2" width="9.140625" style="1"/>',
      '<col min="3" max="3" width="8" customWidth="1" hidden="1"/>',
    ]);
    expect(sheet).toContain('<c r="A1" s="1" t="s">');
    // Record 1 of cellXfs is the built-in text format, 49 ("@", ECMA-376 Part 1, 18.8.30).
    const xfs = [...(/<cellXfs[^>]*>(.*)<\/cellXfs>/s.exec(styles)?.[1] ?? "").matchAll(/<xf [^>]*numFmtId="(\d+)"/g)].map((match) => match[1]);
    expect(xfs[1]).toBe("49");
  });

  it("refuse a column index outside the sheet", () => {
    expect(() => writeXlsx({ sheets: [{ name: "S", cells: new Map(), columnStyles: { 16384: text } }] })).toThrow(XlsxWriteError);
  });
});
