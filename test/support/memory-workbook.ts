import { RANGES_SHEET_NAME } from "../../shared/workbook/ranges-sheet.ts";
import { META_SHEET_NAME } from "../../shared/layout/workbook-layout.ts";
import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import type { CellValue, Explanation } from "../../shared/report/report-data.ts";
import { parseRange, toA1, toRange } from "../../shared/xlsx/cell-address.ts";
import {
  contentsFromBlocks,
  EXPLANATION_ROWS_CLEARED,
  explanationsAddress,
  identityFromMeta,
  metaAddress,
  sheetBlock,
} from "../../addin/workbook/report-blocks.ts";
import { ROSTER_COUNTS_SHEET } from "../../shared/roster/roster-counts-sheet.ts";
import type {
  CellBlockAddress,
  CellsChanged,
  QueueStorage,
  ReportWorkbook,
  SelectedCell,
  TemplatePlacement,
  WorkbookContents,
  WorkbookIdentity,
  WorkbookSave,
} from "../../addin/workbook/report-workbook.ts";

/** A worksheet as plain data: its cells by A1 ("C7"), blank cells absent. */
export interface MemorySheet {
  name: string;
  cells: Map<string, CellValue>;
}

/** Turns an .xlsx (base64) into sheets. Injected, so that this module holds no .xlsx code. */
export type TemplateReader = (base64: string) => MemorySheet[];

/**
 * A workbook in plain TypeScript for the pane's logic tests and the keystroke bench: values by
 * address, change events for `type` and `paste` (asynchronously, as Excel raises them), no formulas
 * (formula cells stay blank and the engine computes them). The add-in itself is tested over the
 * model of Excel in test/support/excel-model, which recalculates as Excel does.
 */
export class MemoryWorkbook implements ReportWorkbook {
  readonly sheets = new Map<string, MemorySheet>();
  /** Workbooks the pane opened as new windows (Excel.createWorkbook), as base64. */
  readonly openedWorkbooks: string[] = [];
  selection: SelectedCell | undefined;
  private submitQueue = "";
  private watcher: { sheetNames: Set<string>; listener: (change: CellsChanged) => void } | undefined;

  constructor(
    private readonly readTemplate: TemplateReader,
    private readonly canInsertSheets = true,
  ) {}

  /** The clerk types one value. */
  type(sheetName: string, a1: string, value: CellValue): void {
    this.paste(sheetName, a1, [[value]]);
  }

  /** The clerk pastes (or fills) a block whose top-left cell is `a1`; one change event for the block. */
  paste(sheetName: string, a1: string, values: CellValue[][]): void {
    const { start } = parseRange(a1);
    this.setValues(sheetName, start.row, start.col, values);
    const address = toRange({ start, end: { row: start.row + values.length - 1, col: start.col + Math.max(...values.map((row) => row.length)) - 1 } });
    const watcher = this.watcher;
    if (watcher?.sheetNames.has(sheetName)) queueMicrotask(() => watcher.listener({ sheetName, address }));
  }

  value(sheetName: string, a1: string): CellValue {
    return this.sheets.get(sheetName)?.cells.get(a1) ?? null;
  }

  async readIdentity(): Promise<WorkbookIdentity | undefined> {
    return this.sheets.has(META_SHEET_NAME) ? identityFromMeta(this.values(META_SHEET_NAME, metaAddress())) : undefined;
  }

  async readReport(layout: WorkbookLayout): Promise<WorkbookContents> {
    const blocks = layout.sheets
      .filter((sheetLayout) => this.sheets.has(sheetLayout.name))
      .map((sheetLayout) => {
        const block = sheetBlock(sheetLayout);
        return { block, values: this.values(sheetLayout.name, block.address) };
      });
    const explanationRows = this.values(layout.explanations.name, explanationsAddress(layout, EXPLANATION_ROWS_CLEARED)).filter((row) =>
      row.some((cell) => cell !== null),
    );
    const previous = this.sheets.get(layout.previous.name);
    const roster = this.sheets.get(ROSTER_COUNTS_SHEET);
    const ranges = this.sheets.get(RANGES_SHEET_NAME);
    return contentsFromBlocks(
      layout,
      blocks,
      explanationRows,
      previous ? this.usedValues(previous) : undefined,
      roster ? this.usedValues(roster) : undefined,
      ranges ? this.usedValues(ranges) : undefined,
    );
  }

