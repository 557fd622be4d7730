// Row heights a sheet prints with. A wrapped cell written without a row height is not made taller
// on load by LibreOffice or WPS (Excel autofits only when the row is edited), so its lines
// overprint the rows below: the writer sizes every row that holds wrapped text to it. The text is
// measured as a spreadsheet does, in widths of the font's digit "0" (a column's width unit): a CJK
// or other full-width character takes two, any other character one, a little more for safety.

import { parseRange } from "./cell-address.ts";
import type { XlsxSheet } from "./model.ts";

/** The height of a row neither written nor fitted (the writer's sheetFormatPr defaultRowHeight), in points. */
export const DEFAULT_ROW_HEIGHT = 15;
/** The width Excel gives a column written without one, in characters. */
export const DEFAULT_COLUMN_WIDTH = 9.140625;
/** The tallest row a sheet may have, in points. */
const MAX_ROW_HEIGHT = 409;
/** One line of text: the font size and its leading (Excel's SimSun 11 rows are 14.25 points, LibreOffice's lines about 1.2 em), in points per point of font size. */
const LINE_HEIGHT_PER_POINT = 1.3;
/** Space above and below the text inside a cell, in points. */
const CELL_PADDING = 2;
/** A cell's margins and the unevenness of proportional Latin letters, in character widths. */
const CELL_MARGIN = 1;
const NARROW_WIDTH = 1.1;

/** East Asian Wide and Fullwidth characters (Unicode 15, UAX #11): CJK, kana, Hangul, fullwidth forms and punctuation. */
const WIDE_RANGES =
  "\\u1100-\\u115f\\u2e80-\\u303e\\u3041-\\u33ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua000-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6\\u{20000}-\\u{3fffd}";
const WIDE = new RegExp(`[${WIDE_RANGES}]`, "u");
/** What a line breaks between: one wide character, a word with the spaces after it, or spaces. */
const TOKENS = new RegExp(`[${WIDE_RANGES}]|[^\\s${WIDE_RANGES}]+\\s*|\\s+`, "gu");

/** The width of a text on one line, in character widths (a CJK character counts double). */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : NARROW_WIDTH;
  return width;
}

/**
 * How many lines a text wraps to in a column `columnWidth` characters wide: broken at line breaks,
 * then greedily, a CJK character anywhere, other text between words (a word longer than the line
 * is cut, as the programs do).
 */
export function wrappedLineCount(text: string, columnWidth: number): number {
  const width = Math.max(columnWidth - CELL_MARGIN, 1);
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    lines++;
    let used = 0;
    // A token is one CJK character, or a word with the spaces after it.
    for (const token of paragraph.match(TOKENS) ?? []) {
      const tokenWidth = textWidth(token.trimEnd());
      if (used > 0 && used + tokenWidth > width) {
        lines++;
        used = 0;
      }
      // A word wider than the whole line is cut across as many lines as it takes.
      const extra = Math.max(Math.ceil(tokenWidth / width) - 1, 0);
      lines += extra;
      used = extra > 0 ? tokenWidth - extra * width : used + textWidth(token);
    }
  }
  return lines;
}

/** The height of a row holding this many lines of text in a font of this size, in points. */
export const linesHeight = (lines: number, fontSize: number): number =>
  Math.min(MAX_ROW_HEIGHT, Math.ceil(lines * fontSize * LINE_HEIGHT_PER_POINT + CELL_PADDING));

/**
 * The heights of the rows that hold a wrapped text taller than one line (and than the height
 * written for the row, if any): each as tall as its tallest wrapped cell (a cell merged across columns wraps in their widths
 * together; one merged across rows is left as it is). Hidden rows and formulas without a cached
 * text are left out.
 */
export function fittedRowHeights(sheet: XlsxSheet, fontSize: number): Map<number, number> {
  const explicit = sheet.rowHeights ?? {};
  const hiddenRows = new Set(sheet.hiddenRows ?? []);
  const hiddenColumns = new Set(sheet.hiddenColumns ?? []);
  const columnWidth = (col: number) => (hiddenColumns.has(col) ? 0 : (sheet.columnWidths?.[col] ?? DEFAULT_COLUMN_WIDTH));
  const mergedWidth = new Map<string, number | null>();
  for (const merge of sheet.merges ?? []) {
    const { start, end } = parseRange(merge);
    let width = 0;
    for (let col = start.col; col <= end.col; col++) width += columnWidth(col);
    mergedWidth.set(`${start.row}:${start.col}`, start.row === end.row ? width : null);
  }
  const heights = new Map<number, number>();
  for (const [a1, cell] of sheet.cells) {
    if (!cell.style?.wrap || typeof cell.value !== "string" || cell.value === "") continue;
    const { row, col } = parseRange(a1).start;
    if (hiddenRows.has(row)) continue;
    const width = mergedWidth.has(`${row}:${col}`) ? mergedWidth.get(`${row}:${col}`) : columnWidth(col);
    if (width === null || width === undefined || width === 0) continue;
    const lines = wrappedLineCount(cell.value, width);
    const height = linesHeight(lines, fontSize);
    if (lines > 1 && height > (explicit[row] ?? 0)) heights.set(row, Math.max(heights.get(row) ?? 0, height));
  }
  return heights;
}

/** Every row's printed height from `first` to `last`: fitted, written, the default, or 0 when hidden. */
export function printedRowHeights(sheet: XlsxSheet, fontSize: number, first: number, last: number): number[] {
  const fitted = fittedRowHeights(sheet, fontSize);
  const hidden = new Set(sheet.hiddenRows ?? []);
  return Array.from({ length: last - first + 1 }, (_, index) => {
    const row = first + index;
    return hidden.has(row) ? 0 : (fitted.get(row) ?? sheet.rowHeights?.[row] ?? DEFAULT_ROW_HEIGHT);
  });
}
