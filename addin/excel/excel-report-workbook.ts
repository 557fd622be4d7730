import { RANGES_SHEET_NAME } from "../../shared/workbook/ranges-sheet.ts";
import { META_SHEET_NAME } from "../../shared/layout/workbook-layout.ts";
import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import type { CellValue, Explanation } from "../../shared/report/report-data.ts";
import { explanationsFromRows } from "../../shared/workbook/explanation-rows.ts";
import {
  contentsFromBlocks,
  EXPLANATION_ROWS_CLEARED,
  explanationsAddress,
  identityFromMeta,
  metaAddress,
  sheetBlock,
  valuesFromA1,
} from "../workbook/report-blocks.ts";
import { SheetsChangedError } from "../workbook/report-workbook.ts";
import { ROSTER_COUNTS_SHEET } from "../../shared/roster/roster-counts-sheet.ts";
import { isRosterWorkbook } from "../../shared/roster/roster-from-sheets.ts";
import type { RosterSourceSheet } from "../../shared/roster/roster-from-sheets.ts";
import { ROSTER } from "../../shared/roster/roster-definition.ts";
import { ROSTER_META_SHEET_NAME } from "../../shared/roster/roster-meta.ts";
import { toA1 } from "../../shared/xlsx/cell-address.ts";
import { patchRosterSheet, rosterSheetFromValues } from "../workbook/roster-cells.ts";
import type {
  CellBlockAddress,
  CellsChanged,
  QueueStorage,
  ReportWorkbook,
  SelectedCell,
  TemplatePlacement,
  WorkbookContents,
  WorkbookSave,
  WorkbookIdentity,
} from "../workbook/report-workbook.ts";

/** The document setting that holds the submit queue: it is saved inside the workbook file. */
export const SUBMIT_QUEUE_SETTING = "tianbao.submitQueue";

/**
 * How much document settings hold, as UTF-8: Microsoft documents no figure, but answered "We only
 * support 2MB maximum for settings" (OfficeDev/office-js #621), and saves were seen failing from about
 * 1 MB (#3957, Excel 2021). A larger queue is not tried; a failed save above 1 MB is put down to size.
 */
export const SETTINGS_LIMIT_BYTES = 2 * 1024 * 1024;
const SETTINGS_SEEN_FAILING_BYTES = 1024 * 1024;

/**
 * Every batch waits while the clerk is editing a cell instead of failing: the clerk may click in the
 * pane with a cell still in edit mode (RunOptions.delayForCellEdit; a host that ignores it fails the
 * batch with InvalidOperationInCellEditMode, which the pane reports).
 */
const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => Excel.run({ delayForCellEdit: true }, batch);

/**
 * Queues the loads `load` makes and syncs; where the running Excel calculates manually
 * (Application.calculationMode, ExcelApi 1.1: a setting of the Excel session, not of the file)
 * recalculates as F9 does (Application.calculate) and loads again: formula cells would otherwise hold
 * results from before the clerk's last edits, and the pane would call them the clerk's errors. One
 * sync in automatic mode, two in manual.
 */
async function loadCalculated<T>(context: Excel.RequestContext, load: () => T): Promise<T> {
  const application = context.workbook.application.load("calculationMode");
  const loaded = load();
  await context.sync();
  if (application.calculationMode !== Excel.CalculationMode.manual) return loaded;
  application.calculate(Excel.CalculationType.recalculate);
  const recalculated = load();
  await context.sync();
  return recalculated;
}

/**
 * Rows of the roster sheet read in one request: 5,000 rows of six fields are well under the 5 MB
 * Excel on the web allows a request (a 40,000-row roster is 8 reads, a county's 10,000 two).
 */
export const ROSTER_READ_CHUNK_ROWS = 5_000;

const isItemNotFound = (error: unknown) => (error as { code?: string } | undefined)?.code === "ItemNotFound";

