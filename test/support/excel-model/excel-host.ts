// Excel as the clerk and the add-in meet it: the workbook the add-in runs in, what the clerk does
// to it (type, paste, fill, pick from a list, insert rows, rename, edit a cell), the events Excel
// raises for that, and the `Excel` and `Office` globals office.js gives the add-in.
import { OfficeExtensionError } from "./office-error.ts";
import { PendingWork } from "./pending-work.ts";
import { PLATFORMS, supports } from "./platforms.ts";
import type { PlatformId, PlatformProfile } from "./platforms.ts";
import { ModelContext, decodeBase64 } from "./request-context.ts";
import type { RunOptions, WorksheetChangedEvent, WorksheetSelectionChangedEvent } from "./request-context.ts";
import { parseA1 } from "../../../shared/xlsx/cell-address.ts";
import { ModelWorkbook, blockName, parseBlock } from "./model-workbook.ts";
import type { CellBlock, ExcelValue, ModelSheet } from "./model-workbook.ts";

type ChangedHandler = (event: WorksheetChangedEvent) => Promise<unknown> | undefined;
type SelectionHandler = (event: WorksheetSelectionChangedEvent) => Promise<unknown> | undefined;

export interface ExcelHostOptions {
  platform?: PlatformId;
  displayLanguage?: string;
}

export class ExcelHost {
  readonly profile: PlatformProfile;
  /** Documented gaps in change events (see PlatformProfile.gaps); tests may switch them. */
  readonly gaps: PlatformProfile["gaps"];
  /** context.sync() calls (round trips), all Excel.run batches together. */
  syncs = 0;
  /**
   * When a test or the bench sets it to [], the bytes each sync's response carries (the JSON of what
   * its loads return), one entry a sync: Excel on the web limits a request and its response to 5 MB
   * ("Excel on the web has a payload size limit for requests and responses of 5MB", Resource limits and
   * performance optimization for Office Add-ins, https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization).
   */
  responseBytes: number[] | undefined;
  /** Every command that ran, by member ("Range.values", "Workbook.insertWorksheetsFromBase64"). */
  readonly log: string[] = [];
  /** Workbooks opened by Excel.createWorkbook: separate windows the add-in is not in. */
  readonly openedWorkbooks: ModelWorkbook[] = [];
  /** The files they were opened from (base64), for a test to open one where the pane runs. */
  readonly openedFiles: string[] = [];
  /** context.runtime.enableEvents: one flag for the add-in, kept across Excel.run batches. */
  eventsEnabled = true;
  /** Errors thrown or rejected by the add-in's event handlers (Excel swallows them). */
  readonly handlerFailures: unknown[] = [];
  /**
   * Whether Excel honours Excel.run's delayForCellEdit (the docs give it no requirement set; a test
   * switches it off to see the add-in cope with InvalidOperationInCellEditMode).
   */
  honoursDelayForCellEdit = true;
  /** Excel's undo stack for the add-in's workbook: one record per sync that wrote (see undo()). */
  readonly undoStack: (() => void)[][] = [];
  /** Application.calculationMode: the running Excel's, "Automatic" unless a test sets it (setCalculationMode). */
  calculationMode: "Automatic" | "Manual" = "Automatic";
  private handlers: { workbook: ModelWorkbook; sheetId: string; handler: ChangedHandler }[] = [];
  private selectionHandlers: { workbook: ModelWorkbook; sheetId: string; handler: SelectionHandler }[] = [];
  private active = new Map<ModelWorkbook, { sheet: ModelSheet; block: CellBlock }>();
  private editing: { sheet: ModelSheet; a1: string; ended: Promise<void>; end: () => void } | undefined;
  readonly displayLanguage: string;
  /** Events, handlers, round trips and callbacks Excel has yet to run (whenIdle waits for them); one for all co-authors. */
  private pendingWork = new PendingWork();
  /** Every client with this workbook open, this one included (see coauthor). */
  private clients: ExcelHost[] = [this];
  /**
   * This client's in-memory copy of the document settings: the first client's is the workbook's
   * DocumentSettings itself (its `live`), a co-author's its own (see coauthor).
   */
  clientSettings: { live: Map<string, unknown> };
  private settingsHandlers: ((event: { type: "settingsChanged" }) => void)[] = [];

