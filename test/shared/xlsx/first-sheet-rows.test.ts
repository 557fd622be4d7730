import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { LIST_TABLE_LIMITS, ListTableError, xlsxListRows } from "../../../shared/roster/list-table.ts";
import { parseA1 } from "../../../shared/xlsx/cell-address.ts";
import { firstSheetRows } from "../../../shared/xlsx/first-sheet-rows.ts";
import type { XlsxCell } from "../../../shared/xlsx/model.ts";
import { XlsxLimitError, readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { SharedStringStore } from "../../../shared/xlsx/shared-string-store.ts";
import { writeXlsx } from "../../../shared/xlsx/write-xlsx.ts";
import { parseXml } from "../../../shared/xlsx/xml-parse.ts";
import type { XmlHandler } from "../../../shared/xlsx/xml-parse.ts";
import { XmlStream } from "../../../shared/xlsx/xml-stream.ts";
import { appendRows, nestDeep, withBombPart, withSheetXml } from "../../support/hostile-xlsx.ts";

// The poverty list's .xlsx read a row at a time (shared/xlsx/first-sheet-rows.ts): the rows readXlsx's
// cells give, laid out by row as the list read them before, on our writer's and ExcelJS's files; the
// XML parsed piece by piece as parseXml parses it whole; hostile files refused with the reader's messages.

/** The list's table as it was read before: readXlsx's first sheet, its cells laid out by row as text. */
function readXlsxTable(bytes: Uint8Array, rows = LIST_TABLE_LIMITS.maxRows + 1): string[][] {
  const table: string[][] = [];
  for (const [address, cell] of readXlsx(bytes, { rows }).sheets[0]?.cells ?? []) {
    const { row, col } = parseA1(address);
    const cells = table[row] ?? (table[row] = []);
    cells[col] = cell.value === null ? "" : String(cell.value);
  }
  return Array.from(table, (cells) => Array.from(cells ?? [], (text) => text ?? ""));
}

const streamedTable = (bytes: Uint8Array) => [...xlsxListRows(bytes)];

function events(run: (handler: XmlHandler) => void): string[] {
  const seen: string[] = [];
  run({
    open: (name, attrs) => seen.push(`<${name} ${JSON.stringify(attrs)}`),
    close: (name) => seen.push(`/${name}`),
    text: (text) => seen.push(`'${text}`),
  });
  // Text may arrive in more than one call; joined, it is the same text.
  return seen.reduce<string[]>((joined, event) => {
    if (event.startsWith("'") && joined.at(-1)?.startsWith("'")) joined[joined.length - 1] += event.slice(1);
    else joined.push(event);
    return joined;
  }, []);
}

const ids = ["37010220100101123X", "370102201001011220", "110105200001011234"];

describe("XmlStream", () => {
  it("gives the events parseXml gives for the whole text, wherever the bytes are cut (inside a character, a tag, an attribute, an entity, CDATA, a comment)", () => {
    const xml = `<?xml version="1.0"?><!-- a > b --><x:sheet xmlns:x="urn:x" a='1>2' b="&amp;&#x4E2D;"><row r="1"><c t="s"><v>名单 &lt;1&gt;</v></c><c/><![CDATA[<不是标签>]]></row>\r\n</x:sheet>`;
    const bytes = strToU8(xml);
    const whole = events((handler) => parseXml(xml, handler, 64));
    for (let cut = 1; cut < bytes.length; cut++) {
      const pieces = events((handler) => {
        const stream = new XmlStream(handler, 64);
        stream.push(bytes.subarray(0, cut));
        stream.push(bytes.subarray(cut));
        stream.end();
      });
      expect(pieces, `cut at ${cut}`).toEqual(whole);
    }
    const byteByByte = events((handler) => {
      const stream = new XmlStream(handler, 64);
      for (let at = 0; at < bytes.length; at++) stream.push(bytes.subarray(at, at + 1));
      stream.end();
    });
    expect(byteByByte).toEqual(whole);
  });

  it("keeps the depth limit across pieces, and refuses text that never ends", () => {
    const deep = strToU8(`${"<x>".repeat(65)}${"</x>".repeat(65)}`);
    const stream = new XmlStream({ open() {}, close() {}, text() {} }, 64);
    expect(() => {
      for (let at = 0; at < deep.length; at += 7) stream.push(deep.subarray(at, at + 7));
    }).toThrow(/nested deeper than 64/);
    const endless = new XmlStream({ open() {}, close() {}, text() {} }, 64, 1000);
    endless.push(strToU8("<t>"));
    expect(() => endless.push(strToU8("x".repeat(1001)))).toThrow(/runs past 1000 characters/);
  });
});

describe("SharedStringStore", () => {
  it("answers as an array of the strings would, past its first capacity and in any script, and forgets them when wiped", () => {
    const strings = Array.from({ length: 10_000 }, (_, index) => (index % 3 === 0 ? `名单 ${index} 😀` : index % 3 === 1 ? "" : `${ids[index % 3]}-${index}`));
    const store = new SharedStringStore();
    for (const text of strings) store.add(text);
    expect(store.size).toBe(strings.length);
    expect(Array.from({ length: strings.length }, (_, index) => store.at(index))).toEqual(strings);
    for (const index of [-1, 1.5, Number.NaN, strings.length]) expect(store.at(index)).toBe(strings[index]);
    store.wipe();
    expect([store.size, store.at(0)]).toEqual([0, undefined]);
  });
});

describe("firstSheetRows and xlsxListRows", () => {
  it("give readXlsx's rows on our writer's file: shared strings, numbers (an ID typed as a number too), booleans, formulas, sparse cells and rows", () => {
    const cells = new Map<string, XlsxCell>([
      ["B3", { value: "身份证件号码" }],
      ["D3", { value: "户籍县" }],
      ["A4", { value: 1 }],
      ["B4", { value: ids[0]! }],
      ["D4", { value: "370102" }],
      ["B6", { value: Number("370102201001011220") }],
      ["C6", { value: true }],
      ["D6", { value: 370102 }],
      ["E6", { value: null, formula: "A4+1" }],
      ["F7", { value: 2, formula: "A4*2" }],
      ["B9", { value: "  带空格 & <符号>_x000D_" }],
    ]);
    const bytes = writeXlsx({
      sheets: [
        { name: "名单", cells },
        { name: "其他", cells: new Map([["A1", { value: "不读" }]]) },
      ],
    });
    const table = readXlsxTable(bytes);
    expect(table[5]).toEqual(["", "370102201001011200", "true", "370102", ""]);
    expect(streamedTable(bytes)).toEqual(table);
  });

  it("give readXlsx's rows on ExcelJS's files, with shared strings and without (str and rich inline strings), dates and numbers", async () => {
    for (const useSharedStrings of [true, false]) {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("名单");
      sheet.addRow(["序号", "身份证件号码", "户籍所在县(市、区)代码", "登记日期"]);
      ids.forEach((id, index) => sheet.addRow([index + 1, id, "370102", new Date(Date.UTC(2019, 8, index + 1))]));
      sheet.getCell("B6").value = { richText: [{ text: "3701022010" }, { text: "01011220", font: { bold: true } }] };
      sheet.getCell("E8").value = { formula: "A2+1", result: 2 };
      sheet.getCell("C9").value = 3.5;
      const bytes = new Uint8Array(await workbook.xlsx.writeBuffer({ useSharedStrings } as ExcelJS.XlsxWriteOptions));
      const table = readXlsxTable(bytes);
      expect(table[5]?.[1]).toBe("370102201001011220");
      expect(streamedTable(bytes)).toEqual(table);
    }
  });

  it("reads the sheet whatever the zip's order: shared strings after the sheet, stored or deflated", () => {
    const bytes = writeXlsx({
      sheets: [
        {
          name: "名单",
          cells: new Map([
            ["A1", { value: "身份证件号码" }],
            ["A2", { value: ids[0]! }],
          ]),
        },
      ],
    });
    const files = unzipSync(bytes);
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    for (const level of [0, 6] as const) expect(streamedTable(zipSync(reversed, { level }))).toEqual([["身份证件号码"], [ids[0]!]]);
  });

  it("refuses a row after a later one, naming both (every writer puts rows in order)", () => {
    const bytes = writeXlsx({
      sheets: [
        {
          name: "名单",
          cells: new Map([
            ["A1", { value: "h" }],
            ["A2", { value: "x" }],
          ]),
        },
      ],
    });
    const swapped = withSheetXml(bytes, "名单", (xml) => xml.replace(/(<row r="1".*?<\/row>)(<row r="2".*?<\/row>)/, "$2$1"));
    expect(() => [...firstSheetRows(swapped)]).toThrow("has row 1 after row 2");
  });
});

describe("hostile .xlsx lists, refused with the reader's messages", () => {
  const list = writeXlsx({
    sheets: [
      {
        name: "名单",
        cells: new Map([
          ["A1", { value: "身份证件号码" }],
          ["A2", { value: ids[0]! }],
        ]),
      },
    ],
  });

  it("a sheet that inflates past its bound (a zip bomb declaring 1 KiB), stopping there", () => {
    const bomb = withBombPart(list, "xl/worksheets/sheet1.xml", 9, "<x/>");
    expect(() => [...firstSheetRows(bomb, { sheetBytes: 2 ** 20 })]).toThrow(XlsxLimitError);
    expect(() => [...firstSheetRows(bomb, { sheetBytes: 2 ** 20 })]).toThrow("part xl/worksheets/sheet1.xml inflates past 1 MiB");
    // The list's sheet may inflate to eight times the file's bound.
    const small = { ...LIST_TABLE_LIMITS, maxBytes: 2 ** 20 };
    expect(() => [...xlsxListRows(bomb, small)]).toThrow(
      new ListTableError("部件 xl/worksheets/sheet1.xml 解压后超过 8 MiB / part xl/worksheets/sheet1.xml inflates past 8 MiB"),
    );
    expect([...xlsxListRows(withBombPart(list, "xl/worksheets/sheet1.xml", 6, "<x/>"), small)]).toEqual([]);
  });

  it("shared strings past the part limit, held parts past theirs", () => {
    const strings = withBombPart(list, "xl/sharedStrings.xml", 40, "<si><t>x</t></si>");
    expect(() => [...firstSheetRows(strings, { partBytes: 2 ** 20 })]).toThrow("part xl/sharedStrings.xml inflates past 1 MiB");
    expect(() => [...firstSheetRows(withBombPart(list, "xl/workbook.xml", 8, " "))]).toThrow("part xl/workbook.xml inflates past 4 MiB");
  });

  it("content past the row limit, naming the sheet and the row", () => {
    const long = withSheetXml(list, "名单", (xml) => appendRows(xml, 3, 20, true));
    expect(() => [...xlsxListRows(long, { ...LIST_TABLE_LIMITS, maxRows: 10 })]).toThrow(
      new ListTableError("工作表“名单”第 12 行有内容，超出读取上限 11 行 / sheet “名单” has content in row 12, beyond the reader's limit of 11 rows"),
    );
    expect(() => readXlsxTable(long, 11)).toThrow("sheet “名单” has content in row 12, beyond the reader's limit of 11 rows");
  });

  it("XML nested past the depth limit", () => {
    const deep = withSheetXml(list, "名单", (xml) => nestDeep(xml, 64));
    expect(() => [...xlsxListRows(deep)]).toThrow("XML in xl/worksheets/sheet1.xml nests deeper than 64 levels");
    expect(streamedTable(withSheetXml(list, "名单", (xml) => nestDeep(xml, 10)))).toEqual([["身份证件号码"], [ids[0]!]]);
  });

  it("an archive of too many entries, a damaged one, and one that is not a zip", () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 1001 }, (_, index) => [`x${index}.xml`, strToU8("<x/>")])));
    expect(() => [...xlsxListRows(many)]).toThrow("more than 1000 entries in the archive");
    expect(() => [...xlsxListRows(list.subarray(0, list.length - 30))]).toThrow(ListTableError);
    expect(() => [...xlsxListRows(list.subarray(0, list.length - 30))]).toThrow("damaged zip archive");
  });
});
