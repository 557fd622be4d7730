import { META_SHEET_NAME } from "../../shared/layout/workbook-layout.ts";
import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import type { CellValue } from "../../shared/report/report-data.ts";
import { contentsFromBlocks, EXPLANATION_ROWS_CLEARED, explanationsAddress, identityFromMeta, metaAddress, sheetBlock } from "../workbook/report-blocks.ts";
import type { CellsChanged, ReportWorkbook, SelectedCell, WorkbookContents, WorkbookIdentity } from "../workbook/report-workbook.ts";

/** The document setting that holds the submit queue: it is saved inside the workbook file. */
export const SUBMIT_QUEUE_SETTING = "tianbao.submitQueue";

/**
 * The one module that talks to Excel (office.js). Every operation is one Excel.run batch with as
 * few context.sync() calls as it can: a whole-report read is 1, a change event 1, a write 1.
 * Nothing above ExcelApi 1.8 is used outside an isSetSupported guard (test/addin/excel-api-level.test.ts).
 */
export class ExcelReportWorkbook implements ReportWorkbook {
  /** Worksheet names by id, from the last readIdentity(): change events name sheets by id. */
  private sheetNamesById = new Map<string, string>();
  /** Excel keeps handlers for the life of the pane: each sheet gets one, which calls the current listener. */
  private readonly watchedSheets = new Set<string>();
  private changeListener: ((change: CellsChanged) => void) | undefined;

  async readIdentity(): Promise<WorkbookIdentity | undefined> {
    return Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name,items/id");
      await context.sync();
      this.sheetNamesById = new Map(worksheets.items.map((sheet) => [sheet.id, sheet.name]));
      if (!worksheets.items.some((sheet) => sheet.name === META_SHEET_NAME)) return undefined;
      const meta = worksheets.getItem(META_SHEET_NAME).getRange(metaAddress()).load("values");
      await context.sync();
      return identityFromMeta(meta.values as CellValue[][]);
    });
  }

  async readReport(layout: WorkbookLayout): Promise<WorkbookContents> {
    const present = new Set(this.sheetNamesById.values());
    return Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const blocks = layout.sheets
        .filter((sheetLayout) => present.has(sheetLayout.name))
        .map((sheetLayout) => {
          const block = sheetBlock(sheetLayout);
          return { block, range: worksheets.getItem(sheetLayout.name).getRange(block.address).load("values") };
        });
      const explanations = present.has(layout.explanations.name) ? worksheets.getItem(layout.explanations.name).getUsedRange(true).load("values,rowIndex") : undefined;
      const previous = present.has(layout.previous.name) ? worksheets.getItem(layout.previous.name).getUsedRange(true).load("values") : undefined;
      await context.sync();
      const explanationRows = explanations ? (explanations.values as CellValue[][]).slice(Math.max(0, layout.explanations.firstDataRow - explanations.rowIndex)) : [];
      return contentsFromBlocks(
        layout,
        blocks.map(({ block, range }) => ({ block, values: range.values as CellValue[][] })),
        explanationRows,
        previous?.values as CellValue[][] | undefined,
      );
    });
  }

  async readCells(sheetName: string, address: string): Promise<CellValue[][]> {
    return Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem(sheetName).getRange(address).load("values");
      await context.sync();
      return range.values as CellValue[][];
    });
  }

  async watchChanges(sheetNames: string[], listener: (change: CellsChanged) => void): Promise<void> {
    this.changeListener = listener;
    const present = new Set(this.sheetNamesById.values());
    const unwatched = sheetNames.filter((sheetName) => present.has(sheetName) && !this.watchedSheets.has(sheetName));
    if (unwatched.length === 0) return;
    await Excel.run(async (context) => {
      for (const name of unwatched) {
        // Worksheet.onChanged is ExcelApi 1.7 (the collection's onChanged would need 1.9). Only the
        // address is used: `details` is missing for paste, fill and multi-cell edits.
        context.workbook.worksheets.getItem(name).onChanged.add(async (event) => {
          const sheetName = this.sheetNamesById.get(event.worksheetId);
          if (sheetName) this.changeListener?.({ sheetName, address: event.address });
        });
      }
      await context.sync();
    });
    for (const name of unwatched) this.watchedSheets.add(name);
  }

  async writeExplanations(layout: WorkbookLayout, rows: CellValue[][]): Promise<void> {
    await Excel.run(async (context) => {
      // Own writes raise no change events, so the pane never re-processes them.
      context.runtime.enableEvents = false;
      const sheet = context.workbook.worksheets.getItem(layout.explanations.name);
      sheet.getRange(explanationsAddress(layout, EXPLANATION_ROWS_CLEARED)).clear("Contents");
      if (rows.length > 0) sheet.getRange(explanationsAddress(layout, rows.length)).values = rows;
      context.runtime.enableEvents = true;
      await context.sync();
    });
  }

  async selectCell(sheetName: string, a1: string): Promise<void> {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(a1).select();
      await context.sync();
    });
  }

  async readSelectedCell(): Promise<SelectedCell> {
    return Excel.run(async (context) => {
      const cell = context.workbook.getActiveCell().load("address");
      const sheet = cell.worksheet.load("name");
      await context.sync();
      // The address names the sheet too ("'教扶04 教师队伍提升'!E7"); the A1 part follows the last "!".
      return { sheetName: sheet.name, a1: cell.address.slice(cell.address.lastIndexOf("!") + 1) };
    });
  }

  async insertTemplate(base64: string): Promise<"inserted" | "opened"> {
    if (Office.context.requirements.isSetSupported("ExcelApi", "1.13")) {
      await Excel.run(async (context) => {
        context.workbook.insertWorksheetsFromBase64(base64);
        await context.sync();
      });
      return "inserted";
    }
    await Excel.createWorkbook(base64);
    return "opened";
  }

  async openWorkbook(base64: string): Promise<void> {
    await Excel.createWorkbook(base64);
  }

  async readSubmitQueue(): Promise<string> {
    const saved: unknown = Office.context.document.settings.get(SUBMIT_QUEUE_SETTING);
    return typeof saved === "string" ? saved : "";
  }

  async writeSubmitQueue(json: string): Promise<void> {
    const settings = Office.context.document.settings;
    if (json) settings.set(SUBMIT_QUEUE_SETTING, json);
    else settings.remove(SUBMIT_QUEUE_SETTING);
    await new Promise<void>((resolve, reject) =>
      settings.saveAsync((result) => (result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error(result.error.message)))),
    );
  }
}
