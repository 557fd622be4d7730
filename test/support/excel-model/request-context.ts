// Excel.RequestContext and the proxy objects the add-in uses, with office.js's semantics:
// - calls and property writes only queue commands; they run, in order, at context.sync();
// - a property can be read only after load() and a sync (else PropertyNotLoaded), and holds the
//   value as of that sync;
// - the first failing command rejects the sync; the commands after it in the batch do not run,
//   those before it have run (no rollback);
// - a member above the platform's requirement set fails at sync with ApiNotFound.
// Sources: "Application-specific API model" — "the load() method ... queue[s] a command", "the
// sync() method ... runs the queued commands"; "calling a property before load and sync throws"
// (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model);
// "Error handling": "If a batch fails, the remaining operations in the batch are not executed"
// (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
import type { ExcelHost } from "./excel-host.ts";
import { OfficeExtensionError } from "./office-error.ts";
import type { OfficeErrorCode } from "./office-error.ts";
import { supports } from "./platforms.ts";
import { toA1 } from "../../../shared/xlsx/cell-address.ts";
import { LAST_COLUMN, parseBlock, sheetQualified } from "./model-workbook.ts";
import type { CellBlock, ExcelValue, ModelSheet, ModelWorkbook } from "./model-workbook.ts";

interface Command {
  /** "Workbook.insertWorksheetsFromBase64": named in ApiNotFound and in the host's log. */
  member: string;
  /** The ExcelApi version the member needs. */
  requires: string;
  run: () => void;
}

export interface RunOptions {
  /**
   * Wait for the user to leave cell-edit mode instead of failing. The reference gives it no
   * requirement set (RunOptions, https://learn.microsoft.com/javascript/api/excel/excel.runoptions:
   * its remarks are empty, where mergeUndoGroup's say ExcelApi 1.20; the ExcelApi 1.1 version of the
   * reference already lists it), nor does the article "Delay execution while cell is being edited".
   */
  delayForCellEdit?: boolean;
}

const fail = (code: OfficeErrorCode, location: string, detail?: string): never => {
  throw new OfficeExtensionError(code, location, detail);
};

export class ModelContext {
  readonly workbook: WorkbookProxy;
  readonly runtime: RuntimeProxy;
  private queue: Command[] = [];
  /** Change events raised by this batch's writes: dispatched once the sync has returned. */
  readonly raised: (() => void)[] = [];
  /** What puts back the cells this sync's writes changed: one undo record (ExcelHost.undo). */
  private undoing: (() => void)[] = [];
  /** UTF-8 bytes of the JSON of what this sync's loads return, counted when the host keeps ExcelHost.responseBytes. */
  private loadedBytes = 0;

  constructor(
    readonly host: ExcelHost,
    readonly document: ModelWorkbook,
    readonly options: RunOptions,
  ) {
    this.workbook = new WorkbookProxy(this);
    this.runtime = new RuntimeProxy(this);
  }

  get pending(): number {
    return this.queue.length;
  }

  /** A write is about to change `block`: its undo record will put it back. */
  recordUndo(workbook: ModelWorkbook, sheet: ModelSheet, block: CellBlock): void {
    this.undoing.push(workbook.snapshot(sheet, block));
  }

  /** A loaded property's value goes back in this sync's response: its JSON's size counts against the platform's payload limit. */
  returned(value: unknown): void {
    if (this.host.responseBytes) this.loadedBytes += new TextEncoder().encode(JSON.stringify(value) ?? "").length;
  }

  enqueue(member: string, requires: string, run: () => void): void {
    this.queue.push({ member, requires, run });
  }

  /** Runs the queued commands: one round trip to Excel. */
  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.host.syncs++;
    await this.host.roundTrip(this.options);
    try {
      for (const command of batch) {
        if (!supports(this.host.profile, command.requires)) fail("ApiNotFound", command.member);
        this.host.log.push(command.member);
        command.run();
      }
    } finally {
      this.host.responseBytes?.push(this.loadedBytes);
      this.loadedBytes = 0;
      const undoing = this.undoing.splice(0).reverse();
      if (undoing.length > 0 && this.document === this.host.workbook) this.host.undoStack.push(undoing);
      const raised = this.raised.splice(0);
      // Excel raises events after it has processed the request, never inside the batch.
      this.host.later(() => raised.forEach((raise) => raise()));
    }
  }
}

