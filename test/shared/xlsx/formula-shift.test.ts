import { describe, expect, it } from "vitest";
import { shiftFormula } from "../../../shared/xlsx/formula-shift.ts";

describe("shiftFormula", () => {
  it("moves relative parts and keeps absolute ones", () => {
    expect(shiftFormula("A1+$A1+A$1+$A$1", 2, 1)).toBe("B3+$A3+B$1+$A$1");
    expect(shiftFormula("SUM(C7:C18)/D7", 1, 0)).toBe("SUM(C8:C19)/D8");
    expect(shiftFormula("SUM(A:B)+SUM(3:4)+SUM($A:B)", 1, 1)).toBe("SUM(B:C)+SUM(4:5)+SUM($A:C)");
  });

  it("leaves strings, sheet names, functions and names alone", () => {
    expect(shiftFormula(`IF(A1="A1","B2",'Q1 表'!A1)`, 1, 0)).toBe(`IF(A2="A1","B2",'Q1 表'!A2)`);
    expect(shiftFormula("LOG10(A1)+ATAN2(1,2)+Sheet1!B2+AB1!C1", 1, 0)).toBe("LOG10(A2)+ATAN2(1,2)+Sheet1!B3+AB1!C2");
    expect(shiftFormula("my_A1+x.A1+Table1[A1]+合计A1", 1, 0)).toBe("my_A1+x.A1+Table1[A1]+合计A1");
    expect(shiftFormula("ROUND(A1,2)+1.5", 1, 1)).toBe("ROUND(B2,2)+1.5");
  });

  it("turns references pushed off the grid into #REF!", () => {
    expect(shiftFormula("A1+B2", -1, 0)).toBe("#REF!+B1");
    expect(shiftFormula("XFD1", 0, 1)).toBe("#REF!");
  });
});
