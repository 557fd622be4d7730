import { describe, expect, it } from "vitest";
import { columnIndex, columnLetter, parseA1, parseRange, rangesOverlap, toA1, toRange } from "../../../shared/xlsx/cell-address.ts";

describe("cell addresses", () => {
  it("converts column indexes and letters both ways", () => {
    const cases: [number, string][] = [
      [0, "A"],
      [25, "Z"],
      [26, "AA"],
      [51, "AZ"],
      [52, "BA"],
      [701, "ZZ"],
      [702, "AAA"],
      [16_383, "XFD"],
    ];
    for (const [index, letters] of cases) {
      expect(columnLetter(index)).toBe(letters);
      expect(columnIndex(letters)).toBe(index);
    }
    for (let i = 0; i < 16_384; i += 7) expect(columnIndex(columnLetter(i))).toBe(i);
    expect(columnIndex("ab")).toBe(27);
  });

  it("rejects out-of-grid or malformed input", () => {
    expect(() => columnLetter(16_384)).toThrow(RangeError);
    expect(() => columnLetter(-1)).toThrow(RangeError);
    expect(() => columnIndex("XFE")).toThrow(RangeError);
    expect(() => columnIndex("A1")).toThrow(RangeError);
    expect(() => parseA1("A0")).toThrow(RangeError);
    expect(() => parseA1("A1048577")).toThrow(RangeError);
    expect(() => parseA1("1A")).toThrow(RangeError);
    expect(() => toA1(1_048_576, 0)).toThrow(RangeError);
    expect(() => parseRange("A1:B2:C3")).toThrow(RangeError);
  });

  it("parses and formats A1 addresses (0-based)", () => {
    expect(parseA1("C7")).toEqual({ row: 6, col: 2 });
    expect(parseA1("$C$7")).toEqual({ row: 6, col: 2 });
    expect(toA1(6, 2)).toBe("C7");
    expect(toA1(1_048_575, 16_383)).toBe("XFD1048576");
  });

  it("handles ranges", () => {
    expect(parseRange("C7:C18")).toEqual({ start: { row: 6, col: 2 }, end: { row: 17, col: 2 } });
    expect(parseRange("D9:B2")).toEqual({ start: { row: 1, col: 1 }, end: { row: 8, col: 3 } });
    expect(toRange(parseRange("B2"))).toBe("B2");
    expect(toRange(parseRange("D9:B2"))).toBe("B2:D9");
    expect(rangesOverlap(parseRange("A1:B2"), parseRange("B2:C3"))).toBe(true);
    expect(rangesOverlap(parseRange("A1:B2"), parseRange("C1:C3"))).toBe(false);
  });
});