  constructor(
    /** The workbook the add-in runs in. */
    public workbook: ModelWorkbook = new ModelWorkbook(),
    options: ExcelHostOptions = {},
  ) {
    this.profile = PLATFORMS[options.platform ?? "web"];
    this.gaps = { ...this.profile.gaps };
    this.displayLanguage = options.displayLanguage ?? "zh-CN";
    this.clientSettings = workbook.settings;
    if (workbook.sheets.length === 0) workbook.addSheet("Sheet1");
  }

  /**
   * A co-author opens the same workbook in another Excel (its own add-in, events, undo and selection):
   * "When you change a workbook's content, Excel automatically synchronizes those changes across all
   * coauthors" — cells, not what an add-in keeps in JavaScript ("Coauthoring in Excel add-ins",
   * https://learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins). The model
   * synchronizes at once (AutoSave on); each client's onChanged hears the other's edits with
   * `source: "Remote"` ("Remote means the event comes from a remote user session", Excel.EventSource,
   * the type of WorksheetChangedEventArgs.source,
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs#excel-excel-worksheetchangedeventargs-source-member).
   * Its document settings are the copy the document held when it opened: "each add-in is working
   * against an in-memory copy of the settings loaded from the document at the time the user opened
   * it", until Settings.refreshAsync "Reads all settings persisted in the document and refreshes the
   * … add-in's copy of those settings held in memory"; saveAsync persists "all of that user's
   * settings to the document" (https://learn.microsoft.com/javascript/api/office/office.settings#office-office-settings-refreshasync-member(1)):
   * the last client to save wins.
   */
  coauthor(options: ExcelHostOptions = {}): ExcelHost {
    const other = new ExcelHost(this.workbook, { platform: this.profile.id, displayLanguage: this.displayLanguage, ...options });
    other.pendingWork = this.pendingWork;
    other.clients = this.clients;
    other.clientSettings = { live: new Map(this.workbook.settings.inDocument) };
    this.clients.push(other);
    return other;
  }

  // ---- What the clerk does --------------------------------------------------------------------

  /** Types a value into a cell and presses Enter: one change event, with details for the one cell. */
  type(sheetName: string, a1: string, value: ExcelValue | null): void {
    const sheet = this.sheetNamed(sheetName);
    const { row, col } = parseA1(a1);
    const before = this.workbook.value(sheet, row, col);
    this.workbook.input(sheet, row, col, value ?? "");
    const block = { top: row, left: col, bottom: row, right: col };
    this.raise(this.workbook, sheet, block, "RangeEdited", { valueBefore: before, valueAfter: this.workbook.value(sheet, row, col) });
  }

  /** Pastes a block whose top-left cell is `a1`: one change event for the block, no details. */
  paste(sheetName: string, a1: string, values: (ExcelValue | null)[][]): void {
    const sheet = this.sheetNamed(sheetName);
    const { row, col } = parseA1(a1);
    values.forEach((cells, rowOffset) => cells.forEach((value, colOffset) => this.workbook.input(sheet, row + rowOffset, col + colOffset, value ?? "")));
    const width = Math.max(...values.map((cells) => cells.length));
    this.raise(this.workbook, sheet, { top: row, left: col, bottom: row + values.length - 1, right: col + width - 1 }, "RangeEdited");
  }

  /** Fills the value of the block's first cell down the block (Ctrl+D, the fill handle). */
  fillDown(sheetName: string, address: string): void {
    const sheet = this.sheetNamed(sheetName);
    const block = parseBlock(address) as CellBlock;
    for (let col = block.left; col <= block.right; col++) {
      const value = this.workbook.value(sheet, block.top, col);
      for (let row = block.top + 1; row <= block.bottom; row++) if (!sheet.hiddenRows.has(row)) this.workbook.input(sheet, row, col, value);
    }
    const acrossHidden = [...sheet.hiddenRows].some((row) => row > block.top && row < block.bottom);
    if (!(acrossHidden && this.gaps.fillAcrossHiddenRowsRaisesNoEvent)) this.raise(this.workbook, sheet, block, "RangeEdited");
  }

