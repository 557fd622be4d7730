import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { XlsxCell } from "../../../shared/xlsx/model.ts";
import { XlsxReadError } from "../../../shared/xlsx/model.ts";
import { readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { writeXlsx } from "../../../shared/xlsx/write-xlsx.ts";

const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([name, xml]) => [name, strToU8(xml)])));

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A package with one worksheet, in the style of other writers. */
function onePackage(sheetXml: string, sharedStrings?: string): Uint8Array {
  return zip({
    "[Content_Types].xml": "<Types/>",
    "_rels/.rels": `<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<workbook xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels":
      `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      (sharedStrings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : "") +
      "</Relationships>",
    "xl/worksheets/sheet1.xml": sheetXml,
    ...(sharedStrings ? { "xl/sharedStrings.xml": sharedStrings } : {}),
  });
}

const cellsOf = (bytes: Uint8Array, sheet = 0) => Object.fromEntries(readXlsx(bytes).sheets[sheet]!.cells);

describe("reading files from other writers", () => {
  it("handles x: prefixes, cells and rows without r, odd attributes, entities, rich text", () => {
    const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const bytes = zip({
      "[Content_Types].xml": "<Types/>",
      // Workbook in an unusual place, found through the root relationships; absolute sheet target.
      "_rels/.rels":
        `<?xml version="1.0"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Target="/book/wb.xml" Id="r1" Type="${REL}/officeDocument"/></Relationships>`,
      "book/wb.xml":
        `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:x="${NS}" xmlns:rel="${REL}"><x:sheets>` +
        `<x:sheet rel:id="R9" state='hidden' name='隐藏 &amp; "表"' sheetId="2"/>` +
        `<x:sheet name="&#x6570;&#25454;" sheetId="1" rel:id="R1"></x:sheet></x:sheets></x:workbook>`,
      "book/_rels/wb.xml.rels":
        `<Relationships><Relationship Id="R1" Type="${REL}/worksheet" Target="/book/sheets/data.xml"/>` +
        `<Relationship Id="R9" Type="${REL}/worksheet" Target="sheets/../sheets/h.xml"/>` +
        `<Relationship Id="R5" Type="${REL}/sharedStrings" Target="strings.xml"/></Relationships>`,
      "book/strings.xml":
        `<x:sst xmlns:x="${NS}"><x:si><x:t>plain</x:t></x:si>` +
        `<x:si><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">rich </x:t></x:r><x:r><x:t>文本</x:t></x:r>` +
        `<x:rPh sb="0" eb="1"><x:t>フリガナ</x:t></x:rPh></x:si>` +
        `<x:si><x:t>line_x000D_&#10;two</x:t></x:si></x:sst>`,
      "book/sheets/data.xml":
        `<x:worksheet xmlns:x="${NS}"><x:cols><x:col min="2" max="3" hidden="true" width="0"/></x:cols><x:sheetData>` +
        `<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c><x:v> 42.5 </x:v></x:c></x:row>` +
        `<x:row hidden="1"><x:c t="inlineStr"><x:is><x:t>内联 &lt;文本&gt;</x:t></x:is></x:c>` +
        `<x:c t="b"><x:v>true</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row>` +
        `<x:row r="5"><x:c r="B5" t="d"><x:v>2024-06-30T00:00:00Z</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c>` +
        `<x:c t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c>` +
        `<x:c t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c><x:c><x:f>SUM(A1:A2)</x:f></x:c>` +
        `<x:c s="3"/><x:c><x:v></x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>a</x:t></x:r><x:r><x:t>b</x:t></x:r></x:is></x:c>` +
        `</x:row></x:sheetData></x:worksheet>`,
      "book/sheets/h.xml": `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
    });
    const book = readXlsx(bytes);
    expect(book.sheets.map((s) => [s.name, s.state])).toEqual([
      ['隐藏 & "表"', "hidden"],
      ["数据", "visible"],
    ]);
    expect(Object.fromEntries(book.sheets[0]!.cells)).toEqual({ A1: { value: 1 } });
    const data = book.sheets[1]!;
    expect(Object.fromEntries(data.cells)).toEqual({
      A1: { value: "plain" },
      B1: { value: "rich 文本" },
      C1: { value: 42.5 },
      A2: { value: "内联 <文本>" },
      B2: { value: true },
      C2: { value: false },
      B5: { value: "2024-06-30T00:00:00Z" },
      C5: { value: "line\r\ntwo" },
      D5: { value: "#DIV/0!", formula: "1/0" },
      E5: { value: "#N/A" },
      F5: { value: "ab", formula: '"a"&"b"' },
      G5: { value: null, formula: "SUM(A1:A2)" },
      J5: { value: "ab" },
    });
    expect(data.hiddenRows).toEqual([1]);
    expect(data.hiddenColumns).toEqual([1, 2]);
  });

  it("reads LibreOffice-style XML (spans, boolean words, self-closing rows, comments)", () => {
    const bytes = onePackage(
      `<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- written by hand -->` +
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
        `<row r="1" spans="1:2" customFormat="false" ht="12.8" hidden="false"><c r="A1" s="0" t="s"><v>0</v></c>` +
        `<c r="B1" s="0" t="n"><f aca="false">A1&amp;"x"</f><v>0</v></c></row>` +
        `<row r="3" hidden="true" collapsed="false"/></sheetData></worksheet>`,
      `<sst><si><t>代码</t></si></sst>`,
    );
    const sheet = readXlsx(bytes).sheets[0]!;
    expect(Object.fromEntries(sheet.cells)).toEqual({ A1: { value: "代码" }, B1: { value: 0, formula: 'A1&"x"' } });
    expect(sheet.hiddenRows).toEqual([2]);
  });

  it("expands shared formulas: dependents always carry a formula", () => {
    const bytes = onePackage(
      `<worksheet><sheetData>` +
        `<row r="2"><c r="C2"><f t="shared" ref="C2:E3" si="0">A2+$B2*B$1+'表 1'!A2+SUM(A:A)+"A2"</f><v>1</v></c>` +
        `<c r="D2"><f t="shared" si="0"/><v>2</v></c></row>` +
        `<row r="3"><c r="C3"><f t="shared" si="0"/><v>3</v></c><c r="E3"><f t="shared" si="0"></f><v>4</v></c>` +
        `<c r="F3"><f t="shared" si="7"/><v>5</v></c></row>` +
        `<row r="4"><c r="C4"><f t="shared" ref="C4:C5" si="1">LOG10(A4)+A$4+A1</f><v>6</v></c></row>` +
        `<row r="5"><c r="C5"><f t="shared" si="1"/></c></row>` +
        `</sheetData></worksheet>`,
    );
    expect(cellsOf(bytes)).toEqual({
      C2: { value: 1, formula: `A2+$B2*B$1+'表 1'!A2+SUM(A:A)+"A2"` },
      D2: { value: 2, formula: `B2+$B2*C$1+'表 1'!B2+SUM(B:B)+"A2"` },
      C3: { value: 3, formula: `A3+$B3*B$1+'表 1'!A3+SUM(A:A)+"A2"` },
      E3: { value: 4, formula: `C3+$B3*D$1+'表 1'!C3+SUM(C:C)+"A2"` },
      F3: { value: 5, formula: "" }, // master missing: still a formula cell
      C4: { value: 6, formula: "LOG10(A4)+A$4+A1" },
      C5: { value: null, formula: "LOG10(A5)+A$4+A2" },
    });
  });

  it("reads what this library writes, including non-ASCII sheet references", () => {
    const formula = "'教扶01 建档立卡贫困教育人口'!C7+'教扶01 建档立卡贫困教育人口'!$D$7";
    const cells = new Map<string, XlsxCell>([["A1", { formula, value: 12 }]]);
    const bytes = writeXlsx({
      sheets: [
        { name: "汇总", cells },
        {
          name: "教扶01 建档立卡贫困教育人口",
          cells: new Map([
            ["C7", { value: 5 }],
            ["D7", { value: 7 }],
          ]),
        },
      ],
    });
    expect(cellsOf(bytes)).toEqual({ A1: { value: 12, formula } });
  });
});

describe("rejecting what is not a workbook", () => {
  const rejects = (bytes: Uint8Array, message: RegExp) => {
    expect(() => readXlsx(bytes)).toThrow(XlsxReadError);
    expect(() => readXlsx(bytes)).toThrow(message);
  };

  it("says clearly when the bytes are not a zip", () => {
    rejects(strToU8("代码,名称\n370100,济南市\n"), /^不是有效的 \.xlsx 文件 \/ not a valid \.xlsx file: .*not a zip archive/);
    rejects(new Uint8Array(0), /not a zip archive/);
    rejects(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), /damaged zip archive/);
  });

  it("names the missing or broken part", () => {
    rejects(zip({ "hello.txt": "hi" }), /缺少 xl\/workbook\.xml \/ missing part xl\/workbook\.xml/);
    rejects(onePackage("<worksheet><sheetData><row><c><v>1</v></c></row></sheetData"), /cannot parse xl\/worksheets\/sheet1\.xml/);
    const noSheetPart = zip({
      "xl/workbook.xml": `<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    });
    rejects(noSheetPart, /sheet "S" has no part/);
    rejects(onePackage(`<worksheet><sheetData><row><c t="s"><v>3</v></c></row></sheetData></worksheet>`, "<sst/>"), /shared string/);
  });
});

describe("a large sheet", () => {
  // Its speed is a bench line (bench/scale.bench.ts, the reader beside ExcelJS), not a timed test.
  it("reads a 10,000-row sheet whole: every value and formula", () => {
    const cells = new Map<string, XlsxCell>();
    for (let r = 0; r < 10_000; r++) {
      cells.set(`A${r + 1}`, { value: String(370_100 + r) });
      cells.set(`B${r + 1}`, { value: `县${r}` });
      for (const [i, col] of ["C", "D", "E", "F", "G", "H"].entries()) cells.set(`${col}${r + 1}`, { value: r * 10 + i + 0.5 });
      cells.set(`I${r + 1}`, { formula: `SUM(C${r + 1}:H${r + 1})`, value: 60 * r + 18 });
    }
    const book = readXlsx(writeXlsx({ sheets: [{ name: "大表", cells }] }));
    expect(book.sheets[0]!.cells.size).toBe(90_000);
    expect(book.sheets[0]!.cells.get("D5000")).toEqual({ value: 4999 * 10 + 1 + 0.5 });
    expect(book.sheets[0]!.cells.get("I10000")).toEqual({ value: 60 * 9999 + 18, formula: "SUM(C10000:H10000)" });
  });
});
