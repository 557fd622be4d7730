// Moving a formula to another cell, as Excel does for the dependents of a shared formula
// (`<f t="shared" si="0"/>`): relative references shift, absolute ($) parts stay.
// String literals, quoted sheet names and [...] (structured/external) references are left alone.

import { MAX_COLUMNS, MAX_ROWS, columnIndex, columnLetter } from "./cell-address.ts";

// A reference is not part of a name, function call or sheet name: no letter/digit/_/. before it,
// and none of those, '(' or '!' after it.
const BEFORE = String.raw`(?<![\p{L}\p{N}_.$])`;
const AFTER = String.raw`(?![\p{L}\p{N}_.(!])`;
const TOKEN = new RegExp(
  [
    String.raw`("(?:[^"]|"")*"|'(?:[^']|'')*'|\[[^\]]*\])`, // 1: left untouched
    String.raw`${BEFORE}(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})${AFTER}`, // 2-5: a cell (B7)
    String.raw`${BEFORE}(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})${AFTER}`, // 6-9: columns (A:C)
    String.raw`${BEFORE}(\$?)([0-9]{1,7}):(\$?)([0-9]{1,7})${AFTER}`, // 10-13: rows (3:5)
  ].join("|"),
  "gu",
);

class OutOfGrid extends Error {}

export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  const col = (abs: string, letters: string): string => {
    if (abs) return abs + letters;
    const c = columnIndex(letters) + dCol;
    if (c < 0 || c >= MAX_COLUMNS) throw new OutOfGrid();
    return columnLetter(c);
  };
  const row = (abs: string, digits: string): string => {
    if (abs) return abs + digits;
    const r = Number(digits) + dRow;
    if (r < 1 || r > MAX_ROWS) throw new OutOfGrid();
    return String(r);
  };
  return formula.replace(TOKEN, (whole, ...g: (string | undefined)[]) => {
    if (g[0] !== undefined) return whole;
    try {
      if (g[2] !== undefined) return col(g[1]!, g[2]) + row(g[3]!, g[4]!);
      if (g[6] !== undefined) return `${col(g[5]!, g[6])}:${col(g[7]!, g[8]!)}`;
      return `${row(g[9]!, g[10]!)}:${row(g[11]!, g[12]!)}`;
    } catch (e) {
      // Moved off the grid: Excel shows #REF!. Otherwise (e.g. "ZZZ1") it was no reference.
      return e instanceof OutOfGrid ? "#REF!" : whole;
    }
  });
}
