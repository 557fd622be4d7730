import type { XlsxReadSheet } from "../xlsx/model.ts";
import { XlsxReadError } from "../xlsx/model.ts";
import { XlsxLimitError, readXlsx } from "../xlsx/read-xlsx.ts";
import type { RosterData } from "./roster-data.ts";
import { STANDARD_ROSTER_LAYOUT } from "./roster-layout.ts";
import { ROSTER_MAX_ROWS } from "./roster-definition.ts";
import { CODE_ROW_SEARCH, RosterReadError, rosterFromSheets } from "./roster-from-sheets.ts";

export { ROSTER_CELL_TEXT_LIMIT, RosterReadError, isRosterWorkbook, rosterFromSheets } from "./roster-from-sheets.ts";
export type { RosterReadErrorCode, RosterSourceSheet } from "./roster-from-sheets.ts";

/**
 * Reads a roster workbook (the template filled in Excel, WPS, LibreOffice, openpyxl…): its unit
 * and period from _meta, the columns from the hidden code row, one row per student, the 说明
 * sheet's explanations. Bounded: no more rows than the largest roster, no cell kept past
 * ROSTER_CELL_TEXT_LIMIT characters, the .xlsx reader's limits on the file. Values stay as the
 * cells hold them (an ID stored as a number too): the engine judges them.
 */
export function readRosterWorkbook(bytes: Uint8Array): RosterData {
  return rosterFromSheets(readRosterXlsxSheets(bytes));
}

/** The sheets of an .xlsx file, read within a roster's bounds (RosterReadError beyond them, or for no .xlsx at all). */
export function readRosterXlsxSheets(bytes: Uint8Array): XlsxReadSheet[] {
  try {
    return readXlsx(bytes, { rows: STANDARD_ROSTER_LAYOUT.firstDataRow + CODE_ROW_SEARCH + ROSTER_MAX_ROWS }).sheets;
  } catch (error) {
    if (error instanceof XlsxLimitError) throw new RosterReadError("beyond-limits", error.messageZh, error.messageEn);
    if (error instanceof XlsxReadError) throw new RosterReadError("not-xlsx", error.message, error.message);
    throw error;
  }
}
