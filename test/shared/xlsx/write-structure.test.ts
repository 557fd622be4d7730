import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { XlsxCell, XlsxSheet, XlsxWorkbook } from "../../../shared/xlsx/model.ts";
import { XlsxWriteError } from "../../../shared/xlsx/model.ts";
import { writeXlsx } from "../../../shared/xlsx/write-xlsx.ts";
import { parseXml } from "../../../shared/xlsx/xml-parse.ts";
import { sampleWorkbook } from "./sample-workbook.ts";

function parts(workbook: XlsxWorkbook): Record<string, string> {
  const files = unzipSync(writeXlsx(workbook));
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** Names of the direct children of the root element, in document order. */
function topLevelElements(xml: string): string[] {
  const names: string[] = [];
  let depth = 0;
  parseXml(xml, {
    open(name) {
      if (depth++ === 1) names.push(name);
    },
    close() {
      depth--;
    },
    text() {},
  });
  return names;
}

function sheet(cells: [string, XlsxCell][], extra: Partial<XlsxSheet> = {}): XlsxWorkbook {
  return { sheets: [{ name: "Sheet1", cells: new Map(cells), ...extra }] };
}

// CT_Worksheet's sequence (the part of it this writer uses).
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetProtection",
  "mergeCells",
  "conditionalFormatting",
  "dataValidations",
];