/**
 * The one module that talks to Excel (office.js). Every operation is one Excel.run batch with as
 * few context.sync() calls as it can: a whole-report read is 1, a change event 1, a write 1.
 * Sheets are followed by id once found by name, so a sheet renamed while the pane is open is still
 * read. The add-in needs ExcelApi 1.7; anything above sits behind an isSetSupported guard
 * (test/addin/excel-api-level.test.ts).
 */
export class ExcelReportWorkbook implements ReportWorkbook {
  /** Worksheet ids by the name the layout gives the sheet, and back: change events name sheets by id. */
  private idsByName = new Map<string, string>();
  private namesById = new Map<string, string>();
  /** Excel keeps handlers for the life of the pane: each sheet gets one, which calls the current listener. */
  private readonly watchedIds = new Set<string>();
  private changeListener: ((change: CellsChanged) => void) | undefined;
  /** The same for selection changes. */
  private readonly selectionWatchedIds = new Set<string>();
  private selectionListener: ((sheetName: string) => void) | undefined;
  /** The one settingsChanged handler calls it: see watchSubmitQueue. */
  private queueListener: (() => void) | undefined;

  async readIdentity(): Promise<WorkbookIdentity | undefined> {
    return run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name,items/id");
      await context.sync();
      this.followSheets(worksheets.items);
      const metaId = this.idsByName.get(META_SHEET_NAME);
      if (!metaId) return undefined;
      const meta = worksheets.getItem(metaId).getRange(metaAddress()).load("values");
      await context.sync();
      return identityFromMeta(meta.values as CellValue[][]);
    });
  }

  /** _meta first (one look tells a roster from a report), then 说明 and the roster sheet's used range in chunks of ROSTER_READ_CHUNK_ROWS rows. */
  async readRosterSheets(chunkRows = ROSTER_READ_CHUNK_ROWS): Promise<RosterSourceSheet[] | undefined> {
    return run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name,items/id");
      await context.sync();
      this.followSheets(worksheets.items);
      const sheet = (name: string) => {
        const id = this.idsByName.get(name);
        return id === undefined ? undefined : context.workbook.worksheets.getItem(id);
      };
      const used = (name: string) => sheet(name)?.getUsedRange(true).load("values,rowIndex,columnIndex");
      const metaRange = used(ROSTER_META_SHEET_NAME);
      if (!metaRange) return undefined;
      await context.sync();
      const fromRange = (name: string, range: Excel.Range) => rosterSheetFromValues(name, range.values as CellValue[][], range.rowIndex, range.columnIndex);
      const meta = fromRange(ROSTER_META_SHEET_NAME, metaRange);
      if (!isRosterWorkbook([meta])) return undefined;
      const explanations = used(ROSTER.explanationsSheetName);
      const rosterSheet = sheet(ROSTER.sheetName);
      const extent = rosterSheet?.getUsedRange(true).load("rowIndex,columnIndex,rowCount,columnCount");
      await context.sync();
      const sheets = [meta, ...(explanations ? [fromRange(ROSTER.explanationsSheetName, explanations)] : [])];
      if (!rosterSheet || !extent) return sheets;
      const rows = rosterSheetFromValues(ROSTER.sheetName, []);
      const end = extent.rowIndex + extent.rowCount;
      // One request a chunk, one after another (never all in one sync: that is what would pass 5 MB).
      const readFrom = async (top: number): Promise<void> => {
        if (top >= end) return;
        const bottom = Math.min(top + chunkRows, end) - 1;
        const chunk = rosterSheet.getRange(`${toA1(top, extent.columnIndex)}:${toA1(bottom, extent.columnIndex + extent.columnCount - 1)}`).load("values");
        await context.sync();
        patchRosterSheet(rows, top, extent.columnIndex, chunk.values as CellValue[][]);
        return readFrom(top + chunkRows);
      };
      await readFrom(extent.rowIndex);
      return [...sheets, rows];
    });
  }

  async readReport(layout: WorkbookLayout): Promise<WorkbookContents> {
    try {
      return await this.readReportOnce(layout);
    } catch (error) {
      // A sheet was deleted since the pane last looked: look again, then read what is there.
      if (!isItemNotFound(error)) throw error;
      await this.readIdentity();
      return this.readReportOnce(layout);
    }
  }

  private readReportOnce(layout: WorkbookLayout): Promise<WorkbookContents> {
    return run(async (context) => {
      const sheet = (name: string) => {
        const id = this.idsByName.get(name);
        return id === undefined ? undefined : context.workbook.worksheets.getItem(id);
      };
      const { blocks, explanations, previous, roster, ranges } = await loadCalculated(context, () => ({
        blocks: layout.sheets.flatMap((sheetLayout) => {
          const worksheet = sheet(sheetLayout.name);
          const block = sheetBlock(sheetLayout);
          return worksheet ? [{ block, range: worksheet.getRange(block.address).load("values") }] : [];
        }),
        explanations: sheet(layout.explanations.name)?.getUsedRange(true).load("values,rowIndex,columnIndex"),
        previous: sheet(layout.previous.name)?.getUsedRange(true).load("values,rowIndex,columnIndex"),
        roster: sheet(ROSTER_COUNTS_SHEET)?.getUsedRange(true).load("values,rowIndex,columnIndex"),
        ranges: sheet(RANGES_SHEET_NAME)?.getUsedRange(true).load("values,rowIndex,columnIndex"),
      }));
      const fromA1 = (range: Excel.Range) => valuesFromA1(range.values as CellValue[][], range.rowIndex, range.columnIndex);
      return contentsFromBlocks(
        layout,
        blocks.map(({ block, range }) => ({ block, values: range.values as CellValue[][] })),
        explanations ? fromA1(explanations).slice(layout.explanations.firstDataRow) : [],
        previous ? fromA1(previous) : undefined,
        roster ? fromA1(roster) : undefined,
        ranges ? fromA1(ranges) : undefined,
      );
    });
  }

  async readBlocks(blocks: CellBlockAddress[]): Promise<CellValue[][][]> {
    try {
      return await run(async (context) => {
        const ranges = await loadCalculated(context, () =>
          blocks.map(({ sheetName, address }) => context.workbook.worksheets.getItem(this.idOf(sheetName)).getRange(address).load("values")),
        );
        return ranges.map((range) => range.values as CellValue[][]);
      });
    } catch (error) {
      throw isItemNotFound(error) ? new SheetsChangedError() : error;
    }
  }

  async watchChanges(sheetNames: string[], listener: (change: CellsChanged) => void): Promise<void> {
    this.changeListener = listener;
    const unwatched = this.idsNotIn(this.watchedIds, sheetNames);
    if (unwatched.length === 0) return;
    await run(async (context) => {
      for (const id of unwatched) {
        // Worksheet.onChanged is ExcelApi 1.7 (the collection's onChanged would need 1.9). Only the
        // address is used: `details` is missing for paste, fill and multi-cell edits.
        context.workbook.worksheets.getItem(id).onChanged.add(async (event) => {
          const sheetName = this.namesById.get(event.worksheetId);
          if (sheetName) this.changeListener?.({ sheetName, address: event.address, ...(event.source === Excel.EventSource.remote ? { remote: true } : {}) });
        });
      }
      await context.sync();
    });
    for (const id of unwatched) this.watchedIds.add(id);
  }

  /**
   * Worksheet.onSelectionChanged (ExcelApi 1.7, as onChanged). Picking a value from a data-validation
   * list raises no onChanged on Excel on the web (OfficeDev/office-js #3888, #4066) and, as reported,
   * on Windows (#420, a commenter on #3888): the clerk's next click or Enter is how the pane hears of it.
   */
  async watchSelection(sheetNames: string[], listener: (sheetName: string) => void): Promise<void> {
    this.selectionListener = listener;
    const unwatched = this.idsNotIn(this.selectionWatchedIds, sheetNames);
    if (unwatched.length === 0) return;
    await run(async (context) => {
      for (const id of unwatched) {
        context.workbook.worksheets.getItem(id).onSelectionChanged.add(async (event) => {
          const sheetName = this.namesById.get(event.worksheetId);
          if (sheetName) this.selectionListener?.(sheetName);
        });
      }
      await context.sync();
    });
    for (const id of unwatched) this.selectionWatchedIds.add(id);
  }

  async readExplanations(layout: WorkbookLayout): Promise<Explanation[]> {
    const id = this.idsByName.get(layout.explanations.name);
    if (id === undefined) return [];
    try {
      return await run(async (context) => {
        const used = context.workbook.worksheets.getItem(id).getUsedRange(true).load("values,rowIndex,columnIndex");
        await context.sync();
        const rows = valuesFromA1(used.values as CellValue[][], used.rowIndex, used.columnIndex).slice(layout.explanations.firstDataRow);
        return explanationsFromRows(layout, rows);
      });
    } catch (error) {
      if (isItemNotFound(error)) return []; // 说明 deleted since: missingSheets says so on the next full read
      throw error;
    }
  }

  async writeExplanations(layout: WorkbookLayout, rows: CellValue[][]): Promise<void> {
    // 说明 is not watched, so this write raises no event the pane listens to: no need to turn events off.
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(this.idOf(layout.explanations.name));
      sheet.getRange(explanationsAddress(layout, EXPLANATION_ROWS_CLEARED)).clear("Contents");
      if (rows.length > 0) {
        const range = sheet.getRange(explanationsAddress(layout, rows.length));
        // Text format first: an explanation typed as "=…" or "0012" is kept as the clerk wrote it, not turned into a formula or a number.
        range.numberFormat = rows.map((row) => row.map(() => "@"));
        range.values = rows.map((row) => row.map((cell) => (cell === null ? "" : String(cell))));
      }
      await context.sync();
    });
  }

  async selectCell(sheetName: string, a1: string): Promise<void> {
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(this.idOf(sheetName));
      sheet.activate();
      sheet.getRange(a1).select();
      await context.sync();
    });
  }

  async readSelectedCell(): Promise<SelectedCell> {
    return run(async (context) => {
      const cell = context.workbook.getActiveCell().load("address");
      const sheet = cell.worksheet.load("name,id");
      await context.sync();
      // The address names the sheet too ("'教扶04 教师队伍提升'!E7"); the A1 part follows the last "!".
      return { sheetName: this.namesById.get(sheet.id) ?? sheet.name, a1: cell.address.slice(cell.address.lastIndexOf("!") + 1) };
    });
  }

  async insertTemplate(base64: string, sheetNames: string[]): Promise<TemplatePlacement> {
    if (Office.context.requirements.isSetSupported("ExcelApi", "1.13")) {
      try {
        const inserted = await run(async (context) => {
          const worksheets = context.workbook.worksheets;
          worksheets.load("items/name");
          await context.sync();
          // Excel would insert a second 封面 as "封面 (2)": a workbook with any of the sheets (an old or damaged report) gets a new workbook instead.
          const taken = new Set(worksheets.items.map((sheet) => sheet.name.toLowerCase()));
          if (sheetNames.some((name) => taken.has(name.toLowerCase()))) return false;
          context.workbook.insertWorksheetsFromBase64(base64);
          await context.sync();
          return true;
        });
        if (!inserted) return (await this.openWorkbook(base64)) === "opened" ? "opened-sheets-exist" : "download";
        return "inserted";
      } catch {
        // Excel on iPad reports ExcelApi 1.13 but cannot insert sheets; Excel on the web refuses some content: open it instead.
      }
    }
    return (await this.openWorkbook(base64)) === "opened" ? "opened" : "download";
  }

  async openWorkbook(base64: string): Promise<"opened" | "download"> {
    if (Office.context.requirements.isSetSupported("ExcelApi", "1.8")) {
      await Excel.createWorkbook(base64);
      return "opened";
    }
    return "download";
  }

  /**
   * Refreshes the settings first: each co-author's add-in holds the copy the document had when it
   * opened, until Settings.refreshAsync reads what the document holds now (a co-author's saveAsync).
   */
  async readSubmitQueue(): Promise<string> {
    const settings = Office.context.document.settings;
    await new Promise<void>((resolve) => settings.refreshAsync(() => resolve()));
    const saved: unknown = settings.get(SUBMIT_QUEUE_SETTING);
    return typeof saved === "string" ? saved : "";
  }

  /**
   * Settings' settingsChanged: a co-author's add-in saved them (it fires only on Excel on the web, when
   * co-authoring). One handler for the life of the pane, calling the current listener (a reconnect brings a new one).
   */
  async watchSubmitQueue(listener: () => void): Promise<void> {
    const registered = this.queueListener !== undefined;
    this.queueListener = listener;
    if (registered) return;
    await new Promise<void>((resolve) =>
      Office.context.document.settings.addHandlerAsync(
        Office.EventType.SettingsChanged,
        () => this.queueListener?.(),
        () => resolve(),
      ),
    );
  }

  /**
   * The queue goes into the document settings; they reach the file only when the clerk saves the
   * workbook. The pane never saves it itself: Workbook.save clears the clerk's undo, and saves a
   * workbook that has no file yet "with default name in the default location" (Excel.SaveBehavior).
   */
  async writeSubmitQueue(json: string): Promise<QueueStorage> {
    const settings = Office.context.document.settings;
    const bytes = new TextEncoder().encode(json).length;
    if (bytes > SETTINGS_LIMIT_BYTES) return "too-large";
    if (json) settings.set(SUBMIT_QUEUE_SETTING, json);
    else settings.remove(SUBMIT_QUEUE_SETTING);
    try {
      await new Promise<void>((resolve, reject) =>
        settings.saveAsync((result) => (result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error(result.error.message)))),
      );
    } catch (error) {
      if (bytes > SETTINGS_SEEN_FAILING_BYTES) return "too-large";
      throw error;
    }
    return (await this.hasFile()) ? "unsaved" : "no-file";
  }

  /** The clerk's 保存: saves a workbook that has a file (ExcelApi 1.11); one with none is left to Excel's 另存为. */
  async saveWorkbook(): Promise<WorkbookSave> {
    if (!(await this.hasFile())) return "no-file";
    if (Office.context.requirements.isSetSupported("ExcelApi", "1.11")) {
      await run(async (context) => {
        context.workbook.save(Excel.SaveBehavior.save);
        await context.sync();
      });
      return "saved";
    }
    return "unsupported";
  }

  /** Whether the workbook has a file: Excel fails getFilePropertiesAsync for one never saved (office-js #3509). */
  private hasFile(): Promise<boolean> {
    return new Promise((resolve) =>
      Office.context.document.getFilePropertiesAsync((result) => resolve(result.status === Office.AsyncResultStatus.Succeeded && Boolean(result.value?.url))),
    );
  }

  private followSheets(sheets: { name: string; id: string }[]): void {
    const present = new Set(sheets.map((sheet) => sheet.id));
    for (const [id, name] of [...this.namesById]) {
      if (present.has(id)) continue;
      this.namesById.delete(id);
      this.idsByName.delete(name);
    }
    for (const { name, id } of sheets) {
      if (this.namesById.has(id) || this.idsByName.has(name)) continue; // followed already, perhaps renamed since
      this.idsByName.set(name, id);
      this.namesById.set(id, name);
    }
  }

  /** The ids of the named sheets the pane follows that are not in `watched` yet. */
  private idsNotIn(watched: Set<string>, sheetNames: string[]): string[] {
    return sheetNames.flatMap((name) => {
      const id = this.idsByName.get(name);
      return id && !watched.has(id) ? [id] : [];
    });
  }

  /** The id of a sheet the pane follows; its name where it never saw it (Excel then answers ItemNotFound). */
  private idOf(sheetName: string): string {
    return this.idsByName.get(sheetName) ?? sheetName;
  }
}