  /** Picks a value from a cell's data-validation list. */
  pickFromList(sheetName: string, a1: string, value: ExcelValue): void {
    const sheet = this.sheetNamed(sheetName);
    const { row, col } = parseA1(a1);
    this.workbook.input(sheet, row, col, value);
    if (!this.gaps.dropdownPickRaisesNoEvent) this.raise(this.workbook, sheet, { top: row, left: col, bottom: row, right: col }, "RangeEdited");
  }

  hideRows(sheetName: string, firstRow: number, count: number): void {
    const sheet = this.sheetNamed(sheetName);
    for (let row = firstRow - 1; row < firstRow - 1 + count; row++) sheet.hiddenRows.add(row);
  }

  /** Inserts whole rows above 1-based `row`: the event names the new rows ("7:8", RowInserted). */
  insertRows(sheetName: string, row: number, count = 1): void {
    const sheet = this.sheetNamed(sheetName);
    this.workbook.insertRows(sheet, row - 1, count);
    this.raise(this.workbook, sheet, parseBlock(`${row}:${row + count - 1}`) as CellBlock, "RowInserted");
  }

  deleteRows(sheetName: string, row: number, count = 1): void {
    const sheet = this.sheetNamed(sheetName);
    this.workbook.deleteRows(sheet, row - 1, count);
    this.raise(this.workbook, sheet, parseBlock(`${row}:${row + count - 1}`) as CellBlock, "RowDeleted");
  }

  renameSheet(sheetName: string, newName: string): void {
    this.workbook.renameSheet(this.sheetNamed(sheetName), newName);
  }

  deleteSheet(sheetName: string): void {
    const sheet = this.sheetNamed(sheetName);
    this.workbook.deleteSheet(sheet);
    this.handlers = this.handlers.filter((entry) => entry.sheetId !== sheet.id);
    this.selectionHandlers = this.selectionHandlers.filter((entry) => entry.sheetId !== sheet.id);
  }

  /**
   * Clicks a cell (or moves to it with Enter, Tab, the arrows): Worksheet.onSelectionChanged (ExcelApi
   * 1.7, "Occurs when the selection changes on a specific worksheet",
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-onselectionchanged-member)
   * with the new selection's address. The add-in's own Range.select is not modelled as raising it.
   */
  selectCell(sheetName: string, a1: string): void {
    const sheet = this.sheetNamed(sheetName);
    const block = parseBlock(a1) as CellBlock;
    this.select(this.workbook, sheet, block);
    if (!this.eventsEnabled) return;
    const event: WorksheetSelectionChangedEvent = { type: "WorksheetSelectionChanged", worksheetId: sheet.id, address: blockName(block) };
    for (const { handler } of this.selectionHandlers.filter((entry) => entry.workbook === this.workbook && entry.sheetId === sheet.id)) {
      this.later(() => Promise.resolve(handler(event)).catch((error: unknown) => this.handlerFailures.push(error)));
    }
  }

  /**
   * Starts typing in a cell (F2, or a first keystroke): Excel is in cell-edit mode until the edit
   * is committed or cancelled. Batches sent meanwhile fail with InvalidOperationInCellEditMode,
   * unless the run asked to be delayed (delayForCellEdit), which runs them after the edit.
   * Sources: the error-code table (InvalidOperationInCellEditMode, "The operation isn't available
   * while Excel is in Edit cell mode") and RunOptions.delayForCellEdit ("the batch request is
   * delayed until the user exits cell edit mode";
   * https://learn.microsoft.com/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member).
   * (The article "Delay execution while cell is being edited" names the error InvalidOperation.)
   */
  beginCellEdit(sheetName: string, a1: string): void {
    let end = () => {};
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.editing = { sheet: this.sheetNamed(sheetName), a1, ended, end };
  }