/** A proxy: `locate` finds its target when a command first needs it (null for a null object). */
abstract class ClientObject<Target> {
  private readonly loaded = new Map<string, unknown>();
  private resolution: { target: Target | null } | undefined;

  constructor(
    protected readonly context: ModelContext,
    protected readonly typeName: string,
    private readonly locate: () => Target | null,
  ) {}

  /** Queues a load of the named properties ("values", "values,rowIndex", ["name", "id"], "items/name"). */
  load(properties?: string | string[] | { select?: string }): this {
    const names = (typeof properties === "string" ? properties.split(",") : Array.isArray(properties) ? properties : (properties?.select ?? "").split(","))
      .map((name) => name.trim())
      .filter(Boolean);
    this.context.enqueue(`${this.typeName}.load`, "1.1", () => {
      const target = this.target();
      for (const name of names) {
        const value = target === null ? null : this.read(target, name);
        this.loaded.set(name, value);
        this.context.returned(value);
      }
    });
    return this;
  }

  /** The target, located once; ItemNotFound when it does not exist (or no longer does). */
  protected target(): Target | null {
    this.resolution ??= { target: this.locate() };
    if (this.resolution.target !== null && !this.stillExists(this.resolution.target)) fail("ItemNotFound", this.typeName);
    return this.resolution.target;
  }

  protected stillExists(_target: Target): boolean {
    return true;
  }

  /** A loaded property's value as of the sync that loaded it. */
  protected loadedValue<T>(name: string): T {
    if (!this.loaded.has(name)) fail("PropertyNotLoaded", `${this.typeName}.${name}`);
    return this.loaded.get(name) as T;
  }

  protected markLoaded(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }

  protected abstract read(target: Target, property: string): unknown;
}

/** For *OrNullObject methods (ExcelApi 1.4): `isNullObject` is known after the next sync, no load needed. */
function nullable<Target, Proxy extends ClientObject<Target> & { isNullObject: boolean }>(context: ModelContext, proxy: Proxy, member: string): Proxy {
  context.enqueue(member, "1.4", () => (proxy as unknown as { resolveNullness(): void }).resolveNullness());
  return proxy;
}

interface SheetTarget {
  workbook: ModelWorkbook;
  sheet: ModelSheet;
}

export class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;

  constructor(private readonly context: ModelContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
  }

  /** ExcelApi 1.7. */
  getActiveCell(): RangeProxy {
    const { host, document } = this.context;
    return new RangeProxy(
      this.context,
      () => {
        const active = host.activeCellOf(document);
        return { workbook: document, sheet: active.sheet, block: active.block };
      },
      "1.7",
    );
  }

  /**
   * ExcelApi 1.13: inserts the sheets of an .xlsx; returns the ids of the inserted sheets. A name
   * in use is given a " (2)" suffix. Not supported on Excel for iPad, which reports 1.13.
   * Source: https://learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-insertworksheetsfrombase64-member(1),
   * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks#insert-a-copy-of-an-existing-workbook-into-the-current-one
   */
  insertWorksheetsFromBase64(base64: string): ClientResult<string[]> {
    const result = new ClientResult<string[]>();
    const { host, document } = this.context;
    this.context.enqueue("Workbook.insertWorksheetsFromBase64", "1.13", () => {
      if (!host.profile.canInsertWorksheets) fail("ApiNotFound", "Workbook.insertWorksheetsFromBase64");
      const bytes = decodeBase64(base64) ?? fail("InvalidArgument", "Workbook.insertWorksheetsFromBase64");
      let sheets: ModelSheet[];
      try {
        sheets = document.insertFromXlsx(bytes);
      } catch {
        return fail("InvalidArgument", "Workbook.insertWorksheetsFromBase64");
      }
      result.set(sheets.map((sheet) => sheet.id));
      // Also in the undo article's "Unsupported APIs": the user's undo stack is cleared (ExcelHost.saveByAddin).
      if (document === host.workbook) host.undoStack.length = 0;
    });
    return result;
  }

  /** ExcelApi 1.11: saves the workbook (the document settings with it); see ExcelHost.saveByAddin. */
  save(_saveBehavior?: string): void {
    const { host, document } = this.context;
    this.context.enqueue("Workbook.save", "1.11", () => host.saveByAddin(document));
  }

  /** ExcelApi 1.1: the running Excel. */
  get application(): ApplicationProxy {
    return new ApplicationProxy(this.context);
  }
}

/** A value a method returns: readable after the sync that ran it. */
export class ClientResult<T> {
  private result: { value: T } | undefined;

