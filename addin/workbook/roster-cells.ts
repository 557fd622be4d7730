import type { RosterSourceSheet } from "../../shared/roster/roster-from-sheets.ts";
import type { CellValue } from "../../shared/report/report-data.ts";
import { parseRange, toA1 } from "../../shared/xlsx/cell-address.ts";
import { cellValue } from "./report-blocks.ts";

/**
 * A roster workbook's sheets as the one roster reader reads them (shared/roster/roster-from-sheets.ts):
 * cells by A1, blanks left out, from the values Excel gives for a range whose top-left cell is at
 * (rowIndex, columnIndex); and patched in place as the clerk types, one changed block at a time.
 */
export function rosterSheetFromValues(name: string, values: CellValue[][], rowIndex = 0, columnIndex = 0): RosterSourceSheet {
  const sheet: RosterSourceSheet = { name, cells: new Map() };
  patchRosterSheet(sheet, rowIndex, columnIndex, values);
  return sheet;
}

/** Puts a block's values (top-left at rowIndex, columnIndex) into the sheet's cells: a blank takes its cell out. */
export function patchRosterSheet(sheet: RosterSourceSheet, rowIndex: number, columnIndex: number, values: CellValue[][]): void {
  values.forEach((row, rowOffset) =>
    row.forEach((raw, columnOffset) => {
      const a1 = toA1(rowIndex + rowOffset, columnIndex + columnOffset);
      const value = cellValue(raw);
      if (value === null) sheet.cells.delete(a1);
      else sheet.cells.set(a1, { value });
    }),
  );
}

/** The top-left corner of a block's A1 address ("C7:E9"), or undefined for whole rows or columns ("7:8", "C:C"): those are read again in full. */
export function blockOrigin(address: string): { row: number; col: number } | undefined {
  if (!/^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/i.test(address)) return undefined;
  const { start } = parseRange(address.replaceAll("$", ""));
  return { row: start.row, col: start.col };
}