  /** Presses Enter (commits `value`) or Esc (no value). */
  endCellEdit(value?: ExcelValue): void {
    const editing = this.editing;
    if (!editing) return;
    this.editing = undefined;
    if (value !== undefined) this.type(editing.sheet.name, editing.a1, value);
    editing.end();
  }

  /**
   * Ctrl+S: the document, and the settings saved into it, are written to the file; a workbook with
   * no file yet asks where first (Save As), and the clerk chooses. The clerk's undo stays: Excel keeps
   * undo history across a save since Excel 2007 (a third-party note,
   * https://www.xltoolbox.net/undo.html: "Undo possible after saving a workbook"; Microsoft's pages do not say).
   */
  saveWorkbook(workbook: ModelWorkbook = this.workbook): void {
    workbook.hasFile = true;
    workbook.settings.fileSaved();
  }

  /**
   * Ctrl+Z: undoes the last undo record, the add-in's writes of one sync, raising no change event the
   * add-in hears (the model's reading: no onChanged for an undo is documented, and 说明 is not watched
   * anyway). Returns false when there is nothing to undo. Sources: "Excel add-ins support undo
   * behavior. This preserves both actions performed by Excel JavaScript APIs and actions performed by
   * the user"; grouping the writes of several syncs into "a single undoable action" needs Excel.run's
   * mergeUndoGroup, so without it each sync is its own record
   * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities, "Undo
   * grouping"). The clerk's own typing is not put on this stack by the model.
   */
  undo(): boolean {
    const record = this.undoStack.pop();
    record?.forEach((restore) => restore());
    return record !== undefined;
  }

  /**
   * File > Options > Formulas > Manual (or a workbook opened first in a manual session): formula
   * results stay as calculated until F9 or Application.calculate. A property of the running Excel,
   * not of a file (ModelWorkbook's header), so it applies to every workbook open here.
   */
  setCalculationMode(mode: "Automatic" | "Manual"): void {
    this.calculationMode = mode;
    for (const workbook of [this.workbook, ...this.openedWorkbooks]) {
      if (mode === "Manual") workbook.freezeResults();
      else workbook.thawResults();
    }
  }

  /** F9, or Application.calculate: "Recalculate all currently opened workbooks in Excel" (excel.application#calculate). */
  calculate(): void {
    if (this.calculationMode === "Manual") for (const workbook of [this.workbook, ...this.openedWorkbooks]) workbook.freezeResults();
  }

  /**
   * Workbook.save(SaveBehavior.save): "Save the workbook without prompting the user. If file is not
   * saved, it will save it with default name in the default location"
   * (https://learn.microsoft.com/javascript/api/excel/excel.savebehavior). Workbook.save is in the
   * undo article's table of "Unsupported APIs" (web, Windows and Mac alike), and "If you call an
   * unsupported API in your add-in, the user's undo stack is cleared starting from that API call"
   * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities#unsupported-apis):
   * the clerk's Ctrl+Z has nothing left to take back.
   */
  saveByAddin(workbook: ModelWorkbook): void {
    if (!workbook.hasFile) workbook.savedToDefaultLocation = true;
    workbook.hasFile = true;
    workbook.settings.fileSaved();
    if (workbook === this.workbook) this.undoStack.length = 0;
  }

  /** The workbook is closed without saving and opened again (the pane starts afresh). */
  reopenWithoutSaving(): void {
    this.workbook.settings.reopened();
    this.handlers = [];
    this.selectionHandlers = [];
    this.eventsEnabled = true;
  }

  /**
   * A co-author's add-in saved the settings: Settings' settingsChanged "will fire only when the add-in
   * is loaded with a spreadsheet that is opened in Excel on the web, and more than one user is editing
   * the spreadsheet (coauthoring)" (https://learn.microsoft.com/javascript/api/office/office.settings#office-office-settings-addhandlerasync-member(1));
   * this client's copy is not refreshed by it.
   */
  private settingsSavedElsewhere(): void {
    if (this.profile.id !== "web") return;
    for (const handler of this.settingsHandlers) this.later(() => handler({ type: "settingsChanged" }));
  }

  // ---- What the tests read ---------------------------------------------------------------------

