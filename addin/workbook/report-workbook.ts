import type { OutlierRanges } from "../../shared/quality/outlier-ranges.ts";
import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import type { RosterCountsByCounty } from "../../shared/roster/roster-counts-sheet.ts";
import type { RosterSourceSheet } from "../../shared/roster/roster-from-sheets.ts";
import type { CellValue, Explanation, ReportData } from "../../shared/report/report-data.ts";

/**
 * What the task pane needs from the workbook it runs in. The UI logic only ever talks to this
 * interface: the Excel adapter (addin/excel/) implements it over office.js; the tests' in-memory
 * workbook (test/support/memory-workbook.ts) over plain maps.
 */
export interface ReportWorkbook {
  /** The report this workbook holds according to its _meta sheet; undefined when it holds none. */
  readIdentity(): Promise<WorkbookIdentity | undefined>;
  /**
   * The sheets of the roster (教扶10) this workbook holds, when its _meta says roster: _meta, the
   * roster sheet and 说明, as cells by A1 for the one roster reader; undefined when it holds none.
   * Changes come through watchChanges and readBlocks, as a report's do.
   */
  readRosterSheets?(): Promise<RosterSourceSheet[] | undefined>;
  /** Every value of the report through the layout, the explanations in 说明 and the previous period's values in _prev. */
  readReport(layout: WorkbookLayout): Promise<WorkbookContents>;
  /**
   * The current values of several blocks at once (a changed cell or block, and the formula cells it
   * may have changed). Throws SheetsChangedError when a sheet is gone: the caller reads the report again.
   */
  readBlocks(blocks: CellBlockAddress[]): Promise<CellValue[][][]>;
  /** Calls the listener for every change the clerk, or a co-author, makes on one of these sheets. Replaces an earlier listener. */
  watchChanges(sheetNames: string[], listener: (change: CellsChanged) => void): Promise<void>;
  /**
   * Calls the listener with the sheet's name whenever the clerk moves the selection on one of these
   * sheets: Excel raises no change event for some edits (a pick from a data-validation list), and the
   * next move is when the caller can catch up. Only where there is a selection (Excel, not a file).
   */
  watchSelection?(sheetNames: string[], listener: (sheetName: string) => void): Promise<void>;
  /**
   * The explanations the 说明 sheet holds now: read back because the clerk's Ctrl+Z takes the pane's
   * writes away without an event. None when the sheet is missing.
   */
  readExplanations(layout: WorkbookLayout): Promise<Explanation[]>;
  /** Replaces the explanation rows of the 说明 sheet (from its first data row), as text. */
  writeExplanations(layout: WorkbookLayout, rows: CellValue[][]): Promise<void>;
  selectCell(sheetName: string, a1: string): Promise<void>;
  /** The active cell: where the reviewer clicked. */
  readSelectedCell(): Promise<SelectedCell | undefined>;
  /**
   * Puts the server's template (.xlsx, base64) into this workbook; where it cannot (the workbook has
   * sheets of those names, or Excel cannot insert sheets) it opens it as a new workbook, and where
   * Excel cannot do that either the pane offers the file for download.
   */
  insertTemplate(base64: string, sheetNames: string[]): Promise<TemplatePlacement>;
  /** Opens an .xlsx (base64) as a new workbook (a revision, the consolidated workbook), or says it cannot. */
  openWorkbook(base64: string): Promise<"opened" | "download">;
  /**
   * The submit queue saved in this workbook (JSON text; "" when there is none), as the document holds
   * it now: a co-author's pane may have changed it since this one last looked.
   */
  readSubmitQueue(): Promise<string>;
  /** Calls the listener when a co-author's pane has changed the saved queue, where Excel says so (on the web). */
  watchSubmitQueue?(listener: () => void): Promise<void>;
  /**
   * Keeps the queue in the open workbook (never saving the workbook: that is the clerk's to do); says
   * whether it is in the file ("saved"), in the open workbook until the clerk saves it ("unsaved"), in
   * a workbook that has no file yet ("no-file": the clerk must 另存为 it in Excel), or in neither
   * because it is more than the settings hold ("too-large").
   */
  writeSubmitQueue(json: string): Promise<QueueStorage>;
  /** The clerk's 保存: saves the workbook where it has a file and Excel lets an add-in save it; says what it did. */
  saveWorkbook(): Promise<WorkbookSave>;
}

export type TemplatePlacement = "inserted" | "opened" | "opened-sheets-exist" | "download";
/** "too-large": the queue is more than a workbook's settings can hold (ExcelReportWorkbook.writeSubmitQueue). */
export type QueueStorage = "saved" | "unsaved" | "no-file" | "too-large";
/** "unsupported": this Excel does not let an add-in save (below ExcelApi 1.11), or the page has no workbook to save. */
export type WorkbookSave = "saved" | "no-file" | "unsupported";

export interface WorkbookIdentity {
  edition: string;
  unitCode: string;
  period: string;
  checksum: string;
}

export interface WorkbookContents {
  report: ReportData;
  /** The previous period's accepted values, when the template carried them. */
  previous?: ReportData;
  /** The counties' latest roster counts the template carried on _roster (a period that requires rosters): X10.1 offline. */
  rosterCounts?: RosterCountsByCounty;
  /** The outlier ranges of the template's _ranges sheet (O01), when it carried them. */
  ranges?: OutlierRanges;
  /** Sheets of the layout the workbook no longer has (deleted, or renamed before the pane started). */
  missingSheets: string[];
}

export interface CellBlockAddress {
  sheetName: string;
  /** "C7", "C7:E9". */
  address: string;
}

export interface CellsChanged {
  sheetName: string;
  /** A1 of the changed cell or block: "C7", "C7:E9"; whole rows or columns: "7:8", "C:C". */
  address: string;
  /** Made by a co-author in their own Excel (Excel.EventSource remote), not in this one. */
  remote?: boolean;
}

export interface SelectedCell {
  sheetName: string;
  /** A1 of one cell: "E7". */
  a1: string;
}

/** A sheet the pane follows is no longer in the workbook (deleted while the pane was open). */
export class SheetsChangedError extends Error {
  constructor() {
    super("工作簿的工作表已改变 / the workbook's sheets changed");
  }
}
