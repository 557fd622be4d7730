import type { FieldDefinition } from "../forms/form-schema.ts";
import type { FormSet } from "../forms/form-set.ts";
import { META_SHEET_NAME, unitLayout } from "../layout/workbook-layout.ts";
import type { SheetLayout, WorkbookLayout } from "../layout/workbook-layout.ts";
import { reportingTree } from "../units/reporting-tree.ts";
import type { UnitTree } from "../units/unit-tree.ts";
import { MAX_EXPLANATIONS } from "../report/report-data.ts";
import type { CellValue, ReportData, ReportRow } from "../report/report-data.ts";
import { parseDateText } from "../values/excel-date.ts";
import { columnLetter, parseA1, toA1 } from "../xlsx/cell-address.ts";
import { XlsxReadError } from "../xlsx/model.ts";
import type { XlsxReadSheet, XlsxValue } from "../xlsx/model.ts";
import { XlsxLimitError, readXlsx } from "../xlsx/read-xlsx.ts";
import { readExplanationsSheet } from "./explanations-sheet.ts";
import { readMetaSheet } from "./meta-sheet.ts";
import { previousReportFromRows } from "./previous-report.ts";
import { ROSTER_COUNTS_SHEET, rosterCountsFromRows } from "../roster/roster-counts-sheet.ts";
import type { RosterCountsByCounty } from "../roster/roster-counts-sheet.ts";
import { RANGES_SHEET_NAME } from "./ranges-sheet.ts";
import type { OutlierRanges } from "../quality/outlier-ranges.ts";
import { rangesFromRows } from "../quality/range-rows.ts";

export type WorkbookReadErrorCode =
  | "not-xlsx"
  | "beyond-limits"
  | "no-meta"
  | "wrong-edition"
  | "unknown-prefecture"
  | "checksum"
  | "missing-sheet"
  | "moved-code-row"
  | "moved-column"
  | "moved-row";

