import { parseRange } from "../xlsx/cell-address.ts";
import type { XlsxSheet } from "../xlsx/model.ts";
import { columnPoints, printableSize } from "../xlsx/page-geometry.ts";
import { DEFAULT_COLUMN_WIDTH, printedRowHeights } from "../xlsx/row-heights.ts";

/** A form taller than a page but not by much prints shrunk onto one, down to this share of its width-fitted size. */
const MIN_ONE_PAGE_SHRINK = 0.75;
/** Pages are filled to this share of what the estimate says they hold: a program's fonts may make rows a little taller. */
const PAGE_FILL = 0.9;
/** The last page of a form that takes several carries this many of its rows with the notes and signature line. */
const ROWS_CARRIED = 3;

/**
 * Where a sheet's pages break, so that no page holds only the repeated header, the notes or the
 * signature line. The sheet prints one page wide (fitToWidth 1); at that scale, estimated from its
 * column widths and row heights (row-heights.ts):
 * - it fits one page: nothing to do;
 * - it is at most a third taller than a page: fitToHeight 1, one page, shrunk a little;
 * - else page breaks written out, each page filled short of the estimate so that no program needs
 *   a break of its own, and the last page carrying the body's last rows with what follows them.
 * Every program then prints the same pages (the page count docs/paper-trail.md states).
 * `body` is the sheet's data rows (0-based, inclusive).
 */
export function planPrintPages(sheet: XlsxSheet, fontSize: number, body: { first: number; last: number }): void {
  const print = sheet.print;
  if (!print) return;
  const area = printedArea(sheet);
  if (!area) return;
  let width = 0;
  for (let col = area.start.col; col <= area.end.col; col++)
    width += sheet.hiddenColumns?.includes(col) ? 0 : columnPoints(sheet.columnWidths?.[col] ?? DEFAULT_COLUMN_WIDTH);
  const page = printableSize(print);
  // The largest scale a program may print at: the narrowest digit makes the fewest rows fit a page.
  const scale = Math.min(1, page.width / width);
  const heights = printedRowHeights(sheet, fontSize, area.start.row, area.end.row);
  const heightOf = (row: number) => heights[row - area.start.row] ?? 0;
  const total = heights.reduce((sum, height) => sum + height, 0);
  if (total * scale <= page.height * PAGE_FILL) return;
  if (page.height / total >= scale * MIN_ONE_PAGE_SHRINK) {
    print.fitToHeight = 1;
    return;
  }
  const titles = print.titleRows ?? { first: area.start.row, last: area.start.row - 1 };
  let titleHeight = 0;
  for (let row = titles.first; row <= titles.last; row++) titleHeight += heightOf(row);
  const capacity = (page.height * PAGE_FILL) / scale;
  const breaks: number[] = [];
  let used = 0;
  for (let row = area.start.row; row <= area.end.row; row++) {
    if (used + heightOf(row) > capacity && used > titleHeight && row > titles.last) {
      breaks.push(row);
      used = titleHeight;
    }
    used += heightOf(row);
  }
  carryRowsToLastPage(breaks, heightOf, body, capacity - titleHeight, area.end.row);
  if (breaks.length) print.rowBreaks = breaks;
}

/** The rows and columns that print: the print area, else the rows and columns holding a value. */
function printedArea(sheet: XlsxSheet) {
  if (sheet.print?.area) return parseRange(sheet.print.area);
  const filled = [...sheet.cells].filter(([, cell]) => cell.value !== null && cell.value !== undefined).map(([a1]) => parseRange(a1).start);
  if (filled.length === 0) return undefined;
  return {
    start: { row: Math.min(...filled.map((cell) => cell.row)), col: Math.min(...filled.map((cell) => cell.col)) },
    end: { row: Math.max(...filled.map((cell) => cell.row)), col: Math.max(...filled.map((cell) => cell.col)) },
  };
}

/** Moves the last break up until the last page holds up to ROWS_CARRIED printed body rows, as long as the page holds them. */
function carryRowsToLastPage(breaks: number[], heightOf: (row: number) => number, body: { first: number; last: number }, room: number, lastRow: number): void {
  const last = breaks.at(-1);
  if (last === undefined) return;
  let carried = 0;
  for (let row = last; row <= Math.min(body.last, lastRow); row++) if (row >= body.first && heightOf(row) > 0) carried++;
  let height = 0;
  for (let row = last; row <= lastRow; row++) height += heightOf(row);
  let breakRow = last;
  const previous = breaks.at(-2) ?? body.first;
  for (let row = breakRow - 1; carried < ROWS_CARRIED && row > previous && row >= body.first; row--) {
    if (height + heightOf(row) > room) break;
    height += heightOf(row);
    breakRow = row;
    if (row <= body.last && heightOf(row) > 0) carried++;
  }
  breaks[breaks.length - 1] = breakRow;
}
