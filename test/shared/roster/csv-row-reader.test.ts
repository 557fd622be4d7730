import { describe, expect, it } from "vitest";
import { CsvRowReader } from "../../../shared/roster/csv-row-reader.ts";
import { LIST_TABLE_LIMITS, ListTableError } from "../../../shared/roster/list-table-limits.ts";
import type { ListTableLimits } from "../../../shared/roster/list-table-limits.ts";
import { readListTable } from "../../../shared/roster/list-table.ts";

// The poverty list's CSV read as its bytes arrive: every way a chunk can end (inside a UTF-8 character,
// a quoted field, a doubled quote, a CRLF) gives the rows the whole file gives, and the bounds stop a
// hostile file at the row where it goes wrong.

const csv = '\uFEFF序号,身份证件号码,县\r\n1,"37010220100101123X",370102\r\n2,"说明, 含逗号 ""引号""\r\n两行",370103\n\n3,370102201001011220,"370104"\r\n';
const bytes = new TextEncoder().encode(csv);
const expected = [
  ["序号", "身份证件号码", "县"],
  ["1", "37010220100101123X", "370102"],
  ["2", '说明, 含逗号 "引号"\r\n两行', "370103"],
  ["3", "370102201001011220", "370104"],
];

function readInChunks(data: Uint8Array, cuts: number[], limits: ListTableLimits = LIST_TABLE_LIMITS): string[][] {
  const reader = new CsvRowReader(limits);
  const rows: string[][] = [];
  let start = 0;
  for (const cut of [...cuts, data.length]) {
    rows.push(...reader.push(data.subarray(start, cut)));
    start = cut;
  }
  return [...rows, ...reader.end()];
}

describe("CsvRowReader", () => {
  it("reads the file whole as the reader of the whole file did: BOM dropped, quotes, doubled quotes, CRLF and LF, blank rows skipped", () => {
    expect(readListTable(bytes)).toEqual(expected);
    expect(readInChunks(bytes, [])).toEqual(expected);
  });

  it("gives the same rows however the bytes are cut: at every single position, and byte by byte", () => {
    for (let cut = 1; cut < bytes.length; cut++) expect(readInChunks(bytes, [cut]), `cut at ${cut}`).toEqual(expected);
    expect(
      readInChunks(
        bytes,
        Array.from({ length: bytes.length - 1 }, (_, index) => index + 1),
      ),
    ).toEqual(expected);
  });

  it("ends a last row without a line break, and one whose quote never closed", () => {
    expect(readInChunks(new TextEncoder().encode("a,b\r\n1,2"), [6])).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(readInChunks(new TextEncoder().encode('a,b\n1,"2'), [])).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("refuses more rows than the bound, naming the first row past it, as they come", () => {
    const limits = { ...LIST_TABLE_LIMITS, maxRows: 3 };
    const reader = new CsvRowReader(limits);
    expect(reader.push(new TextEncoder().encode("h\n1\n2\n3\n"))).toHaveLength(4);
    expect(() => reader.push(new TextEncoder().encode("4\n"))).toThrow(
      new ListTableError("名单超过 3 行(第 5 行起) / the list has more than 3 rows (from row 5)"),
    );
  });

  it("refuses a row longer than the bound, however it arrives: a quote never closed stops there, not at the end of the file", () => {
    const limits = { ...LIST_TABLE_LIMITS, maxRowChars: 100 };
    const hostile = new TextEncoder().encode(`h\n1\n"${"x".repeat(1000)}\n2\n`);
    for (const cuts of [[], [5], Array.from({ length: 100 }, (_, index) => 10 * (index + 1))])
      expect(() => readInChunks(hostile, cuts, limits)).toThrow("row 3 is over 100 characters");
    const long = new TextEncoder().encode(`h\n${"y".repeat(60)}`);
    expect(() => readInChunks(long, [30], { ...limits, maxRowChars: 50 })).toThrow("row 2 is over 50 characters");
    expect(readInChunks(new TextEncoder().encode(`h\n${"y".repeat(50)}\nz`), [30], { ...limits, maxRowChars: 50 })).toHaveLength(3);
  });

  it("refuses more bytes than the bound before reading them", () => {
    const reader = new CsvRowReader({ ...LIST_TABLE_LIMITS, maxBytes: 10 });
    reader.push(new Uint8Array(6).fill(65));
    expect(() => reader.push(new Uint8Array(5).fill(65))).toThrow("the file is over 10 bytes");
  });
});