/** A workbook that cannot be read as a report of this layout; the message names the sheet and cell, Chinese first. */
export class WorkbookReadError extends Error {
  override name = "WorkbookReadError";
  constructor(
    readonly code: WorkbookReadErrorCode,
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}

/** Something the reader noticed that the engine should hear about: a computed cell that no longer holds its formula. */
export interface WorkbookReadNote {
  sheetCode: string;
  cell: string;
  rowKey: string;
  fieldCode: string;
  messageZh: string;
  messageEn: string;
}

export interface ReadReportOptions {
  formSetOf: (edition: string) => FormSet | undefined;
  /** The reporting tree whose units a workbook may belong to; defaults to Shandong's (prefectures and counties). */
  units?: UnitTree;
  /** Receives the reader's notes, when given. */
  notes?: WorkbookReadNote[];
}

/**
 * Rows the reader reads on any sheet: the longest a report workbook has is its 说明 sheet with the
 * most explanations a report may carry, plus a margin for headings and a clerk's notes below.
 */
export const REPORT_ROW_LIMIT = MAX_EXPLANATIONS + 1_000;

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T[\d:.]+Z?$/;

/**
 * Reads a filled workbook back into a report through its layout. The layout is rebuilt from
 * _meta and the workbook must match it: columns are checked against the hidden code row and grid
 * rows against the 代码 column, so an inserted column or row is refused with a message naming the
 * place rather than silently misread. Computed cells give their cached value; a formula without
 * one is left out (the engine recomputes it), never taken for a missing input.
 */
export function readReportWorkbook(bytes: Uint8Array, options: ReadReportOptions): ReportData {
  return readReportWorkbookContents(bytes, options).report;
}

/** A report workbook's contents: the report, and the previous period's values when its _prev sheet holds any. */
export interface ReportWorkbookContents {
  report: ReportData;
  /** The previous period's accepted values from _prev, for the history rules; undefined when _prev is absent or empty. */
  previous?: ReportData;
  /** The counties' latest roster counts from _roster, when the period requires rosters (X10.1 offline). */
  rosterCounts?: RosterCountsByCounty;
  /** The outlier ranges from _ranges, for O01; undefined when the template carries none. */
  ranges?: OutlierRanges;
}

/** readReportWorkbook, and the previous period's values the server's template carries on _prev (grid fields of the history rules). */
export function readReportWorkbookContents(bytes: Uint8Array, options: ReadReportOptions): ReportWorkbookContents {
  const book = (() => {
    try {
      return readXlsx(bytes, { rows: REPORT_ROW_LIMIT });
    } catch (error) {
      if (error instanceof XlsxLimitError) throw new WorkbookReadError("beyond-limits", `拒绝读取:${error.messageZh}`, `refused: ${error.messageEn}`);
      if (error instanceof XlsxReadError)
        throw new WorkbookReadError("not-xlsx", "无法读取文件:不是有效的 .xlsx 工作簿", `the file is not a readable .xlsx workbook (${error.message})`);
      throw error;
    }
  })();
  const sheetsByName = new Map(book.sheets.map((sheet) => [sheet.name, sheet]));
  const layout = layoutFromMeta(sheetsByName.get(META_SHEET_NAME), options);

  const sheets: ReportData["sheets"] = {};
  for (const sheetLayout of layout.sheets) {
    const sheet = sheetsByName.get(sheetLayout.name);
    if (!sheet) throw new WorkbookReadError("missing-sheet", `缺少工作表“${sheetLayout.name}”`, `sheet “${sheetLayout.name}” is missing`);
    const read = new SheetReader(sheetLayout, sheet, options.notes);
    sheets[sheetLayout.sheet.code] =
      sheetLayout.sheet.kind === "cover" ? [read.cover(layout.unitCode)] : sheetLayout.sheet.kind === "grid" ? read.gridRows() : read.listRows();
  }
  const explanationsSheet = sheetsByName.get(layout.explanations.name);
  const report: ReportData = {
    edition: layout.edition,
    unitCode: layout.unitCode,
    period: layout.period,
    sheets,
    explanations: explanationsSheet ? readExplanationsSheet(layout, explanationsSheet) : [],
  };
  const previousSheet = sheetsByName.get(layout.previous.name);
  const previous = previousSheet ? previousReportFromRows(layout, valuesFromA1(previousSheet)) : undefined;
  const rosterSheet = sheetsByName.get(ROSTER_COUNTS_SHEET);
  const rangesSheet = sheetsByName.get(RANGES_SHEET_NAME);
  const ranges = rangesSheet ? rangesFromRows(valuesFromA1(rangesSheet)) : undefined;
  return {
    report,
    ...(previous && { previous }),
    ...(rosterSheet && { rosterCounts: rosterCountsFromRows(valuesFromA1(rosterSheet)) }),
    ...(ranges ? { ranges } : {}),
  };
}

/** A sheet's values as rows from A1 (blank cells null), as the add-in reads a used range. */
function valuesFromA1(sheet: XlsxReadSheet): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const [a1, cell] of sheet.cells) {
    const { row, col } = parseA1(a1);
    (rows[row] ??= [])[col] = cell.value ?? null;
  }
  return Array.from(rows, (row) => Array.from(row ?? [], (value) => value ?? null));
}

function layoutFromMeta(metaSheet: XlsxReadSheet | undefined, options: ReadReportOptions): WorkbookLayout {
  if (!metaSheet) {
    throw new WorkbookReadError(
      "no-meta",
      `缺少隐藏工作表“${META_SHEET_NAME}”:不是本系统生成的报表模板`,
      `hidden sheet “${META_SHEET_NAME}” is missing: not a template of this system`,
    );
  }
  const meta = readMetaSheet(metaSheet);
  const value = (key: string) => {
    const found = meta.get(key);
    if (!found) throw new WorkbookReadError("no-meta", `工作表“${META_SHEET_NAME}”缺少 ${key}`, `sheet “${META_SHEET_NAME}” has no ${key}`);
    return found;
  };
  const edition = value("edition");
  const formSet = options.formSetOf(edition);
  if (!formSet) throw new WorkbookReadError("wrong-edition", `不支持的表式版本 ${edition}`, `unknown form set edition ${edition}`);
  // The "prefecture" key holds the reporting unit's code at any level (see META_KEYS).
  const unitCode = value("prefecture");
  const unit = (options.units ?? reportingTree).unit(unitCode);
  // The province has no report workbook of its own (its consolidated workbook is not read back).
  if (!unit?.level.report) throw new WorkbookReadError("unknown-prefecture", `未知的填报单位代码 ${unitCode}`, `unknown prefecture code ${unitCode}`);
  const period = value("period");
  if (!/^\d{4}$/.test(period))
    throw new WorkbookReadError("no-meta", `工作表“${META_SHEET_NAME}”的报告期无效:${period}`, `sheet “${META_SHEET_NAME}” has an invalid period: ${period}`);
  const layout = unitLayout(formSet, unit, period);
  const checksum = value("checksum");
  if (checksum !== layout.checksum) {
    throw new WorkbookReadError(
      "checksum",
      `模板校验码 ${checksum} 与 ${edition} ${unit.name} ${period} 的模板 (${layout.checksum}) 不符:请下载新模板`,
      `template checksum ${checksum} does not match the ${edition} template of ${unit.nameEn} ${period} (${layout.checksum}): download a new template`,
    );
  }
  return layout;
}