describe("written package structure", () => {
  const files = parts(sampleWorkbook());

  it("is well-formed XML in every part", () => {
    for (const [name, xml] of Object.entries(files)) {
      const open: string[] = [];
      parseXml(xml, {
        open: (tag) => open.push(tag),
        close: (tag) => expect(open.pop(), `${name}: </${tag}>`).toBe(tag),
        text() {},
      });
      expect(open, name).toEqual([]);
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'), name).toBe(true);
    }
  });

  it("lists every part in [Content_Types].xml and every relationship target exists", () => {
    const types = files["[Content_Types].xml"]!;
    for (const name of Object.keys(files)) {
      if (name.endsWith(".rels") || name === "[Content_Types].xml") continue;
      expect(types, name).toContain(`PartName="/${name}"`);
    }
    expect(Object.keys(files)[0]).toBe("[Content_Types].xml");
    const targets = [...files["xl/_rels/workbook.xml.rels"]!.matchAll(/Target="([^"]+)"/g)].map((m) => `xl/${m[1]}`);
    expect(targets.sort()).toEqual(["xl/sharedStrings.xml", "xl/styles.xml", ...[1, 2, 3, 4].map((i) => `xl/worksheets/sheet${i}.xml`)].sort());
    expect(files["_rels/.rels"]).toContain('Target="xl/workbook.xml"');
  });

  it("orders worksheet children as CT_Worksheet requires", () => {
    const order = topLevelElements(files["xl/worksheets/sheet2.xml"]!);
    const uniqueOrder = order.filter((n, i) => order[i - 1] !== n);
    expect(uniqueOrder).toEqual(WORKSHEET_ORDER);
    // A plain sheet has only the mandatory parts.
    expect(topLevelElements(parts(sheet([["A1", { value: 1 }]]))["xl/worksheets/sheet1.xml"]!)).toEqual([
      "dimension",
      "sheetViews",
      "sheetFormatPr",
      "sheetData",
    ]);
  });

  it("writes the page set-up after dataValidations, fit-to-page in sheetPr, and the print names per sheet", () => {
    const print = {
      orientation: "landscape" as const,
      fitToWidth: 1,
      fitToHeight: 0,
      area: "A1:H30",
      titleRows: { first: 0, last: 4 },
      footer: "&C表号:教扶01表    第 &P 页 共 &N 页",
      horizontalCentered: true,
      rowBreaks: [20, 35],
    };
    const written = parts({
      sheets: [
        { name: "Plain", cells: new Map([["A1", { value: 1 }]]) },
        {
          name: "教扶01 it's",
          cells: new Map([["A1", { value: 1 }]]),
          rowOutlineLevels: { 2: 1 },
          hiddenRows: [2],
          collapsedRows: [1],
          dataValidations: [{ range: "A1", type: "whole", operator: "greaterThanOrEqual", formula1: "0" }],
          print,
        },
      ],
    });
    const worksheet = written["xl/worksheets/sheet2.xml"]!;
    expect(topLevelElements(worksheet)).toEqual([
      "sheetPr",
      "dimension",
      "sheetViews",
      "sheetFormatPr",
      "sheetData",
      "dataValidations",
      "printOptions",
      "pageMargins",
      "pageSetup",
      "headerFooter",
      "rowBreaks",
    ]);
    expect(worksheet).toContain('<sheetPr><outlinePr summaryBelow="0"/><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(worksheet).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(worksheet).toContain("<oddFooter>&amp;C表号:教扶01表    第 &amp;P 页 共 &amp;N 页</oddFooter>");
    expect(worksheet).toContain('<row r="2" collapsed="1">');
    // A break's id is the 0-based row it comes above: row 21 (1-based) starts the second page.
    expect(worksheet).toContain('<rowBreaks count="2" manualBreakCount="2"><brk id="20" max="16383" man="1"/><brk id="35" max="16383" man="1"/></rowBreaks>');
    expect(written["xl/workbook.xml"]).toContain(
      `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">'教扶01 it''s'!$A$1:$H$30</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">'教扶01 it''s'!$1:$5</definedName></definedNames>`,
    );
    expect(written["xl/worksheets/sheet1.xml"]).not.toContain("pageSetup");
    expect(() => writeXlsx({ sheets: [{ name: "S", cells: new Map(), print: { ...print, fitToWidth: -1 } }] })).toThrow(XlsxWriteError);
    for (const rowBreaks of [[0], [5, 5], [7, 3], [1.5]])
      expect(() => writeXlsx({ sheets: [{ name: "S", cells: new Map(), print: { ...print, rowBreaks } }] }), String(rowBreaks)).toThrow(/page breaks/);
  });

  it("orders workbook and styles children as the schema requires", () => {
    expect(topLevelElements(files["xl/workbook.xml"]!)).toEqual(["bookViews", "sheets", "definedNames", "calcPr"]);
    expect(files["xl/workbook.xml"]).toContain('<calcPr calcId="191029" fullCalcOnLoad="1"/>');
    expect(topLevelElements(files["xl/styles.xml"]!)).toEqual([
      "numFmts",
      "fonts",
      "fills",
      "borders",
      "cellStyleXfs",
      "cellXfs",
      "cellStyles",
      "dxfs",
      "tableStyles",
    ]);
  });

  it("deduplicates cell styles, keeps the default at index 0 and counts correctly", () => {
    const same = { fill: "ffeeaa", locked: false };
    const styles = parts(
      sheet([
        ["A1", { value: 1, style: { ...same } }],
        ["A2", { value: 2, style: { ...same } }],
        ["A3", { value: 3, style: { locked: true } }], // equal to the default
        ["A4", { value: 4, style: { numberFormat: "0.00%" } }],
        ["A5", { value: 5, style: { numberFormat: "0.0000" } }],
        ["A6", { value: 6, style: { numberFormat: "0.0000", bold: true } }],
        ["A7", { value: 7 }],
      ]),
    );
    const sheetXml = styles["xl/worksheets/sheet1.xml"]!;
    expect(sheetXml).toContain('<c r="A1" s="1"><v>1</v></c><');
    expect(sheetXml).toContain('<c r="A2" s="1"><v>2</v></c>');
    expect(sheetXml).toContain('<c r="A3"><v>3</v></c>');
    expect(sheetXml).toContain('<c r="A4" s="2"><v>4</v></c>');
    expect(sheetXml).toContain('<c r="A5" s="3"><v>5</v></c>');
    expect(sheetXml).toContain('<c r="A6" s="4"><v>6</v></c>');
    expect(sheetXml).toContain('<c r="A7"><v>7</v></c>');
    const xml = styles["xl/styles.xml"]!;
    expect(xml).toContain('<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    expect(xml).toContain('numFmtId="10"'); // built-in 0.00%
    expect(xml).toContain('<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0000"/></numFmts>');
    expect(xml).toContain('<fgColor rgb="FFFFEEAA"/>');
    expect(xml).toContain('<protection locked="0"/>');
    for (const [, tag, count] of xml.matchAll(/<(\w+) count="(\d+)">/g)) {
      const children = topLevelChildrenCount(xml, tag!);
      expect(children, tag).toBe(Number(count));
    }
  });

  it("writes a dxf per distinct conditional-format look", () => {
    const xml = files["xl/styles.xml"]!;
    expect(xml).toContain(
      '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>',
    );
    expect(files["xl/worksheets/sheet2.xml"]).toContain('<cfRule type="expression" dxfId="0" priority="2">');
  });

  it("uses shared strings, counted, with whitespace preserved", () => {
    const xml = files["xl/sharedStrings.xml"]!;
    expect(xml).toMatch(/<sst [^>]*count="\d+" uniqueCount="\d+">/);
    expect(xml).toContain("<si><t>济南市</t></si>");
    expect(xml).toContain('<si><t xml:space="preserve">A&amp;B &lt;x&gt; "q" \'s\' 1e5 _x005F_x0041_ 行1\n行2\t  </t></si>');
    // No strings, no part.
    const numeric = parts(sheet([["A1", { value: 1 }]]));
    expect(numeric["xl/sharedStrings.xml"]).toBeUndefined();
    expect(numeric["[Content_Types].xml"]).not.toContain("sharedStrings");
  });

  it("writes formulas with cached values of each type", () => {
    const xml = parts(
      sheet([
        ["A1", { formula: "=1+1", value: 2 }],
        ["A2", { formula: 'A1&"元"', value: "2元" }],
        ["A3", { formula: "A1>1", value: true }],
        ["A4", { formula: "A1/0" }],
      ]),
    )["xl/worksheets/sheet1.xml"]!;
    expect(xml).toContain('<c r="A1"><f>1+1</f><v>2</v></c>');
    expect(xml).toContain('<c r="A2" t="str"><f>A1&amp;"元"</f><v>2元</v></c>');
    expect(xml).toContain('<c r="A3" t="b"><f>A1&gt;1</f><v>1</v></c>');
    expect(xml).toContain('<c r="A4"><f>A1/0</f></c>');
  });

  it("strips characters XML 1.0 forbids and keeps CR", () => {
    const xml = parts(sheet([["A1", { value: "a\u0001b\u001Fc\uFFFEd\uD800e\r\nf" }]]))["xl/sharedStrings.xml"]!;
    expect(xml).toContain('<t xml:space="preserve">abcde&#13;\nf</t>');
  });

  it("escapes attributes (sheet names, messages)", () => {
    const wb = sheet([], {
      name: 'A&B "<季>"',
      dataValidations: [{ range: "A1", type: "whole", operator: "equal", formula1: "1", error: "第一行\n第二行 & <三>" }],
    });
    const files2 = parts(wb);
    expect(files2["xl/workbook.xml"]).toContain('name="A&amp;B &quot;&lt;季&gt;&quot;"');
    expect(files2["xl/worksheets/sheet1.xml"]).toContain('error="第一行&#10;第二行 &amp; &lt;三&gt;"');
  });

  it("writes rows, and cells within them, in order whatever the order they were set in, with rows that have only a height or are only hidden", () => {
    const cells: [string, XlsxCell][] = [
      ["B3", { value: 4 }],
      ["A3", { value: 3 }],
      ["C1", { value: 2 }],
      ["A1", { value: 1 }],
    ];
    const xml = parts(sheet(cells, { rowHeights: { 4: 30 }, hiddenRows: [1] }))["xl/worksheets/sheet1.xml"]!;
    const sheetData = xml.slice(xml.indexOf("<sheetData>"), xml.indexOf("</sheetData>"));
    expect([...sheetData.matchAll(/<row r="(\d+)"|<c r="([A-Z]+\d+)"/g)].map((match) => match[1] ?? match[2])).toEqual([
      "1",
      "A1",
      "C1",
      "2",
      "3",
      "A3",
      "B3",
      "5",
    ]);
    expect(xml).toContain('<dimension ref="A1:C3"/>');
  });

  it("selects the active sheet", () => {
    const xml = files["xl/workbook.xml"]!;
    expect(xml).toContain('<workbookView activeTab="1"/>');
    expect(files["xl/worksheets/sheet2.xml"]).toContain('<sheetView tabSelected="1" workbookViewId="0">');
    expect(files["xl/worksheets/sheet1.xml"]).toContain('<sheetView workbookViewId="0"/>');
  });
});

describe("writer validation", () => {
  const fails = (wb: XlsxWorkbook, message: RegExp) => {
    expect(() => writeXlsx(wb)).toThrow(XlsxWriteError);
    expect(() => writeXlsx(wb)).toThrow(message);
  };

  it("rejects invalid sheet names with a clear error", () => {
    for (const name of ["", "a".repeat(32), "a/b", "a[1]", "q?", "x:y", "*", "a\\b", "'quoted'"]) {
      fails(sheet([], { name }), /工作表名称无效 \/ invalid sheet name/);
    }
    fails(
      {
        sheets: [
          { name: "表", cells: new Map() },
          { name: "表", cells: new Map() },
        ],
      },
      /duplicate/,
    );
    fails(
      {
        sheets: [
          { name: "Data", cells: new Map() },
          { name: "DATA", cells: new Map() },
        ],
      },
      /duplicate/,
    );
    expect(() => writeXlsx(sheet([], { name: "教扶01 建档立卡贫困教育人口（续表）x".slice(0, 31) }))).not.toThrow();
  });

  it("rejects workbooks Excel would repair", () => {
    fails({ sheets: [] }, /no sheets/);
    fails(sheet([], { state: "hidden" }), /at least one sheet must be visible/);
    fails(
      {
        sheets: [
          { name: "a", cells: new Map(), state: "hidden" },
          { name: "b", cells: new Map() },
        ],
        activeSheet: 0,
      },
      /active sheet/,
    );
    fails(sheet([["a1", { value: 1 }]]), /invalid cell address/);
    fails(sheet([["A1", { value: Number.NaN }]]), /not a finite number/);
    fails(sheet([["A1", { value: "x".repeat(32_768) }]]), /32767/);
    fails(sheet([], { merges: ["A1:B2", "B2:C3"] }), /overlapping merge/);
    fails(sheet([], { merges: ["A1:"] }), /invalid cell address/);
    const whole = { range: "A1", type: "whole", operator: "greaterThan", formula1: "0" } as const;
    fails(sheet([], { dataValidations: [{ ...whole, errorTitle: "长".repeat(33) }] }), /32/);
    fails(sheet([], { dataValidations: [{ ...whole, prompt: "长".repeat(256) }] }), /255/);
    fails(sheet([], { dataValidations: [{ ...whole, formula1: undefined }] }), /formula1 is required/);
    fails(sheet([], { dataValidations: [{ ...whole, operator: undefined }] }), /between 需要 formula2 \/ needs formula2/);
    fails(sheet([], { merges: ["B2:B2"] }), /single-cell merge/);
    fails(sheet([["A1", { formula: "=" }]]), /empty formula/);
    fails(sheet([], { dataValidations: [{ range: "A1", type: "list", formula1: `"${"a,".repeat(128)}"` }] }), /255/);
    fails(sheet([], { conditionalFormats: [{ range: "A1", formula: "TRUE", fill: "red" }] }), /RRGGBB/);
    fails(sheet([], { rowOutlineLevels: { 1: 8 } }), /outline level/);
    fails(sheet([], { hiddenRows: [-1] }), /invalid row index/);
    fails(sheet([], { rowHeights: { 0: 500 } }), /row height/);
    fails(sheet([], { columnWidths: { 0: 300 } }), /column width/);
    fails(sheet([], { freeze: { row: -1, col: 0 } }), /freeze/);
    fails({ ...sheet([]), definedNames: [{ name: "A1", ref: "Sheet1!$A$1" }] }, /defined name/);
    fails({ ...sheet([]), definedNames: [{ name: "R1C1", ref: "Sheet1!$A$1" }] }, /defined name/);
    fails(
      {
        ...sheet([]),
        definedNames: [
          { name: "x", ref: "1" },
          { name: "X", ref: "2" },
        ],
      },
      /defined name/,
    );
  });
});

function topLevelChildrenCount(xml: string, tag: string): number {
  let depth = -1;
  let inside = false;
  let count = 0;
  parseXml(xml, {
    open(name) {
      if (inside) {
        depth++;
        if (depth === 1) count++;
      } else if (name === tag) {
        inside = true;
        depth = 0;
      }
    },
    close(name) {
      if (!inside) return;
      if (depth === 0 && name === tag) inside = false;
      else depth--;
    },
    text() {},
  });
  return count;
}
