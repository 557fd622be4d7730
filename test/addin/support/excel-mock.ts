import { OfficeMockObject } from "office-addin-mock";
import type { CellValue } from "../../../shared/report/report-data.ts";
import { parseRange, toA1 } from "../../../shared/xlsx/cell-address.ts";
import type { MemorySheet } from "../../../addin/workbook/memory-workbook.ts";
import type { SelectedCell } from "../../../addin/workbook/report-workbook.ts";
import { qualifiedReference } from "../../../shared/layout/workbook-layout.ts";

const minorVersion = (version: string) => Number(version.split(".")[1]);

/** What the adapter did to the workbook, in order. */
export type ExcelOperation =
  | { kind: "load"; sheetName: string; address: string; properties: string }
  | { kind: "write"; sheetName: string; address: string; values: CellValue[][] }
  | { kind: "clear"; sheetName: string; address: string }
  | { kind: "select"; sheetName: string; address: string }
  | { kind: "activate"; sheetName: string }
  | { kind: "enableEvents"; value: boolean }
  | { kind: "insertWorksheetsFromBase64"; base64: string }
  | { kind: "createWorkbook"; base64: string };

/**
 * Excel for the adapter tests: `Excel.run`, worksheets, ranges, onChanged, runtime and document
 * settings over plain cells. Ranges are office-addin-mock objects, so a value read before its
 * load() and context.sync() is an error value, as in Excel. Counts context.sync() calls.
 */
export class ExcelMock {
  syncs = 0;
  readonly operations: ExcelOperation[] = [];
  readonly settings = new Map<string, unknown>();
  /** Where the user clicked: Workbook.getActiveCell(). */
  activeCell: SelectedCell = { sheetName: "Sheet1", a1: "A1" };
  private readonly handlers = new Map<string, (event: { worksheetId: string; address: string }) => Promise<void>>();
  private pending: (() => Promise<void>)[] = [];

  constructor(
    readonly sheets: Map<string, MemorySheet>,
    private readonly apiVersion = "1.8",
  ) {}

  static of(sheets: MemorySheet[], apiVersion?: string): ExcelMock {
    return new ExcelMock(new Map(sheets.map((sheet) => [sheet.name, sheet])), apiVersion);
  }

  /** Installs `Excel` and `Office` as globals, as office.js does. */
  install(): void {
    const globals = globalThis as Record<string, unknown>;
    globals.Excel = {
      run: async <T>(batch: (context: unknown) => Promise<T>) => batch(this.context()),
      createWorkbook: async (base64: string) => void this.operations.push({ kind: "createWorkbook", base64 }),
    };
    globals.Office = {
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      context: {
        requirements: { isSetSupported: (name: string, version: string) => name === "ExcelApi" && minorVersion(version) <= minorVersion(this.apiVersion) },
        document: {
          settings: {
            get: (name: string) => this.settings.get(name) ?? null,
            set: (name: string, value: unknown) => void this.settings.set(name, value),
            remove: (name: string) => void this.settings.delete(name),
            saveAsync: (callback: (result: { status: string }) => void) => callback({ status: "succeeded" }),
          },
        },
      },
    };
  }

  /** The clerk edits a sheet: Excel raises onChanged with the sheet's id and the address. */
  async fireChange(sheetName: string, address: string): Promise<void> {
    await this.handlers.get(sheetName)?.({ worksheetId: this.idOf(sheetName), address });
  }

  get watchedSheets(): string[] {
    return [...this.handlers.keys()];
  }

  private idOf(sheetName: string): string {
    return `{id-${[...this.sheets.keys()].indexOf(sheetName)}}`;
  }

  private context() {
    const sheetNames = [...this.sheets.keys()];
    let itemsLoaded = false;
    let itemsSynced = false;
    const worksheets = {
      load: () => {
        itemsLoaded = true;
        return worksheets;
      },
      get items() {
        if (!itemsSynced) throw new Error("worksheets.items read before load() and sync()");
        return sheetNames.map((name, index) => ({ name, id: `{id-${index}}` }));
      },
      getItem: (name: string) => {
        if (!this.sheets.has(name)) throw new Error(`ItemNotFound: ${name}`);
        return this.worksheet(name);
      },
    };
    let enableEvents = true;
    const runtime = {
      get enableEvents() {
        return enableEvents;
      },
      set enableEvents(value: boolean) {
        enableEvents = value;
        operations.push({ kind: "enableEvents", value });
      },
    };
    const operations = this.operations;
    return {
      workbook: {
        worksheets,
        getActiveCell: () => {
          const { sheetName, a1 } = this.activeCell;
          const cell = new OfficeMockObject({ address: qualifiedReference(sheetName, a1), worksheet: { name: sheetName } });
          this.pending.push(() => cell.sync());
          return cell;
        },
        insertWorksheetsFromBase64: (base64: string) => {
          if (minorVersion(this.apiVersion) < 13) throw new Error("insertWorksheetsFromBase64 needs ExcelApi 1.13");
          this.operations.push({ kind: "insertWorksheetsFromBase64", base64 });
        },
      },
      runtime,
      sync: async () => {
        this.syncs++;
        if (itemsLoaded) itemsSynced = true;
        const pending = this.pending;
        this.pending = [];
        for (const settle of pending) await settle();
        // office-addin-mock settles loaded properties in microtasks.
        await new Promise((resolve) => setImmediate(resolve));
      },
    };
  }

  private worksheet(sheetName: string) {
    return {
      name: sheetName,
      activate: () => void this.operations.push({ kind: "activate", sheetName }),
      getRange: (address: string) => this.range(sheetName, address),
      getUsedRange: () => this.range(sheetName, this.usedAddress(sheetName)),
      onChanged: { add: (handler: (event: { worksheetId: string; address: string }) => Promise<void>) => void this.handlers.set(sheetName, handler) },
    };
  }

  private range(sheetName: string, address: string) {
    const { start, end } = parseRange(address);
    const cells = this.sheets.get(sheetName)?.cells;
    const values = Array.from({ length: end.row - start.row + 1 }, (_, row) =>
      Array.from({ length: end.col - start.col + 1 }, (_, col) => cells?.get(toA1(start.row + row, start.col + col)) ?? ""),
    );
    const mock = new OfficeMockObject({ values, rowIndex: start.row, address });
    let settledValues: unknown = mock.values;
    let settling = true;
    // office-addin-mock sets `values` itself while loading and syncing; the adapter setting it is a write.
    Object.defineProperty(mock, "values", {
      get: () => settledValues,
      set: (value: CellValue[][]) => {
        settledValues = value;
        if (!settling) this.operations.push({ kind: "write", sheetName, address, values: value });
      },
    });
    settling = false;
    const load = mock.load.bind(mock);
    mock.load = (properties: string) => {
      this.operations.push({ kind: "load", sheetName, address, properties });
      settling = true;
      load(properties);
      settling = false;
      this.pending.push(async () => {
        settling = true;
        await mock.sync();
        await new Promise((resolve) => setImmediate(resolve));
        settling = false;
      });
      return mock;
    };
    mock.clear = () => void this.operations.push({ kind: "clear", sheetName, address });
    mock.select = () => void this.operations.push({ kind: "select", sheetName, address });
    return mock;
  }

  private usedAddress(sheetName: string): string {
    let lastRow = 0;
    let lastColumn = 0;
    for (const a1 of this.sheets.get(sheetName)?.cells.keys() ?? []) {
      const { start } = parseRange(a1);
      lastRow = Math.max(lastRow, start.row);
      lastColumn = Math.max(lastColumn, start.col);
    }
    return `A1:${toA1(lastRow, lastColumn)}`;
  }
}