/** Text of a cell as written in the code row or key column; numbers as their digits. */
const textOf = (value: XlsxValue | undefined): string => (value === null || value === undefined ? "" : String(value).trim());

class SheetReader {
  constructor(
    private readonly layout: SheetLayout,
    private readonly sheet: XlsxReadSheet,
    private readonly notes: WorkbookReadNote[] | undefined,
  ) {
    if (layout.sheet.kind === "cover") this.checkCoverCodes();
    else this.checkCodeRow();
  }

  gridRows(): ReportRow[] {
    const { layout } = this;
    const keyColumn = layout.keyColumn as number;
    const rows: ReportRow[] = [];
    for (const gridRow of layout.rows) {
      const rowIndex = layout.rowOf(gridRow.key) as number;
      const found = textOf(this.sheet.cells.get(toA1(rowIndex, keyColumn))?.value);
      if (found !== gridRow.key) {
        throw new WorkbookReadError(
          "moved-row",
          `工作表“${layout.name}”第 ${rowIndex + 1} 行 ${columnLetter(keyColumn)} 列的代码应为 ${gridRow.key},实为 ${found || "空"}(是否插入、删除或排序了行?)`,
          `sheet “${layout.name}” row ${rowIndex + 1}, column ${columnLetter(keyColumn)}: expected code ${gridRow.key}, found ${found || "blank"} (rows inserted, deleted or sorted?)`,
        );
      }
      // The 合计 row is formulas over the counties: the engine recomputes it.
      if (gridRow.kind === "county") rows.push({ key: gridRow.key, values: this.rowValues(gridRow.key, gridRow.key) });
    }
    return rows;
  }

  listRows(): ReportRow[] {
    const { layout } = this;
    const keyFields = layout.sheet.keyFields;
    const rows: ReportRow[] = [];
    for (let position = 0; position < layout.listCapacity; position++) {
      const values = this.rowValues(position, String(position));
      if (Object.keys(values).length === 0) continue;
      rows.push({ key: keyFields.map((field) => textOf(values[field.code])).join("|"), position, values });
    }
    return rows;
  }

  cover(unitCode: string): ReportRow {
    return { key: unitCode, values: this.rowValues("", unitCode) };
  }

  private rowValues(row: string | number, rowKey: string): Record<string, CellValue> {
    const values: Record<string, CellValue> = {};
    for (const field of this.layout.sheet.fields) {
      // Prefilled cover cells are the system's (填报单位, 报告期), not the clerk's.
      if (field.prefill) continue;
      const a1 = this.layout.cellOf(row, field.code) as string;
      const cell = this.sheet.cells.get(a1);
      if (!field.formula) {
        const value = inputValue(field, cell?.value);
        if (value !== undefined) values[field.code] = value;
        continue;
      }
      if (cell?.formula !== undefined) {
        const cached = numberOf(cell.value);
        if (cached !== undefined) values[field.code] = cached;
        continue;
      }
      // No formula: the clerk typed over it (or deleted it). A typed value is kept so that validation checks it.
      const typed = inputValue(field, cell?.value);
      if (typed !== undefined) values[field.code] = typed;
      if (typed !== undefined || this.layout.sheet.kind !== "list") this.note(a1, rowKey, field, typed);
    }
    return values;
  }