  get value(): T {
    if (!this.result) fail("PropertyNotLoaded", "ClientResult.value");
    return (this.result as { value: T }).value;
  }

  set(value: T): void {
    this.result = { value };
  }
}

export class WorksheetCollectionProxy extends ClientObject<ModelWorkbook> {
  constructor(context: ModelContext) {
    super(context, "WorksheetCollection", () => context.document);
  }

  get items(): WorksheetProxy[] {
    return this.loadedValue<WorksheetProxy[]>("items");
  }

  override load(properties?: string | string[] | { select?: string }): this {
    // "items/name,items/id" (or "name,id" on a collection) loads those properties of every item.
    const names = (typeof properties === "string" ? properties.split(",") : Array.isArray(properties) ? properties : []).map((name) =>
      name.trim().replace(/^items\//, ""),
    );
    this.context.enqueue("WorksheetCollection.load", "1.1", () => {
      const document = this.target() as ModelWorkbook;
      this.markLoaded(
        "items",
        document.sheets.map((sheet) => WorksheetProxy.loadedWith(this.context, { workbook: document, sheet }, names)),
      );
    });
    return this;
  }

  /** By name or id. Source: https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-getitem-member(1) */
  getItem(key: string): WorksheetProxy {
    const { document } = this.context;
    return new WorksheetProxy(this.context, () => {
      const sheet = document.sheet(key) ?? fail("ItemNotFound", `WorksheetCollection.getItem(${key})`);
      return { workbook: document, sheet };
    });
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    const { document } = this.context;
    const proxy = new WorksheetProxy(this.context, () => {
      const sheet = document.sheet(key);
      return sheet ? { workbook: document, sheet } : null;
    });
    return nullable(this.context, proxy, "WorksheetCollection.getItemOrNullObject");
  }

  protected read(): unknown {
    return undefined;
  }
}

export class WorksheetProxy extends ClientObject<SheetTarget> {
  readonly onChanged: { add: (handler: (event: WorksheetChangedEvent) => Promise<unknown> | undefined) => { remove: () => void } };
  /** ExcelApi 1.7; registered at the next sync, as onChanged (see ExcelHost.selectCell). */
  readonly onSelectionChanged: { add: (handler: (event: WorksheetSelectionChangedEvent) => Promise<unknown> | undefined) => { remove: () => void } };

  constructor(context: ModelContext, locate: () => SheetTarget | null) {
    super(context, "Worksheet", locate);
    this.onChanged = {
      // ExcelApi 1.7; the registration takes effect at the next sync.
      // Source: https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events#register-an-event-handler
      add: (handler) => {
        let registration: { remove: () => void } | undefined;
        context.enqueue("Worksheet.onChanged", "1.7", () => {
          const target = this.target();
          if (target) registration = context.host.addChangedHandler(target.workbook, target.sheet, handler);
        });
        return { remove: () => context.enqueue("EventHandlerResult.remove", "1.7", () => registration?.remove()) };
      },
    };
    this.onSelectionChanged = {
      add: (handler) => {
        let registration: { remove: () => void } | undefined;
        context.enqueue("Worksheet.onSelectionChanged", "1.7", () => {
          const target = this.target();
          if (target) registration = context.host.addSelectionHandler(target.workbook, target.sheet, handler);
        });
        return { remove: () => context.enqueue("EventHandlerResult.remove", "1.7", () => registration?.remove()) };
      },
    };
  }

  static loadedWith(context: ModelContext, target: SheetTarget, names: string[]): WorksheetProxy {
    const proxy = new WorksheetProxy(context, () => target);
    for (const name of names) {
      const value = proxy.read(target, name);
      proxy.markLoaded(name, value);
      context.returned(value);
    }
    return proxy;
  }

  get name(): string {
    return this.loadedValue("name");
  }

  get id(): string {
    return this.loadedValue("id");
  }

  get isNullObject(): boolean {
    return this.loadedValue("isNullObject");
  }

  resolveNullness(): void {
    this.markLoaded("isNullObject", this.target() === null);
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.context, () => {
      const target = this.target() ?? fail("ItemNotFound", "Worksheet.getRange");
      const block =
        address === undefined
          ? { top: 0, left: 0, bottom: 1_048_575, right: LAST_COLUMN }
          : (parseBlock(address) ?? fail("InvalidArgument", `Worksheet.getRange(${address})`));
      return { ...target, block };
    });
  }