  async readExplanations(layout: WorkbookLayout): Promise<Explanation[]> {
    return (await this.readReport(layout)).report.explanations ?? [];
  }

  async readBlocks(blocks: CellBlockAddress[]): Promise<CellValue[][][]> {
    return blocks.map(({ sheetName, address }) => this.values(sheetName, address));
  }

  async watchChanges(sheetNames: string[], listener: (change: CellsChanged) => void): Promise<void> {
    this.watcher = { sheetNames: new Set(sheetNames), listener };
  }

  async writeExplanations(layout: WorkbookLayout, rows: CellValue[][]): Promise<void> {
    const sheet = this.sheet(layout.explanations.name);
    const { start } = parseRange(explanationsAddress(layout, 1));
    for (const key of [...sheet.cells.keys()]) if (parseRange(key).start.row >= start.row) sheet.cells.delete(key);
    this.setValues(layout.explanations.name, start.row, start.col, rows);
  }

  async selectCell(sheetName: string, a1: string): Promise<void> {
    this.selection = { sheetName, a1 };
  }

  async readSelectedCell(): Promise<SelectedCell | undefined> {
    return this.selection;
  }

  async insertTemplate(base64: string): Promise<TemplatePlacement> {
    if (!this.canInsertSheets) {
      this.openedWorkbooks.push(base64);
      return "opened";
    }
    for (const sheet of this.readTemplate(base64)) this.sheets.set(sheet.name, sheet);
    return "inserted";
  }

  async openWorkbook(base64: string): Promise<"opened"> {
    this.openedWorkbooks.push(base64);
    return "opened";
  }

  async readSubmitQueue(): Promise<string> {
    return this.submitQueue;
  }

  async writeSubmitQueue(json: string): Promise<QueueStorage> {
    this.submitQueue = json;
    return "saved";
  }

  async saveWorkbook(): Promise<WorkbookSave> {
    return "saved";
  }

  private sheet(name: string): MemorySheet {
    let sheet = this.sheets.get(name);
    if (!sheet) this.sheets.set(name, (sheet = { name, cells: new Map() }));
    return sheet;
  }

  private setValues(sheetName: string, firstRow: number, firstColumn: number, values: CellValue[][]): void {
    const cells = this.sheet(sheetName).cells;
    values.forEach((row, rowOffset) =>
      row.forEach((value, columnOffset) => {
        const a1 = toA1(firstRow + rowOffset, firstColumn + columnOffset);
        if (value === null || value === "") cells.delete(a1);
        else cells.set(a1, value);
      }),
    );
  }

  /** A block's values as Excel returns them: "" for a blank cell. */
  private values(sheetName: string, address: string): CellValue[][] {
    const cells = this.sheets.get(sheetName)?.cells;
    const { start, end } = parseRange(address);
    return Array.from({ length: end.row - start.row + 1 }, (_, rowOffset) =>
      Array.from({ length: end.col - start.col + 1 }, (_, columnOffset) => cells?.get(toA1(start.row + rowOffset, start.col + columnOffset)) ?? ""),
    );
  }

  /** From A1 to the last filled cell, as Excel's used range of a sheet that starts at A1. */
  private usedValues(sheet: MemorySheet): CellValue[][] {
    let lastRow = 0;
    let lastColumn = 0;
    for (const a1 of sheet.cells.keys()) {
      const { start } = parseRange(a1);
      lastRow = Math.max(lastRow, start.row);
      lastColumn = Math.max(lastColumn, start.col);
    }
    return this.values(sheet.name, `A1:${toA1(lastRow, lastColumn)}`);
  }
}
