// The roster reader proper: a roster workbook's sheets, however they were read (a file by
// read-roster.ts; Excel's values by the pane, whose bundle carries no .xlsx code), into RosterData.
import type { CellValue } from "../report/report-data.ts";
import { reportingTree } from "../units/reporting-tree.ts";
import { columnLetter, parseA1, toA1 } from "../xlsx/cell-address.ts";
import type { XlsxReadSheet } from "../xlsx/model.ts";
import { normaliseCitizenId } from "./citizen-id.ts";
import { ROSTER, ROSTER_FIELDS, ROSTER_MAX_ROWS } from "./roster-definition.ts";
import type { RosterFieldCode } from "./roster-definition.ts";
import type { RosterData, RosterExplanation, RosterRow } from "./roster-data.ts";
import { ROSTER_EXPLANATION_COLUMNS, STANDARD_ROSTER_LAYOUT } from "./roster-layout.ts";
import type { RosterLayout } from "./roster-layout.ts";
import { ROSTER_KIND, ROSTER_META_SHEET_NAME, readRosterMeta } from "./roster-meta.ts";

export type RosterReadErrorCode = "not-xlsx" | "beyond-limits" | "not-roster" | "unknown-unit" | "missing-sheet" | "missing-column";

/** A workbook that cannot be read as a roster; the message names the sheet and cell, Chinese first. */
export class RosterReadError extends Error {
  override name = "RosterReadError";
  constructor(
    readonly code: RosterReadErrorCode,
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}

/** Rows the code row may sit in (a clerk may insert a few lines above the table). */
export const CODE_ROW_SEARCH = 20;
/**
 * The most characters of a cell the reader keeps: the longest field holds 100, an explanation a
 * few hundred; the engine still sees that a longer text is too long.
 */
export const ROSTER_CELL_TEXT_LIMIT = 1_000;

const kept = (value: CellValue): CellValue =>
  typeof value === "string" && value.length > ROSTER_CELL_TEXT_LIMIT ? value.slice(0, ROSTER_CELL_TEXT_LIMIT + 1) : value;
const isBlank = (value: CellValue | undefined) => value === null || value === undefined || (typeof value === "string" && value.trim() === "");

/** The hidden row of field codes, wherever the clerk's program left it: the columns of the fields. */
function findLayout(sheet: RosterSourceSheet): RosterLayout {
  const codes = new Set<string>(ROSTER_FIELDS.map((field) => field.code));
  const found = new Map<number, Map<string, number>>();
  for (const [a1, cell] of sheet.cells) {
    if (typeof cell.value !== "string" || !codes.has(cell.value.trim())) continue;
    const { row, col } = parseA1(a1);
    if (row >= CODE_ROW_SEARCH) continue;
    const columns = found.get(row) ?? found.set(row, new Map()).get(row)!;
    columns.set(cell.value.trim(), col);
  }
  const [codeRow, columns] = [...found].sort((a, b) => b[1].size - a[1].size || a[0] - b[0])[0] ?? [STANDARD_ROSTER_LAYOUT.codeRow, new Map()];
  const missing = ROSTER_FIELDS.filter((field) => !columns.has(field.code));
  if (missing.length > 0) {
    const names = missing.map((field) => `${field.code}(${field.labelZh})`).join("、");
    throw new RosterReadError(
      "missing-column",
      `工作表“${ROSTER.sheetName}”第 ${codeRow + 1} 行(隐藏的代码行)缺少 ${names} 列:请从模板重新填写,不要删除列`,
      `sheet “${ROSTER.sheetName}” row ${codeRow + 1} (the hidden code row) lacks the column of ${missing.map((field) => field.code).join(", ")}: fill in the template again and delete no column`,
    );
  }
  return { codeRow, firstDataRow: codeRow + 1, columns: Object.fromEntries(columns) as Record<RosterFieldCode, number> };
}

/** The student in one sheet row (0-based), or undefined when the row is blank in every field's column. */
function readRow(sheet: RosterSourceSheet, layout: RosterLayout, row: number): RosterRow | undefined {
  let student: RosterRow | undefined;
  for (const field of ROSTER_FIELDS) {
    const value = sheet.cells.get(toA1(row, layout.columns[field.code]))?.value;
    if (value === undefined || isBlank(value)) continue;
    student ??= { position: row - layout.firstDataRow, values: {} };
    student.values[field.code] = kept(value);
  }
  return student;
}

/** The students: every row below the code row with anything in a field's column, blank rows skipped. */
function readRows(sheet: RosterSourceSheet, layout: RosterLayout): RosterRow[] {
  const fieldOfColumn = new Map(Object.entries(layout.columns).map(([code, col]) => [col, code as RosterFieldCode]));
  const byRow = new Map<number, RosterRow>();
  for (const [a1, cell] of sheet.cells) {
    const { row, col } = parseA1(a1);
    const field = fieldOfColumn.get(col);
    if (row < layout.firstDataRow || field === undefined || isBlank(cell.value)) continue;
    const position = row - layout.firstDataRow;
    const studentRow = byRow.get(position) ?? byRow.set(position, { position, values: {} }).get(position)!;
    studentRow.values[field] = kept(cell.value);
  }
  return [...byRow.values()].sort((a, b) => a.position - b.position);
}

/** The 说明 sheet's explanations: a rule and a text, for the student whose ID is given or in whose row the cell is. */
function readExplanations(sheet: RosterSourceSheet | undefined, layout: RosterLayout, rows: RosterRow[]): RosterExplanation[] {
  if (!sheet) return [];
  const letters = Object.fromEntries(ROSTER_EXPLANATION_COLUMNS.map((column, col) => [column.key, columnLetter(col)]));
  const idAtRow = new Map(rows.map((row) => [row.position + layout.firstDataRow + 1, row.values.E10_ID]));
  let lastRow = 0;
  for (const a1 of sheet.cells.keys()) lastRow = Math.max(lastRow, parseA1(a1).row + 1);
  const explanations: RosterExplanation[] = [];
  for (let row = 2; row <= Math.min(lastRow, ROSTER_MAX_ROWS + 1); row++) {
    const read = (key: string) => {
      const value = sheet.cells.get(`${letters[key]}${row}`)?.value;
      return value === null || value === undefined ? "" : String(kept(value)).trim();
    };
    const ruleId = read("ruleId");
    const text = read("text");
    if (!ruleId || !text) continue;
    // "F9", "教扶10!F9" or "$F$9": the student of that row.
    const rowNumber = /(\d+)$/.exec(read("cell").replaceAll("$", ""))?.[1];
    const fromCell = rowNumber === undefined ? undefined : idAtRow.get(Number(rowNumber));
    const rowKey = normaliseCitizenId(read("rowKey") || (typeof fromCell === "string" ? fromCell : ""));
    explanations.push({ ruleId, rowKey, text });
  }
  return explanations;
}

/** A sheet as the roster reader needs it: its name and its cells by A1 (a .xlsx file's, or Excel's values as the pane read them). */
export type RosterSourceSheet = Pick<XlsxReadSheet, "name" | "cells">;

/** Whether these sheets are a roster workbook's: its _meta says kind roster (one look, before reading the rows). */
export function isRosterWorkbook(sheets: readonly RosterSourceSheet[]): boolean {
  const meta = sheets.find((sheet) => sheet.name === ROSTER_META_SHEET_NAME);
  return meta !== undefined && readRosterMeta(meta).get("kind") === ROSTER_KIND;
}

/**
 * The roster of a workbook's sheets, however they were read: the one reader of the CLI, the page
 * (a file) and the pane (Excel's values), so all three find the same rows and the same cells.
 */
export function rosterFromSheets(sheets: readonly RosterSourceSheet[]): RosterData {
  const sheetNamed = (name: string) => sheets.find((sheet) => sheet.name === name);
  const meta = sheetNamed(ROSTER_META_SHEET_NAME);
  const values = meta ? readRosterMeta(meta) : undefined;
  if (values?.get("kind") !== ROSTER_KIND)
    throw new RosterReadError(
      "not-roster",
      "不是名册工作簿:隐藏的 _meta 工作表没有注明名册(请用 tianbao roster template 生成的模板)",
      "not a roster workbook: its hidden _meta sheet does not say roster (use the template from tianbao roster template)",
    );
  const unitCode = values.get("unit") ?? "";
  const period = values.get("period") ?? "";
  if (!reportingTree.unit(unitCode)?.level.report || !/^\d{4}$/.test(period))
    throw new RosterReadError(
      "unknown-unit",
      `_meta 工作表的单位 ${unitCode} 或报告期 ${period} 无效`,
      `the _meta sheet names no reporting unit (${unitCode}) or no period (${period})`,
    );
  const sheet = sheetNamed(ROSTER.sheetName);
  if (!sheet) throw new RosterReadError("missing-sheet", `缺少工作表“${ROSTER.sheetName}”`, `the sheet “${ROSTER.sheetName}” is missing`);
  const layout = findLayout(sheet);
  const rows = readRows(sheet, layout);
  return { unitCode, period, rows, explanations: readExplanations(sheetNamed(ROSTER.explanationsSheetName), layout, rows), layout };
}

const holdsFieldCode = (value: CellValue | undefined) => typeof value === "string" && ROSTER_FIELDS.some((field) => field.code === value.trim());

/**
 * The roster of the same sheets after a change to rows `top`–`bottom` (0-based) of one sheet, as
 * rosterFromSheets would read it, without reading the other rows again: the roster sheet's changed
 * rows are read again and put in place, the explanations read again (they name students by row).
 * Undefined when the change may move the columns (it reaches the code row, or puts or takes away a
 * field code where the code row is looked for) or is on another sheet: then read everything again.
 */
export function rosterAfterRowsChanged(
  previous: RosterData,
  sheets: readonly RosterSourceSheet[],
  change: { sheetName: string; top: number; bottom: number },
): RosterData | undefined {
  const layout = previous.layout;
  const sheetNamed = (name: string) => sheets.find((sheet) => sheet.name === name);
  if (!layout) return undefined;
  let rows = previous.rows;
  if (change.sheetName === ROSTER.sheetName) {
    const sheet = sheetNamed(ROSTER.sheetName);
    if (!sheet || change.top <= layout.codeRow) return undefined;
    const first = change.top - layout.firstDataRow;
    const last = change.bottom - layout.firstDataRow;
    const start = lowerBound(rows, first);
    const end = lowerBound(rows, last + 1);
    const reread: RosterRow[] = [];
    for (let row = change.top; row <= change.bottom; row++) {
      const student = readRow(sheet, layout, row);
      if (student) reread.push(student);
    }
    if (change.top < CODE_ROW_SEARCH) {
      const before = rows.slice(start, end).flatMap((row) => Object.values(row.values));
      if ([...before, ...reread.flatMap((row) => Object.values(row.values))].some(holdsFieldCode)) return undefined;
    }
    rows = [...rows.slice(0, start), ...reread, ...rows.slice(end)];
  } else if (change.sheetName !== ROSTER.explanationsSheetName) return undefined;
  return { ...previous, rows, explanations: readExplanations(sheetNamed(ROSTER.explanationsSheetName), layout, rows) };
}

/** The index of the first row at or after `position` (rows are in order of position). */
function lowerBound(rows: readonly RosterRow[], position: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((rows[middle] as RosterRow).position < position) low = middle + 1;
    else high = middle;
  }
  return low;
}