  /**
   * The used range; "If the worksheet is blank, this function will return the top left cell".
   * Source: https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrange-member(1)
   */
  getUsedRange(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, () => {
      const target = this.target() ?? fail("ItemNotFound", "Worksheet.getUsedRange");
      return { ...target, block: target.workbook.usedBlock(target.sheet, valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    });
  }

  activate(): void {
    this.context.enqueue("Worksheet.activate", "1.1", () => {
      const target = this.target() ?? fail("ItemNotFound", "Worksheet.activate");
      this.context.host.select(target.workbook, target.sheet, { top: 0, left: 0, bottom: 0, right: 0 });
    });
  }

  delete(): void {
    this.context.enqueue("Worksheet.delete", "1.1", () => {
      const target = this.target() ?? fail("ItemNotFound", "Worksheet.delete");
      target.workbook.deleteSheet(target.sheet);
    });
  }

  protected override stillExists(target: SheetTarget): boolean {
    return target.workbook.sheets.includes(target.sheet);
  }

  protected read(target: SheetTarget, property: string): unknown {
    switch (property) {
      case "name":
        return target.sheet.name;
      case "id":
        return target.sheet.id;
      case "visibility":
        return target.sheet.visibility;
      default:
        return fail("InvalidArgument", `Worksheet.load(${property})`);
    }
  }
}

interface RangeTarget extends SheetTarget {
  block: CellBlock;
}

export class RangeProxy extends ClientObject<RangeTarget> {
  constructor(
    context: ModelContext,
    locate: () => RangeTarget | null,
    private readonly requires = "1.1",
  ) {
    super(context, "Range", locate);
  }

  get values(): ExcelValue[][] {
    return this.loadedValue("values");
  }

  /**
   * Queues a write. A single value applies to every cell; an array must match the range's size.
   * Strings starting with "=" become formulas and numeric text numbers unless the cell is "@"
   * (ModelWorkbook.input). The write raises onChanged like a user's edit, unless the add-in has
   * turned events off (context.runtime.enableEvents).
   */
  set values(values: unknown) {
    this.write("Range.values", values, (target, row, col, value) => target.workbook.input(target.sheet, row, col, value));
  }

  get numberFormat(): string[][] {
    return this.loadedValue("numberFormat");
  }

  set numberFormat(formats: unknown) {
    this.write(
      "Range.numberFormat",
      formats,
      (target, row, col, format) => {
        if (format === null) return;
        const a1 = toA1(row, col);
        if (format === "General") target.sheet.formats.delete(a1);
        else target.sheet.formats.set(a1, String(format));
      },
      false,
    );
  }

  get formulas(): ExcelValue[][] {
    return this.loadedValue("formulas");
  }

  get address(): string {
    return this.loadedValue("address");
  }

  get rowIndex(): number {
    return this.loadedValue("rowIndex");
  }

  get columnIndex(): number {
    return this.loadedValue("columnIndex");
  }

  get rowCount(): number {
    return this.loadedValue("rowCount");
  }