  value(sheetName: string, a1: string): ExcelValue {
    const { row, col } = parseA1(a1);
    return this.workbook.value(this.sheetNamed(sheetName), row, col);
  }

  values(sheetName: string, address: string): ExcelValue[][] {
    const sheet = this.sheetNamed(sheetName);
    const block = parseBlock(address) as CellBlock;
    return Array.from({ length: block.bottom - block.top + 1 }, (_, row) =>
      Array.from({ length: block.right - block.left + 1 }, (_, col) => this.workbook.value(sheet, block.top + row, block.left + col)),
    );
  }

  formula(sheetName: string, a1: string): ExcelValue {
    const { row, col } = parseA1(a1);
    return this.workbook.formula(this.sheetNamed(sheetName), row, col);
  }

  /** The active cell of the add-in's workbook: { sheetName, a1 }. */
  get selection(): { sheetName: string; a1: string } {
    const active = this.activeCellOf(this.workbook);
    return { sheetName: active.sheet.name, a1: blockName(active.block) };
  }

  get watchedSheetIds(): string[] {
    return this.handlers.filter((entry) => entry.workbook === this.workbook).map((entry) => entry.sheetId);
  }

  /**
   * Resolves when every pending event has been delivered, every handler has finished and every round
   * trip has returned (and what they started has too): what tests wait on, never the clock.
   */
  whenIdle(): Promise<void> {
    return this.pendingWork.whenIdle();
  }

  // ---- What the request context calls ----------------------------------------------------------

  /** Runs `work` after the current turn, as Excel does (events, callbacks), counted for whenIdle. */
  later(work: () => unknown): void {
    this.pendingWork.later(work);
  }

  /** One round trip; in cell-edit mode the batch fails, or waits when delayed and honoured. */
  async roundTrip(options: RunOptions): Promise<void> {
    await new Promise<void>((resolve) => this.later(() => resolve()));
    while (this.editing) {
      if (!(options.delayForCellEdit && this.honoursDelayForCellEdit)) throw new OfficeExtensionError("InvalidOperationInCellEditMode", "RequestContext.sync");
      await this.editing.ended;
    }
  }

  addChangedHandler(workbook: ModelWorkbook, sheet: ModelSheet, handler: ChangedHandler): { remove: () => void } {
    const entry = { workbook, sheetId: sheet.id, handler };
    this.handlers.push(entry);
    return { remove: () => (this.handlers = this.handlers.filter((candidate) => candidate !== entry)) };
  }

  addSelectionHandler(workbook: ModelWorkbook, sheet: ModelSheet, handler: SelectionHandler): { remove: () => void } {
    const entry = { workbook, sheetId: sheet.id, handler };
    this.selectionHandlers.push(entry);
    return { remove: () => (this.selectionHandlers = this.selectionHandlers.filter((candidate) => candidate !== entry)) };
  }

  /** An add-in write raised a change (dispatched once its sync has returned). */
  raiseChanged(context: ModelContext, workbook: ModelWorkbook, sheet: ModelSheet, block: CellBlock, changeType: WorksheetChangedEvent["changeType"]): void {
    context.raised.push(() => this.raise(workbook, sheet, block, changeType, undefined, true));
  }

  select(workbook: ModelWorkbook, sheet: ModelSheet, block: CellBlock): void {
    this.active.set(workbook, { sheet, block });
  }

  activeCellOf(workbook: ModelWorkbook): { sheet: ModelSheet; block: CellBlock } {
    const active = this.active.get(workbook);
    if (active && workbook.sheets.includes(active.sheet))
      return { sheet: active.sheet, block: { top: active.block.top, left: active.block.left, bottom: active.block.top, right: active.block.left } };
    return { sheet: workbook.sheets.find((sheet) => sheet.visibility === "Visible") as ModelSheet, block: { top: 0, left: 0, bottom: 0, right: 0 } };
  }

