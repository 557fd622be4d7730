// Where a sheet's pages break (shared/workbook/print-pages.ts), without a printer: a form that fits
// prints as it is, one a little taller shrinks onto one page, a long one gets its breaks written out
// so that every page holds data rows and the last carries some with the notes and signature line.
import { describe, expect, it } from "vitest";
import { planPrintPages } from "../../../shared/workbook/print-pages.ts";
import { toA1 } from "../../../shared/xlsx/cell-address.ts";
import type { XlsxSheet } from "../../../shared/xlsx/model.ts";
import { printableSize } from "../../../shared/xlsx/page-geometry.ts";

/** A form: three title rows, a 60-point heading row, `rows` data rows, a blank row, two note lines and a signature line. */
function form(rows: number, hidden: number[] = []): { sheet: XlsxSheet; body: { first: number; last: number }; last: number } {
  const body = { first: 4, last: 3 + rows };
  const last = body.last + 4;
  const sheet: XlsxSheet = {
    name: "教扶06",
    cells: new Map(Array.from({ length: last + 1 }, (_, row) => [toA1(row, 0), { value: `第 ${row} 行` }])),
    columnWidths: { 0: 30, 1: 30, 2: 30 },
    rowHeights: { 3: 60 },
    hiddenRows: hidden,
    print: { orientation: "landscape", fitToWidth: 1, fitToHeight: 0, area: `A1:C${last + 1}`, titleRows: { first: 0, last: 3 } },
  };
  return { sheet, body, last };
}

/** The rows of each page, from the breaks written. */
const pagesOf = (sheet: XlsxSheet, last: number) =>
  [0, ...(sheet.print?.rowBreaks ?? [])].map((start, index, starts) => ({ start, end: (starts[index + 1] ?? last + 1) - 1 }));

describe("planning a sheet's pages", () => {
  const page = printableSize({ orientation: "landscape" });

  it("leaves a form that fits one page as it is", () => {
    const { sheet, body } = form(10);
    planPrintPages(sheet, 11, body);
    expect(sheet.print).toMatchObject({ fitToWidth: 1, fitToHeight: 0 });
    expect(sheet.print?.rowBreaks).toBeUndefined();
  });

  it("shrinks a form a little taller than a page onto one (教扶01 of the consolidated workbook with its long notes)", () => {
    const rows = Math.ceil((page.height - 105 - 60) / 15) + 2;
    const { sheet, body } = form(rows);
    planPrintPages(sheet, 11, body);
    expect(sheet.print).toMatchObject({ fitToHeight: 1 });
    expect(sheet.print?.rowBreaks).toBeUndefined();
  });

  it("breaks a long list into pages that each hold data rows and fit, the last carrying at least three with the notes and signature line", () => {
    // Some of these lengths leave a greedy last page with the notes and signature line alone.
    for (let rows = 100; rows <= 260; rows++) {
      const { sheet, body, last } = form(rows);
      planPrintPages(sheet, 11, body);
      expect(sheet.print?.fitToHeight).toBe(0);
      const pages = pagesOf(sheet, last);
      expect(pages.length, `${rows} rows`).toBeGreaterThan(3);
      for (const { start, end } of pages) {
        expect(start <= body.last && end >= body.first, `${rows} rows: ${start}–${end}`).toBe(true);
        // The page's rows (the first page's include the titles), after the first page below the repeated titles:
        // three rows and the 60-point heading row, 105 points.
        const height = (start === 0 ? 45 : 105) + (end - start + 1) * 15;
        expect(height, `${rows} rows: ${start}–${end}`).toBeLessThanOrEqual(page.height);
      }
      expect(body.last - pages.at(-1)!.start + 1, `${rows} rows`).toBeGreaterThanOrEqual(3);
    }
  });

  it("counts only the rows that print: hidden ones take no room and are not carried", () => {
    const { sheet, body, last } = form(
      200,
      Array.from({ length: 150 }, (_, index) => 10 + index),
    );
    planPrintPages(sheet, 11, { ...body });
    const pages = pagesOf(sheet, last);
    const printed = (start: number, end: number) =>
      Array.from({ length: end - start + 1 }, (_, index) => start + index).filter((row) => row < 10 || row >= 160);
    for (const { start, end } of pages) expect(printed(start, end).some((row) => row >= body.first && row <= body.last)).toBe(true);
  });
});