  get columnCount(): number {
    return this.loadedValue("columnCount");
  }

  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => {
      const target = this.target() ?? fail("ItemNotFound", "Range.worksheet");
      return { workbook: target.workbook, sheet: target.sheet };
    });
  }

  /** Clears contents, formats or both ("All", the default). Raises onChanged for contents. */
  clear(applyTo: "Contents" | "Formats" | "All" = "All"): void {
    this.context.enqueue("Range.clear", this.requires, () => {
      const target = this.located();
      this.context.recordUndo(target.workbook, target.sheet, target.block);
      target.workbook.clear(target.sheet, target.block, applyTo);
      if (applyTo !== "Formats") this.context.host.raiseChanged(this.context, target.workbook, target.sheet, target.block, "RangeEdited");
    });
  }

  select(): void {
    this.context.enqueue("Range.select", this.requires, () => {
      const target = this.located();
      this.context.host.select(target.workbook, target.sheet, target.block);
    });
  }

  private located(): RangeTarget {
    return this.target() ?? fail("ItemNotFound", "Range");
  }

  private write(member: string, input: unknown, put: (target: RangeTarget, row: number, col: number, value: unknown) => void, raisesEvent = true): void {
    this.context.enqueue(member, this.requires, () => {
      const target = this.located();
      const { top, left, bottom, right } = target.block;
      const rows = bottom - top + 1;
      const columns = right - left + 1;
      const grid = Array.isArray(input) ? (input as unknown[][]) : undefined;
      if (grid && (grid.length !== rows || grid.some((row) => !Array.isArray(row) || row.length !== columns))) {
        fail("InvalidArgument", member, "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      }
      this.context.recordUndo(target.workbook, target.sheet, target.block);
      for (let row = 0; row < rows; row++) for (let col = 0; col < columns; col++) put(target, top + row, left + col, grid ? grid[row]?.[col] : input);
      if (raisesEvent) this.context.host.raiseChanged(this.context, target.workbook, target.sheet, target.block, "RangeEdited");
    });
  }

  protected override stillExists(target: RangeTarget): boolean {
    return target.workbook.sheets.includes(target.sheet);
  }

  protected read(target: RangeTarget, property: string): unknown {
    const { workbook, sheet, block } = target;
    const grid = (cell: (row: number, col: number) => unknown) =>
      Array.from({ length: block.bottom - block.top + 1 }, (_, row) =>
        Array.from({ length: block.right - block.left + 1 }, (_, col) => cell(block.top + row, block.left + col)),
      );
    switch (property) {
      case "values":
        return grid((row, col) => workbook.value(sheet, row, col));
      case "formulas":
        return grid((row, col) => workbook.formula(sheet, row, col));
      case "numberFormat":
        return grid((row, col) => workbook.numberFormat(sheet, row, col));
      case "address":
        return sheetQualified(sheet.name, block);
      case "rowIndex":
        return block.top;
      case "columnIndex":
        return block.left;
      case "rowCount":
        return block.bottom - block.top + 1;
      case "columnCount":
        return block.right - block.left + 1;
      default:
        return fail("InvalidArgument", `Range.load(${property})`);
    }
  }
}

/**
 * context.workbook.application: calculationMode ("ExcelApi 1.1 for get, 1.8 for set") and
 * calculate(calculationType) (ExcelApi 1.1), https://learn.microsoft.com/javascript/api/excel/excel.application.
 */
export class ApplicationProxy extends ClientObject<ExcelHost> {
  constructor(context: ModelContext) {
    super(context, "Application", () => context.host);
  }

  get calculationMode(): string {
    return this.loadedValue("calculationMode");
  }

  calculate(_calculationType: string): void {
    this.context.enqueue("Application.calculate", "1.1", () => this.context.host.calculate());
  }

  protected read(host: ExcelHost, property: string): unknown {
    return property === "calculationMode" ? host.calculationMode : fail("InvalidArgument", `Application.load(${property})`);
  }
}

/** context.runtime (ExcelApi 1.5); enableEvents is ExcelApi 1.8. */
export class RuntimeProxy extends ClientObject<ExcelHost> {
  constructor(context: ModelContext) {
    super(context, "Runtime", () => context.host);
  }

  get enableEvents(): boolean {
    return this.loadedValue("enableEvents");
  }

  /**
   * "Events are turned on and off per add-in" and stay so for the add-in's session, whatever
   * Excel.run set them (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events#enable-and-disable-events).
   */
  set enableEvents(enabled: boolean) {
    this.context.enqueue("Runtime.enableEvents", "1.8", () => void (this.context.host.eventsEnabled = enabled));
  }

  protected read(host: ExcelHost, property: string): unknown {
    return property === "enableEvents" ? host.eventsEnabled : fail("InvalidArgument", `Runtime.load(${property})`);
  }
}

/** Worksheet.onChanged's argument (WorksheetChangedEventArgs). */
export interface WorksheetChangedEvent {
  type: "WorksheetChanged";
  source: "Local" | "Remote";
  worksheetId: string;
  /** Not sheet-qualified: "E7", "C7:E9", "7:8". */
  address: string;
  changeType: "RangeEdited" | "RowInserted" | "RowDeleted" | "ColumnInserted" | "ColumnDeleted" | "CellInserted" | "CellDeleted";
  /** ExcelApi 1.9, single-cell edits only. */
  details?: { valueBefore: ExcelValue; valueAfter: ExcelValue };
  /** ExcelApi 1.14: the add-in's own write. */
  triggerSource?: "ThisLocalAddin";
}

/** Worksheet.onSelectionChanged's argument (WorksheetSelectionChangedEventArgs): the new selection, not sheet-qualified. */
export interface WorksheetSelectionChangedEvent {
  type: "WorksheetSelectionChanged";
  worksheetId: string;
  address: string;
}

export function decodeBase64(base64: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  } catch {
    return undefined;
  }
}