  /**
   * Worksheet.onChanged: "Occurs when data changes in a specific worksheet" — edits by the user and
   * by add-in code alike ("Event triggers", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events#event-triggers);
   * none while the add-in has events off ("The enableEvents property determines if events are fired
   * and their handlers are activated", same page, #enable-and-disable-events). A formula cell whose
   * result changes raises none: onChanged is about data entered, onCalculated (1.8) about
   * calculation, and onFormulaChanged is "for when the formula itself changes, not the data value
   * resulting from the formula's calculation" (excel.worksheet reference; office-js #3899).
   * `details` (ExcelApi 1.9) "can be retrieved when the changed event is triggered on a single cell".
   */
  private raise(
    workbook: ModelWorkbook,
    sheet: ModelSheet,
    block: CellBlock,
    changeType: WorksheetChangedEvent["changeType"],
    details?: WorksheetChangedEvent["details"],
    fromAddin = false,
  ): void {
    const event: WorksheetChangedEvent = {
      type: "WorksheetChanged",
      source: "Local",
      worksheetId: sheet.id,
      address: blockName(block),
      changeType,
      ...(details && supports(this.profile, "1.9") ? { details } : {}),
    };
    const local: WorksheetChangedEvent = fromAddin && supports(this.profile, "1.14") ? { ...event, triggerSource: "ThisLocalAddin" } : event;
    this.deliver(workbook, sheet, local);
    // A co-author's Excel hears it as Remote; each add-in's own enableEvents decides for its handlers.
    if (workbook === this.workbook) for (const other of this.clients) if (other !== this) other.deliver(workbook, sheet, { ...event, source: "Remote" });
  }

  private deliver(workbook: ModelWorkbook, sheet: ModelSheet, event: WorksheetChangedEvent): void {
    if (!this.eventsEnabled) return;
    for (const { handler } of this.handlers.filter((entry) => entry.workbook === workbook && entry.sheetId === sheet.id)) {
      // Excel calls handlers asynchronously, after the change.
      this.later(() => {
        try {
          return Promise.resolve(handler(event)).catch((error: unknown) => this.handlerFailures.push(error));
        } catch (error) {
          this.handlerFailures.push(error);
          return undefined;
        }
      });
    }
  }

  private sheetNamed(name: string): ModelSheet {
    const sheet = this.workbook.sheet(name);
    if (!sheet) throw new Error(`no sheet named ${name}`);
    return sheet;
  }

  // ---- The globals -----------------------------------------------------------------------------

