import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import type { CellValue, ReportData } from "../../shared/report/report-data.ts";

/**
 * What the task pane needs from the workbook it runs in. The UI logic only ever talks to this
 * interface: the Excel adapter (addin/excel/) implements it over office.js, the in-memory workbook
 * over plain maps (tests, browser tests, bench).
 */
export interface ReportWorkbook {
  /** The report this workbook holds according to its _meta sheet; undefined when it holds none. */
  readIdentity(): Promise<WorkbookIdentity | undefined>;
  /** Every value of the report through the layout, the explanations in 说明 and the previous period's values in _prev. */
  readReport(layout: WorkbookLayout): Promise<WorkbookContents>;
  /** The current values of a range that changed (a single cell or a block: paste, fill). */
  readCells(sheetName: string, address: string): Promise<CellValue[][]>;
  /** Calls the listener for every change the clerk makes on one of these sheets, never for the pane's own writes. Replaces an earlier listener. */
  watchChanges(sheetNames: string[], listener: (change: CellsChanged) => void): Promise<void>;
  /** Replaces the explanation rows of the 说明 sheet (from its first data row). */
  writeExplanations(layout: WorkbookLayout, rows: CellValue[][]): Promise<void>;
  selectCell(sheetName: string, a1: string): Promise<void>;
  /** The active cell: where the reviewer clicked. */
  readSelectedCell(): Promise<SelectedCell | undefined>;
  /** Puts the server's template (.xlsx, base64) into this workbook, or opens it as a new workbook where Excel cannot insert sheets. */
  insertTemplate(base64: string): Promise<"inserted" | "opened">;
  /** Opens an .xlsx (base64) as a new workbook (a revision, the consolidated workbook). */
  openWorkbook(base64: string): Promise<void>;
  /** The submit queue saved in this workbook (JSON text; "" when there is none). */
  readSubmitQueue(): Promise<string>;
  writeSubmitQueue(json: string): Promise<void>;
}

export interface WorkbookIdentity {
  edition: string;
  prefectureCode: string;
  period: string;
  checksum: string;
}

export interface WorkbookContents {
  report: ReportData;
  /** The previous period's accepted values, when the template carried them. */
  previous?: ReportData;
}

export interface CellsChanged {
  sheetName: string;
  /** A1 of the changed cell or block: "C7", "C7:E9". */
  address: string;
}

export interface SelectedCell {
  sheetName: string;
  /** A1 of one cell: "E7". */
  a1: string;
}