  private note(cell: string, rowKey: string, field: FieldDefinition, typed: CellValue | undefined): void {
    this.notes?.push({
      sheetCode: this.layout.sheet.code,
      cell,
      rowKey,
      fieldCode: field.code,
      messageZh:
        typed === undefined
          ? `${this.layout.name}!${cell} ${field.labelZh} 的公式已被删除`
          : `${this.layout.name}!${cell} ${field.labelZh} 的公式被改写为数值 ${typed}`,
      messageEn:
        typed === undefined
          ? `${this.layout.name}!${cell} ${field.labelEn}: the formula was deleted`
          : `${this.layout.name}!${cell} ${field.labelEn}: the formula was overwritten with ${typed}`,
    });
  }

  /** Every field's column must carry its code in the hidden code row. */
  private checkCodeRow(): void {
    const { layout, sheet } = this;
    const codeAt = (row: number, col: number) => textOf(sheet.cells.get(toA1(row, col))?.value);
    const expected = layout.fieldCodes.map((code) => ({ code, col: layout.columnOf(code) }));
    if (!expected.some(({ code, col }) => codeAt(layout.codeRow, col) === code)) {
      const first = expected[0] as { code: string; col: number };
      const foundRow = this.rowHolding(first.code);
      throw new WorkbookReadError(
        "moved-code-row",
        `工作表“${layout.name}”的代码行应在第 ${layout.codeRow + 1} 行${foundRow === undefined ? ",但找不到代码行" : `,实在第 ${foundRow + 1} 行(是否插入或删除了行?)`}`,
        `sheet “${layout.name}”: the code row should be row ${layout.codeRow + 1}${foundRow === undefined ? " but there is none" : `, found at row ${foundRow + 1} (rows inserted or deleted?)`}`,
      );
    }
    for (const { code, col } of expected) {
      const found = codeAt(layout.codeRow, col);
      if (found === code) continue;
      const letter = columnLetter(col);
      throw new WorkbookReadError(
        "moved-column",
        `工作表“${layout.name}”的代码行第 ${layout.codeRow + 1} 行 ${letter} 列应为 ${code},实为 ${found || "空"}(是否插入或删除了列?)`,
        `sheet “${layout.name}” code row ${layout.codeRow + 1}, column ${letter}: expected ${code}, found ${found || "blank"} (columns inserted or deleted?)`,
      );
    }
  }

  private rowHolding(code: string): number | undefined {
    for (const [a1, cell] of this.sheet.cells) if (textOf(cell.value) === code) return parseA1(a1).row;
    return undefined;
  }

  /** The cover's hidden code column names each row's field. */
  private checkCoverCodes(): void {
    const { layout, sheet } = this;
    const codeColumn = layout.codeColumn as number;
    for (const code of layout.fieldCodes) {
      const row = layout.rowOf("", code) as number;
      const found = textOf(sheet.cells.get(toA1(row, codeColumn))?.value);
      if (found === code) continue;
      throw new WorkbookReadError(
        "moved-row",
        `工作表“${layout.name}”第 ${row + 1} 行 ${columnLetter(codeColumn)} 列应为 ${code},实为 ${found || "空"}(是否插入或删除了行?)`,
        `sheet “${layout.name}” row ${row + 1}, column ${columnLetter(codeColumn)}: expected ${code}, found ${found || "blank"} (rows inserted or deleted?)`,
      );
    }
  }
}

function numberOf(value: XlsxValue | undefined): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && NUMBER_TEXT.test(value.trim())) return Number(value.trim());
  return undefined;
}

/**
 * An input cell's content as the report carries it, undefined when blank. Tolerates what other
 * programs write: numbers as text, dates as ISO text, codes typed as numbers, empty strings.
 */
function inputValue(field: FieldDefinition, value: XlsxValue | undefined): CellValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "boolean") return value;
  switch (field.type) {
    case "text":
    case "phone":
      if (typeof value === "number") return String(value);
      return value.trim() === "" ? undefined : value;
    case "date": {
      if (typeof value === "number") return value;
      const text = value.trim();
      return text === "" ? undefined : (parseDateText(ISO_DATE_TIME.exec(text)?.[1] ?? text) ?? text);
    }
    default:
      if (typeof value === "number") return value;
      return value.trim() === "" ? undefined : (numberOf(value) ?? value);
  }
}
