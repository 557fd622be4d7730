import { DetailedCellError, HyperFormula } from "hyperformula";
import type { RawCellContent } from "hyperformula";
import { columnIndex, columnLetter, parseA1, parseRange, toA1, toRange } from "../../../shared/xlsx/cell-address.ts";
import { readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { xlsxNumberFormats } from "./xlsx-number-formats.ts";

/** A cell value as Range.values returns it: "" for a blank cell, error values as their text. */
export type ExcelValue = number | string | boolean;

export interface ModelSheet {
  /** Worksheet.id: stable while the sheet exists, whatever it is renamed to. */
  readonly id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  /** Number formats by A1; absent means General. */
  formats: Map<string, string>;
  /** Rows hidden by the clerk (or a filter), 0-based. */
  hiddenRows: Set<number>;
}

/** 0-based, inclusive; `wholeRows`/`wholeColumns` for addresses such as "7:8" or "C:C". */
export interface CellBlock {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const LAST_ROW = 1_048_575;
export const LAST_COLUMN = 16_383;

let nextSheetNumber = 1;
const newSheetId = () => `{00000000-0001-0000-${String(nextSheetNumber++).padStart(4, "0")}-000000000000}`;

/**
 * One workbook's contents as Excel holds them. Formula cells are computed by HyperFormula, so a
 * formula cell holds its result as Excel's recalculation would, and changes with its inputs.
 * Source for recalculation: "By default, Excel automatically recalculates all open workbooks as you
 * change values" and in manual mode only "when you press F9" ("Change formula recalculation,
 * iteration, or precision in Excel", Microsoft Support). The mode is not the file's:
 * Application.calculationMode "is a runtime property. The calculationMode setting is not persisted
 * in the workbook" (https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-calculationmode-member):
 * the model keeps it on the ExcelHost (the running Excel), which freezes the results here.
 */
export class ModelWorkbook {
  readonly sheets: ModelSheet[] = [];
  /** Office.context.document.settings of this document: see DocumentSettings. */
  readonly settings = new DocumentSettings();
  private readonly engine = HyperFormula.buildEmpty({
    licenseKey: "gpl-v3",
    // Excel (zh-CN) reads typed ISO dates as dates.
    dateFormats: ["YYYY-MM-DD", "YYYY/MM/DD"],
    // Excel's serial dates (1900 system, including its 1900-02-29).
    leapYear1900: true,
    nullDate: { year: 1899, month: 12, day: 30 },
    smartRounding: true,
  });

  /**
   * Whether the workbook has a file: one opened from an .xlsx has; a new one (工作簿1) has none until
   * saved. Office.context.document.getFilePropertiesAsync fails on such a workbook in Excel
   * (office-js #3509: "In the event that a new workbook has not been saved … returns {value:
   * undefined, status: "failed"}"); Workbook.save gives it a file "with default name in the default
   * location" (SaveBehavior.save, https://learn.microsoft.com/javascript/api/excel/excel.savebehavior).
   */
  hasFile = false;
  /** Where the workbook was put without the clerk choosing ("the default location"), if it was. */
  savedToDefaultLocation = false;
  /**
   * Formula results as of the last calculation, while the session calculates manually: see
   * ExcelHost.calculationMode. Keyed "sheetId row col"; a formula entered since is computed.
   */
  private calculated: Map<string, ExcelValue> | undefined;

  constructor(readonly name = "工作簿1") {}

  /** Keeps every formula's result as it is now (manual calculation mode: F9, Application.calculate). */
  freezeResults(): void {
    this.calculated = new Map();
    for (const sheet of this.sheets) {
      this.engine.getSheetSerialized(this.engineId(sheet)).forEach((cells, row) =>
        cells.forEach((content, col) => {
          if (typeof content === "string" && content.startsWith("=")) this.calculated?.set(`${sheet.id} ${row} ${col}`, this.liveValue(sheet, row, col));
        }),
      );
    }
  }

  /** Formulas follow their inputs again (automatic calculation mode). */
  thawResults(): void {
    this.calculated = undefined;
  }

  /**
   * The contents and formats of a block as they are now, and a function that puts them back: what
   * an undo record holds. Of a whole-row or whole-column block only the used part is kept: the
   * cells beyond are blank, and such a block is only ever cleared.
   */
  snapshot(sheet: ModelSheet, block: CellBlock): () => void {
    const { row: lastRow, col: lastCol } = this.lastUsed(sheet);
    const bottom = block.bottom === LAST_ROW ? Math.max(block.top, Math.min(block.bottom, lastRow)) : block.bottom;
    const right = block.right === LAST_COLUMN ? Math.max(block.left, Math.min(block.right, lastCol)) : block.right;
    const engineId = this.engineId(sheet);
    const contents = Array.from({ length: bottom - block.top + 1 }, (_, row) =>
      Array.from({ length: right - block.left + 1 }, (_, col) =>
        this.engine.getCellSerialized({ sheet: engineId, row: block.top + row, col: block.left + col }),
      ),
    );
    const formats = [...sheet.formats].filter(([a1]) => inBlock(parseA1(a1), block));
    return () => {
      if (!this.sheets.includes(sheet)) return;
      this.engine.setCellContents({ sheet: this.engineId(sheet), row: block.top, col: block.left }, contents as RawCellContent[][]);
      for (const a1 of [...sheet.formats.keys()]) if (inBlock(parseA1(a1), block)) sheet.formats.delete(a1);
      for (const [a1, format] of formats) sheet.formats.set(a1, format);
    };
  }

  /** A workbook opened from an .xlsx file: values, formulas (recomputed), number formats, sheet states. */
  static fromXlsx(bytes: Uint8Array, name?: string): ModelWorkbook {
    const workbook = new ModelWorkbook(name);
    workbook.insertFromXlsx(bytes);
    workbook.hasFile = true;
    return workbook;
  }

  /** Adds the sheets of an .xlsx; a name in use gets " (2)", " (3)" … as Excel does. Returns the new sheets. */
  insertFromXlsx(bytes: Uint8Array): ModelSheet[] {
    const file = readXlsx(bytes);
    const formats = xlsxNumberFormats(bytes);
    const added: ModelSheet[] = [];
    this.engine.batch(() => {
      for (const sheet of file.sheets) {
        const modelSheet = this.addSheet(
          this.freeName(sheet.name),
          sheet.state === "veryHidden" ? "VeryHidden" : sheet.state === "hidden" ? "Hidden" : "Visible",
        );
        for (const row of sheet.hiddenRows) modelSheet.hiddenRows.add(row);
        for (const [a1, format] of formats.get(sheet.name) ?? []) modelSheet.formats.set(a1, format);
        // One call a run of consecutive filled rows, not one a cell: a 10,000-row roster opens in seconds, not a minute.
        const rows = new Map<number, RawCellContent[]>();
        for (const [a1, cell] of sheet.cells) {
          const { row, col } = parseA1(a1);
          const cells = rows.get(row) ?? rows.set(row, []).get(row)!;
          cells[col] = cell.formula ? `=${cell.formula}` : typeof cell.value === "string" ? `'${cell.value}` : cell.value;
        }
        const engineId = this.engineId(modelSheet);
        const ordered = [...rows.keys()].sort((a, b) => a - b);
        for (let start = 0; start < ordered.length; ) {
          let end = start + 1;
          while (end < ordered.length && ordered[end] === (ordered[end - 1] as number) + 1) end++;
          const block = ordered.slice(start, end).map((row) => Array.from(rows.get(row) as RawCellContent[], (content) => content ?? null));
          this.engine.setCellContents({ sheet: engineId, row: ordered[start] as number, col: 0 }, block);
          start = end;
        }
        added.push(modelSheet);
      }
    });
    return added;
  }

  addSheet(name: string, visibility: ModelSheet["visibility"] = "Visible"): ModelSheet {
    if (this.sheet(name)) throw new Error(`a sheet named ${name} exists`);
    this.engine.addSheet(name);
    const sheet: ModelSheet = { id: newSheetId(), name, visibility, formats: new Map(), hiddenRows: new Set() };
    this.sheets.push(sheet);
    return sheet;
  }

  /** By name (case-insensitive, as Excel compares sheet names) or by id. */
  sheet(nameOrId: string): ModelSheet | undefined {
    const folded = nameOrId.toLowerCase();
    return this.sheets.find((sheet) => sheet.id === nameOrId || sheet.name.toLowerCase() === folded);
  }

  renameSheet(sheet: ModelSheet, name: string): void {
    this.engine.renameSheet(this.engineId(sheet), name);
    sheet.name = name;
  }

  deleteSheet(sheet: ModelSheet): void {
    this.engine.removeSheet(this.engineId(sheet));
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
  }

  /** What Range.values returns for a cell. */
  value(sheet: ModelSheet, row: number, col: number): ExcelValue {
    const kept = this.calculated?.get(`${sheet.id} ${row} ${col}`);
    return kept ?? this.liveValue(sheet, row, col);
  }

  /** A cell's value as a calculation now would give it. */
  private liveValue(sheet: ModelSheet, row: number, col: number): ExcelValue {
    const value = this.engine.getCellValue({ sheet: this.engineId(sheet), row, col });
    if (value instanceof DetailedCellError) return value.value;
    return value ?? "";
  }

  /** What Range.formulas returns for a cell: the formula with "=", else the value. */
  formula(sheet: ModelSheet, row: number, col: number): ExcelValue {
    const address = { sheet: this.engineId(sheet), row, col };
    return this.engine.getCellFormula(address) ?? this.value(sheet, row, col);
  }

  numberFormat(sheet: ModelSheet, row: number, col: number): string {
    return sheet.formats.get(toA1(row, col)) ?? "General";
  }

  /**
   * Puts one input into a cell as Excel does when it is typed or written through Range.values.
   * "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel
   * interprets this value as a formula" (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member).
   * Numeric, date and boolean text becomes a number or boolean, and a cell formatted as text ("@")
   * keeps any string as text: Excel's behaviour for typed input ("Format numbers as text", Microsoft
   * Support); the API docs do not restate it (office-js #6687 shows the same coercion through the API).
   */
  input(sheet: ModelSheet, row: number, col: number, input: unknown): void {
    // "Use null in 2-D arrays to leave specific cells unchanged"; "" clears the cell
    // (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values).
    if (input === null || input === undefined) return;
    this.engine.setCellContents({ sheet: this.engineId(sheet), row, col }, [[this.contentOf(sheet, row, col, input)]]);
  }

  clear(sheet: ModelSheet, block: CellBlock, what: "Contents" | "Formats" | "All"): void {
    const bottom = Math.min(block.bottom, this.lastUsed(sheet).row);
    const right = Math.min(block.right, this.lastUsed(sheet).col);
    if (what !== "Formats" && bottom >= block.top && right >= block.left) {
      const empty = Array.from({ length: bottom - block.top + 1 }, () => new Array<RawCellContent>(right - block.left + 1).fill(null));
      this.engine.setCellContents({ sheet: this.engineId(sheet), row: block.top, col: block.left }, empty);
    }
    if (what !== "Contents") for (const a1 of [...sheet.formats.keys()]) if (inBlock(parseA1(a1), block)) sheet.formats.delete(a1);
  }

  /**
   * Worksheet.getUsedRange(valuesOnly): the smallest block holding every cell with a value (and,
   * unless valuesOnly, every formatted cell); undefined for a blank sheet. It need not start at A1.
   * Source: https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrange-member(1)
   */
  usedBlock(sheet: ModelSheet, valuesOnly: boolean): CellBlock | undefined {
    let block: CellBlock | undefined;
    const include = (row: number, col: number) => {
      if (!block) block = { top: row, left: col, bottom: row, right: col };
      else block = { top: Math.min(block.top, row), left: Math.min(block.left, col), bottom: Math.max(block.bottom, row), right: Math.max(block.right, col) };
    };
    const serialized = this.engine.getSheetSerialized(this.engineId(sheet));
    serialized.forEach((cells, row) => cells.forEach((content, col) => content !== null && content !== undefined && content !== "" && include(row, col)));
    if (!valuesOnly) for (const a1 of sheet.formats.keys()) include(parseA1(a1).row, parseA1(a1).col);
    return block;
  }

  /** Rows inserted above `row` (formulas and formats below move down, as in Excel). */
  insertRows(sheet: ModelSheet, row: number, count: number): void {
    this.engine.addRows(this.engineId(sheet), [row, count]);
    shiftFormats(sheet, row, count);
  }

  deleteRows(sheet: ModelSheet, row: number, count: number): void {
    this.engine.removeRows(this.engineId(sheet), [row, count]);
    for (const a1 of [...sheet.formats.keys()]) {
      const at = parseA1(a1).row;
      if (at >= row && at < row + count) sheet.formats.delete(a1);
    }
    shiftFormats(sheet, row + count, -count);
  }

  private contentOf(sheet: ModelSheet, row: number, col: number, input: unknown): RawCellContent {
    if (input === "") return null;
    if (typeof input === "number" || typeof input === "boolean") return input;
    const text = String(input);
    if (this.numberFormat(sheet, row, col) === "@") return `'${text}`;
    if (/^[+-]/.test(text) && !Number.isFinite(Number(text))) return `=${text}`;
    return text; // HyperFormula parses it as Excel parses typed input: formulas, numbers, dates, booleans.
  }

  private lastUsed(sheet: ModelSheet): { row: number; col: number } {
    const { height, width } = this.engine.getSheetDimensions(this.engineId(sheet));
    return { row: height - 1, col: width - 1 };
  }

  private freeName(name: string): string {
    if (!this.sheet(name)) return name;
    for (let suffix = 2; ; suffix++) if (!this.sheet(`${name} (${suffix})`)) return `${name} (${suffix})`;
  }

  private engineId(sheet: ModelSheet): number {
    const id = this.engine.getSheetId(sheet.name);
    if (id === undefined) throw new Error(`no sheet ${sheet.name}`);
    return id;
  }
}

/**
 * Office.context.document.settings of one document. "The get, set, and remove methods operate only
 * on the in-memory copy of the settings property bag"
 * (https://learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings);
 * "The saveAsync method persists the in-memory settings property bag into the document file.
 * However, the changes to the document file itself are saved only when the user (or AutoRecover
 * setting) saves the document" (https://learn.microsoft.com/javascript/api/office/office.settings#office-office-settings-saveasync-member(1)).
 * Microsoft states no size limit for document settings (the article once mentioned "size limits"
 * without a figure); issues report saves failing at 1–2 MB (sizeLimitBytes). A test makes saveAsync
 * fail for other reasons with `failSaves`.
 */
export class DocumentSettings {
  live = new Map<string, unknown>();
  /** In the open document (after saveAsync), not yet in its file. */
  inDocument = new Map<string, unknown>();
  /** In the saved file: what a reopened workbook has. */
  inFile = new Map<string, unknown>();
  /** Makes saveAsync fail (a test's switch: e.g. a read-only or protected document). */
  failSaves = false;
  /**
   * What the settings may hold, as JSON in UTF-8, before saveAsync fails. Microsoft documents no
   * figure; on OfficeDev/office-js #621 (Excel on Windows) Microsoft answered "We only support 2MB
   * maximum for settings", and #3957 (Excel 2021, Windows 11) saw saves fail from about 1 MB with
   * "The argument is invalid or missing or has an incorrect format". The model takes 2 MB; a test may
   * lower it.
   */
  sizeLimitBytes = 2 * 1024 * 1024;

  /**
   * saveAsync from a client's in-memory copy (`live`: the first client's is this object's own, a
   * co-author's is its ExcelHost's): the whole copy replaces what the document held, so a save from a
   * copy older than a co-author's save takes that save away (see ExcelHost.coauthor).
   */
  save(live: Map<string, unknown> = this.live): { ok: true } | { ok: false; message: string } {
    if (this.failSaves) return { ok: false, message: "The settings could not be saved." };
    if (new TextEncoder().encode(JSON.stringify(Object.fromEntries(live))).length > this.sizeLimitBytes) {
      return { ok: false, message: "The argument is invalid or missing or has an incorrect format." };
    }
    this.inDocument = new Map(live);
    return { ok: true };
  }

  /** The workbook is saved (by the clerk, or Workbook.save). */
  fileSaved(): void {
    this.inFile = new Map(this.inDocument);
  }

  /** The workbook is closed without saving and opened again. */
  reopened(): void {
    this.inDocument = new Map(this.inFile);
    this.live = new Map(this.inFile);
  }
}

function shiftFormats(sheet: ModelSheet, fromRow: number, by: number): void {
  const moved = [...sheet.formats].filter(([a1]) => parseA1(a1).row >= fromRow);
  for (const [a1] of moved) sheet.formats.delete(a1);
  for (const [a1, format] of moved) {
    const { row, col } = parseA1(a1);
    sheet.formats.set(toA1(row + by, col), format);
  }
}

const inBlock = (cell: { row: number; col: number }, block: CellBlock) =>
  cell.row >= block.top && cell.row <= block.bottom && cell.col >= block.left && cell.col <= block.right;

/** "C7", "C7:E9", "7:9" (whole rows), "C:E" (whole columns); undefined when not an address. */
export function parseBlock(address: string): CellBlock | undefined {
  const [first, second = first] = address.split(":") as [string, string?];
  if (/^\d+$/.test(first) && /^\d+$/.test(second as string)) return { top: Number(first) - 1, bottom: Number(second) - 1, left: 0, right: LAST_COLUMN };
  if (/^[A-Z]{1,3}$/i.test(first) && /^[A-Z]{1,3}$/i.test(second as string)) {
    return { top: 0, bottom: LAST_ROW, left: columnIndex(first), right: columnIndex(second as string) };
  }
  try {
    const { start, end } = parseRange(address);
    return { top: start.row, left: start.col, bottom: end.row, right: end.col };
  } catch {
    return undefined;
  }
}

/** A block as Excel writes it in an address: "C7", "C7:E9", "7:9", "C:E". */
export function blockName(block: CellBlock): string {
  if (block.left === 0 && block.right === LAST_COLUMN) return `${block.top + 1}:${block.bottom + 1}`;
  if (block.top === 0 && block.bottom === LAST_ROW) return `${columnLetter(block.left)}:${columnLetter(block.right)}`;
  return toRange({ start: { row: block.top, col: block.left }, end: { row: block.bottom, col: block.right } });
}

/**
 * Range.address: "Specifies the range reference in A1-style. Address value contains the sheet
 * reference (e.g., "Sheet1!A1:B4")"; a name that is not a plain identifier is quoted, with quotes
 * doubled, as in formulas ('教扶04 教师队伍提升'!E7).
 * Source: https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-address-member
 */
export function sheetQualified(sheetName: string, block: CellBlock): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheetName) && !/^[A-Z]{1,3}\d+$/i.test(sheetName);
  return `${plain ? sheetName : `'${sheetName.replace(/'/g, "''")}'`}!${blockName(block)}`;
}
