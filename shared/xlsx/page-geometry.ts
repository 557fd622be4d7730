// The page a sheet prints on: the paper, the margins the writer gives every sheet, and what that
// leaves for the cells, in points (1/72 inch).

import type { XlsxPrintSetup } from "./model.ts";

/** Margins in inches, as pageMargins writes them (the footer sits inside the bottom margin). */
export const PAGE_MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 } as const;

/** Paper sizes by Excel's code, portrait width × height in points: 9 A4, 8 A3, 1 Letter. */
const PAPER: Record<number, readonly [number, number]> = { 1: [612, 792], 8: [841.89, 1190.55], 9: [595.28, 841.89] };

/** The part of the page the cells print on, in points. */
export function printableSize(print: XlsxPrintSetup): { width: number; height: number } {
  const [short, long] = PAPER[print.paperSize ?? 9] ?? (PAPER[9] as readonly [number, number]);
  const [width, height] = print.orientation === "landscape" ? [long, short] : [short, long];
  return { width: width - (PAGE_MARGINS.left + PAGE_MARGINS.right) * 72, height: height - (PAGE_MARGINS.top + PAGE_MARGINS.bottom) * 72 };
}

/** A column's width in points, from its width in characters: the digit width of an 11-point font (7 pixels) at 96 pixels per inch. */
export const columnPoints = (characters: number): number => (characters * 7 * 72) / 96;