  /** Installs `Excel`, `Office` and `OfficeExtension` as office.js does, on `target` (globalThis or a page's window). */
  install(target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): void {
    target.OfficeExtension = { Error: OfficeExtensionError };
    target.Excel = {
      /**
       * Excel.run(batch) or Excel.run(options, batch): a new request context; "run functions call
       * sync() implicitly before they resolve their returned promise"
       * (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#sync).
       */
      run: async <T>(first: RunOptions | ((context: ModelContext) => Promise<T>), second?: (context: ModelContext) => Promise<T>): Promise<T> => {
        const [options, batch] = typeof first === "function" ? [{}, first] : [first, second as (context: ModelContext) => Promise<T>];
        const context = new ModelContext(this, this.workbook, options);
        const result = await batch(context);
        if (context.pending > 0) await context.sync();
        return result;
      },
      /**
       * ExcelApi 1.8: "Creates and opens a new workbook"; "Use Excel.createWorkbook() to open a new
       * workbook in a separate Excel instance. Your add-in stays open in the original workbook."
       * (https://learn.microsoft.com/javascript/api/excel#excel-excel-createworkbook-function(1),
       * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks#create-a-new-workbook)
       */
      createWorkbook: async (base64?: string): Promise<void> => {
        await new Promise<void>((resolve) => this.later(() => resolve()));
        if (!supports(this.profile, "1.8")) throw new OfficeExtensionError("ApiNotFound", "Excel.createWorkbook");
        const bytes = base64 === undefined ? undefined : decodeBase64(base64);
        if (base64 !== undefined && !bytes) throw new OfficeExtensionError("InvalidArgument", "Excel.createWorkbook");
        this.openedWorkbooks.push(bytes ? ModelWorkbook.fromXlsx(bytes, `工作簿${this.openedWorkbooks.length + 2}`) : new ModelWorkbook());
        this.openedFiles.push(base64 ?? "");
      },
      SaveBehavior: { save: "Save", prompt: "Prompt" },
      EventSource: { local: "Local", remote: "Remote" },
      CalculationMode: { automatic: "Automatic", automaticExceptTables: "AutomaticExceptTables", manual: "Manual" },
      CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
      ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents" },
      ErrorCodes: {
        itemNotFound: "ItemNotFound",
        invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
        invalidArgument: "InvalidArgument",
        apiNotFound: "ApiNotFound",
      },
    };
    const settings = () => this.workbook.settings;
    const live = () => this.clientSettings.live;
    const callbackOf = <T>(args: unknown[]) => args.find((arg) => typeof arg === "function") as ((result: T) => void) | undefined;
    const officeSettings = {
      /** "If the setting doesn't exist, the method returns null." */
      get: (name: string) => (live().has(name) ? live().get(name) : null),
      set: (name: string, value: unknown) => void live().set(name, value),
      remove: (name: string) => void live().delete(name),
      saveAsync: (...args: unknown[]) => {
        const callback = callbackOf<{ status: string; error?: { message: string } }>(args);
        const outcome = settings().save(live());
        this.later(() => callback?.(outcome.ok ? { status: "succeeded" } : { status: "failed", error: { message: outcome.message } }));
        if (outcome.ok) for (const other of this.clients) if (other !== this) other.settingsSavedElsewhere();
      },
      /** Common API, "Not in a set": this client's copy becomes what the document holds (see coauthor). */
      refreshAsync: (...args: unknown[]) => {
        const callback = callbackOf<{ status: string; value: unknown }>(args);
        this.later(() => {
          this.clientSettings.live = new Map(settings().inDocument);
          callback?.({ status: "succeeded", value: officeSettings });
        });
      },
      /** Office.EventType.SettingsChanged only (see settingsSavedElsewhere). */
      addHandlerAsync: (eventType: string, handler: (event: { type: "settingsChanged" }) => void, ...rest: unknown[]) => {
        if (eventType === "settingsChanged") this.settingsHandlers.push(handler);
        this.later(() => callbackOf<{ status: string }>(rest)?.({ status: eventType === "settingsChanged" ? "succeeded" : "failed" }));
      },
    };
    target.Office = {
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      EventType: { SettingsChanged: "settingsChanged" },
      HostType: { Excel: "Excel" },
      onReady: (callback?: (info: { host: string; platform: string }) => void) => {
        const info = {
          host: "Excel",
          platform: this.profile.id === "web" ? "OfficeOnline" : this.profile.id === "mac365" ? "Mac" : this.profile.id === "ipad" ? "iOS" : "PC",
        };
        callback?.(info);
        return Promise.resolve(info);
      },
      context: {
        displayLanguage: this.displayLanguage,
        partitionKey: this.profile.partitionKey,
        requirements: {
          /** "ExcelApi" at or below the platform's version; anything else unsupported. */
          isSetSupported: (name: string, version?: string) => name.toLowerCase() === "excelapi" && supports(this.profile, version ?? "1.1"),
        },
        document: {
          /**
           * Common API (1.1): the file's URL; fails for a workbook never saved in Excel (office-js #3509,
           * "returns {value: undefined, status: "failed"}"), where Word and PowerPoint answer "".
           */
          getFilePropertiesAsync: (...args: unknown[]) => {
            const callback = callbackOf<{ status: string; value?: { url: string } }>(args);
            const workbook = this.workbook;
            this.later(() => callback?.(workbook.hasFile ? { status: "succeeded", value: { url: `C:\\报表\\${workbook.name}.xlsx` } } : { status: "failed" }));
          },
          settings: officeSettings,
        },
      },
    };
  }
}

/** A host for one platform whose add-in runs in a workbook opened from an .xlsx. */
export function hostWithWorkbook(bytes: Uint8Array | undefined, options: ExcelHostOptions = {}): ExcelHost {
  return new ExcelHost(bytes ? ModelWorkbook.fromXlsx(bytes) : new ModelWorkbook(), options);
}
