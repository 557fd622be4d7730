// Opens a written workbook in LibreOffice (headless, converted to CSV) to check that another
// spreadsheet program reads it as intended (see test/support/libreoffice.ts for skipping rules).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { writeXlsx } from "../../../shared/xlsx/write-xlsx.ts";
import { CSV_EVERY_SHEET, XLSX_RESAVE, convertWithLibreOffice, parseCsv, skipWithoutLibreOffice } from "../../support/libreoffice.ts";
import { FORM, sampleWorkbook } from "./sample-workbook.ts";

const skip = skipWithoutLibreOffice("the xlsx interoperability test");

describe("LibreOffice interoperability", () => {
  const dir = mkdtempSync(join(tmpdir(), "tianbao-xlsx-lo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Converts dir/<input> with LibreOffice; the output lands in dir/<outDir>. */
  function convert(input: string, filter: string, outDir: string): void {
    const run = convertWithLibreOffice(dir, input, filter, outDir);
    expect(run.status, run.stderr).toBe(0);
  }

  it.skipIf(skip)(
    "opens the written workbook and sees every sheet's values",
    () => {
      const workbook = sampleWorkbook();
      // Formulas without cached values must be computed on open.
      workbook.sheets[0]!.cells.set("D2", { formula: `'${FORM}'!C5*2+SUM('${FORM}'!D5:D6)` });
      writeFileSync(join(dir, "book.xlsx"), writeXlsx(workbook));
      convert("book.xlsx", CSV_EVERY_SHEET, "csv");
      const csv = (sheet: string) => parseCsv(readFileSync(join(dir, "csv", `book-${sheet}.csv`), "utf8"));
      expect(readdirSync(join(dir, "csv")).sort()).toEqual(workbook.sheets.map((s) => `book-${s.name}.csv`).sort());
      const cover = csv("封面");
      expect(cover[0]).toEqual(["F_PREF", "填报单位", "济南市教育局", ""]);
      expect(cover[1]).toEqual(["", "", "3000.5", String(1000.25 * 2 + 936 - 0.000125)]);

      const form = csv(FORM);
      expect(form[0]![0]).toBe(FORM);
      expect(form[1]!.slice(0, 5)).toEqual(["代码", "县（市、区）", "在校生人数", "资助人数", "资助比例"]);
      expect(form[2]!.slice(2, 5)).toEqual(["E01_STUDENTS", "E01_AIDED", "E01_RATIO"]);
      expect(form[3]!.slice(0, 4)).toEqual(["370100", "济南市", "3000.5", "2808"]);
      expect(form[4]!.slice(0, 4)).toEqual(["370102", "历下区", "1000.25", "936"]);
      expect(form[5]!.slice(0, 8)).toEqual(["370103", "市中区", "2000.25", "-0.000125", "FALSE", "异常", "#DIV/0!", "TRUE"]);
      expect(form[5]![8]).toBe("A&B <x> \"q\" 's' 1e5 _x0041_ 行1\n行2\t  ");
      expect(form[5]![11]).toBe("123456789012345");

      expect(csv("_meta")).toEqual([
        ["edition", "2024"],
        ["period", "2024"],
      ]);
    },
    120_000,
  );

  it.skipIf(skip)(
    "keeps validations, conditional formats and protection, and its re-saved file reads back",
    () => {
      writeFileSync(join(dir, "book.xlsx"), writeXlsx(sampleWorkbook()));
      convert("book.xlsx", XLSX_RESAVE, "resaved");
      const bytes = new Uint8Array(readFileSync(join(dir, "resaved", "book.xlsx")));

      // LibreOffice understood the sheet features: it writes them back.
      const sheetXml = strFromU8(unzipSync(bytes)["xl/worksheets/sheet2.xml"]!);
      expect(sheetXml).toContain('errorTitle="输入错误"');
      expect(sheetXml).toContain("&quot;是,否&quot;");
      expect(sheetXml).toMatch(/<cfRule type="expression"[^>]*><formula>AND\(ISNUMBER\(C5\),C5&lt;0\)<\/formula>/);
      expect(sheetXml).toMatch(/<sheetProtection sheet="true"/);
      expect(sheetXml).toContain('<mergeCell ref="A1:E1"/>');
      expect(sheetXml).toMatch(/<row r="5"[^>]* outlineLevel="1"/);

      // And this reader reads LibreOffice's XML.
      const book = readXlsx(bytes);
      expect(book.sheets.map((s) => [s.name, s.state])).toEqual([
        ["封面", "visible"],
        [FORM, "visible"],
        ["_meta", "hidden"],
        ["veryHidden", "hidden"], // LibreOffice has no "very hidden"
      ]);
      const form = book.sheets[1]!;
      expect(form.hiddenRows).toEqual([2]);
      expect(form.hiddenColumns).toEqual([7, 9, 10]);
      expect(book.sheets[0]!.hiddenColumns).toEqual([0]);
      expect(book.sheets[0]!.cells.get("C2")).toEqual({ value: 3000.5, formula: `'${FORM}'!C4` });
      expect(form.cells.get("A4")).toEqual({ value: "370100" });
      expect(form.cells.get("C5")).toEqual({ value: 1000.25 });
      expect(form.cells.get("D4")).toEqual({ value: 2808, formula: "SUM(D5:D6)" });
      expect(form.cells.get("E5")?.formula).toBe('IF(C5=0,"",D5/C5)');
      expect(form.cells.get("E5")?.value).toBeCloseTo(936 / 1000.25, 12);
      expect(form.cells.get("F6")).toEqual({ value: "异常", formula: 'IF(D6>0,"正常","异常")' });
      expect(form.cells.get("G6")).toEqual({ value: "#DIV/0!", formula: "1/0" });
      expect(form.cells.get("I6")?.value).toBe("A&B <x> \"q\" 's' 1e5 _x0041_ 行1\n行2\t  ");
    },
    120_000,
  );
});
