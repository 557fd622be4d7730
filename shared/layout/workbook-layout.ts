import { toA1, parseA1, columnLetter } from "../xlsx/cell-address.ts";
import type { FormSet, LoadedSheet } from "../forms/form-set.ts";
import { fieldReferences } from "../rules/rule-syntax.ts";
import { reportScopeOf } from "../units/report-scope.ts";
import type { ReportScope } from "../units/report-scope.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";

/**
 * The one mapping between the form definitions and worksheet cells. Every reader and writer
 * (the .xlsx writer and reader, the add-in's Excel adapter, validation messages) asks this
 * module for addresses; nobody else computes an A1 address.
 *
 * Form sheet (grid):                       List sheet (教扶06):        Cover (封面):
 *   row 1  title                             rows 1–3 as grid           row 1  title
 *   row 2  表号 · 制定机关 · 文号 · 有效期至     row 4  code row (hidden)    row 2  header
 *   row 3  填报单位 · 报告期 · 计量单位          row 5  labels               rows 3– one per field:
 *   row 4  field codes (hidden)              rows 6–205 data (200)        A code (hidden) · B label · C value
 *   row 5  labels
 *   row 6  合计 (key = prefecture code)     A county's report: no 合计; row 6 is the
 *   row 7– one row per county                  county's own row (key = county code)
 *   columns: A 代码 (key) · B 名称 · C… fields
 */

export type RowKind = "total" | "county" | "prefecture" | "province";

/** A row of a grid sheet: its key (county, prefecture or province code), its name and its outline level. */
export interface GridRow {
  key: string;
  name: string;
  /** "county": an input row, one unit's own figures (a county, or a unit of a level added below it); "total": 合计. */
  kind: RowKind;
  /** Excel outline level for grouping (consolidated workbook: counties under their prefecture). */
  outlineLevel: number;
}

export interface SheetLayout {
  sheet: LoadedSheet;
  /** The worksheet's name. */
  name: string;
  /** 0-based rows. */
  titleRow: number;
  codeRow: number;
  headerRow: number;
  firstDataRow: number;
  /** Grid: the key (代码) and name columns; undefined on list sheets and the cover. */
  keyColumn?: number;
  nameColumn?: number;
  /** Cover: the hidden column holding each row's field code, and the label column beside it. */
  codeColumn?: number;
  labelColumn?: number;
  /** The fields laid out as columns (grid, list) or rows (cover), in order. */
  fieldCodes: string[];
  /** Grid sheets: the rows, in order. */
  rows: GridRow[];
  /** List sheets: how many data rows the template offers. */
  listCapacity: number;
  /** The 0-based column of a field (grid, list); the value column on the cover. */
  columnOf(fieldCode: string): number;
  /** The 0-based row of a grid row key, list position, or cover field; undefined when absent. */
  rowOf(row: string | number, fieldCode?: string): number | undefined;
  /** A1 of a value; undefined when the layout has no such cell. */
  cellOf(row: string | number, fieldCode: string): string | undefined;
  /** What a cell holds: the inverse of cellOf. */
  locate(a1: string): { row: string | number; fieldCode: string } | undefined;
  /** The first line under the table where 本表主要审核关系 is printed. */
  notesRow: number;
}

export interface WorkbookLayout {
  edition: string;
  /** The reporting unit (a prefecture, a county), or the province (370000) for the consolidated workbook. */
  unitCode: string;
  unitName: string;
  period: string;
  sheets: SheetLayout[];
  sheet(code: string): SheetLayout | undefined;
  sheetByName(name: string): SheetLayout | undefined;
  /** The 说明 sheet: one row per explained warning. */
  explanations: { name: string; headerRow: number; firstDataRow: number; columns: readonly ExplanationColumn[] };
  /** The hidden _meta sheet: one row per key, in this order, the key in column A and its value in B. */
  meta: { name: string; rows: readonly MetaKey[] };
  /** The hidden _prev sheet with the previous period's accepted values that history rules compare against. */
  previous: PreviousLayout;
  /** A fingerprint of the layout (sheets, code rows, keys), stored in _meta so readers detect a foreign template. */
  checksum: string;
}

export const EXPLANATION_COLUMNS = ["ruleId", "sheetCode", "cell", "rowKey", "fieldCode", "message", "text", "reason"] as const;
export type ExplanationColumn = (typeof EXPLANATION_COLUMNS)[number];
/**
 * "prefecture" holds the reporting unit's code at any level (a county's too): the key is kept from
 * when only prefectures reported, so that every workbook in clerks' hands still reads.
 */
export const META_KEYS = ["edition", "prefecture", "period", "checksum"] as const;
/** Readers look the _meta sheet up by this name before they know which layout a workbook has. */
export const META_SHEET_NAME = "_meta";
export type MetaKey = (typeof META_KEYS)[number];

export interface PreviousLayout {
  name: string;
  /** row 1 holds the field codes, column A the row keys; data from row 2 in the grid sheets' row order. */
  fieldCodes: string[];
  cellOf(rowKey: string, fieldCode: string): string | undefined;
}

const GRID_FIRST_FIELD_COLUMN = 2;
const COVER_VALUE_COLUMN = 2;

/** The rows of a unit's grid sheets: 合计 (when the unit's level has one) then its input rows (a prefecture's counties; a county's own row). */
export function unitGridRows(scope: ReportScope): GridRow[] {
  return [
    ...(scope.totalKey === undefined ? [] : [{ key: scope.totalKey, name: "合计", kind: "total" as const, outlineLevel: 0 }]),
    ...scope.rowUnits.map((county) => ({ key: county.code, name: county.name, kind: "county" as const, outlineLevel: 0 })),
  ];
}

/** The rows of the consolidated grid sheets: the root's total (山东省合计), then each unit reporting to it with its rows (a prefecture's counties) grouped under it. */
export function provinceGridRows(root: ReportingUnit): GridRow[] {
  return [
    { key: root.code, name: `${root.name}合计`, kind: "province", outlineLevel: 0 },
    ...root.children.flatMap((unit) => [
      { key: unit.code, name: unit.name, kind: "prefecture" as const, outlineLevel: 0 },
      ...reportScopeOf(unit).rowUnits.map((row) => ({ key: row.code, name: row.name, kind: "county" as const, outlineLevel: 1 })),
    ]),
  ];
}

/** Excel's quoting of a sheet name in a reference: 'name'!A1 (quotes doubled inside). */
export function qualifiedReference(sheetName: string, a1: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!${a1}`;
}

/** The layout of a prefecture's report workbook (or, with province rows and list fields, of the consolidated one). */
export function workbookLayout(
  formSet: FormSet,
  unit: { code: string; name: string },
  period: string,
  gridRows: GridRow[],
  options: { consolidated?: boolean; withoutLists?: boolean } = {},
): WorkbookLayout {
  const sheets = formSet.sheets
    .filter((sheet) => !(options.withoutLists && sheet.kind === "list"))
    .map((sheet) => sheetLayout(sheet, gridRows, Boolean(options.consolidated)));
  const byCode = new Map(sheets.map((layout) => [layout.sheet.code, layout]));
  const byName = new Map(sheets.map((layout) => [layout.name, layout]));
  const previous = previousLayout(formSet, gridRows);
  const checksum = fingerprint(
    JSON.stringify([
      formSet.edition,
      unit.code,
      sheets.map((layout) => [layout.name, layout.codeRow, layout.fieldCodes, layout.rows.map((row) => row.key), layout.listCapacity]),
    ]),
  );
  return {
    edition: formSet.edition,
    unitCode: unit.code,
    unitName: unit.name,
    period,
    sheets,
    sheet: (code) => byCode.get(code),
    sheetByName: (name) => byName.get(name),
    explanations: { name: "说明", headerRow: 0, firstDataRow: 1, columns: EXPLANATION_COLUMNS },
    meta: { name: META_SHEET_NAME, rows: META_KEYS },
    previous,
    checksum,
  };
}

/** The layout of one unit's report, at any level: a prefecture's, a county's (its own row, its part of 教扶06), … */
export function unitLayout(formSet: FormSet, unit: ReportingUnit, period: string): WorkbookLayout {
  const scope = reportScopeOf(unit);
  return workbookLayout(formSet, { code: scope.code, name: scope.title }, period, unitGridRows(scope), { withoutLists: !scope.holdsLists });
}

function sheetLayout(sheet: LoadedSheet, gridRows: GridRow[], consolidated: boolean): SheetLayout {
  const titleRow = 0;
  if (sheet.kind === "cover") {
    const fieldCodes = sheet.fields.map((field) => field.code);
    const firstDataRow = 2;
    const rowByField = new Map(fieldCodes.map((code, index) => [code, firstDataRow + index]));
    return {
      sheet,
      name: sheet.name,
      titleRow,
      codeRow: firstDataRow,
      headerRow: 1,
      firstDataRow,
      codeColumn: 0,
      labelColumn: 1,
      fieldCodes,
      rows: [],
      listCapacity: 0,
      columnOf: () => COVER_VALUE_COLUMN,
      rowOf: (_row, fieldCode) => (fieldCode === undefined ? undefined : rowByField.get(fieldCode)),
      cellOf: (_row, fieldCode) => {
        const row = rowByField.get(fieldCode);
        return row === undefined ? undefined : toA1(row, COVER_VALUE_COLUMN);
      },
      locate: (a1) => {
        const { row, col } = parseA1(a1);
        const fieldCode = fieldCodes[row - firstDataRow];
        return col === COVER_VALUE_COLUMN && fieldCode ? { row: "", fieldCode } : undefined;
      },
      notesRow: firstDataRow + fieldCodes.length + 1,
    };
  }

  // A list sheet in the consolidated workbook becomes a grid of its consolidated fields.
  const isList = sheet.kind === "list" && !consolidated;
  const fieldCodes =
    sheet.kind === "list" && consolidated ? (sheet.definition.consolidatedFields ?? []).map((field) => field.code) : sheet.fields.map((field) => field.code);
  const codeRow = 3;
  const headerRow = 4;
  const firstDataRow = 5;
  const firstFieldColumn = isList ? 0 : GRID_FIRST_FIELD_COLUMN;
  const columnByField = new Map(fieldCodes.map((code, index) => [code, firstFieldColumn + index]));
  // The consolidated list sheet has no county detail: its rows are the province and the prefectures.
  const rows = isList ? [] : sheet.kind === "list" ? gridRows.filter((row) => row.kind !== "county") : gridRows;
  const rowByKey = new Map(rows.map((row, index) => [row.key, firstDataRow + index]));
  const listCapacity = isList ? (sheet.definition.maxRows ?? 0) : 0;
  const rowOf = (row: string | number): number | undefined => {
    if (isList) return typeof row === "number" && row >= 0 && row < listCapacity ? firstDataRow + row : undefined;
    return typeof row === "string" ? rowByKey.get(row) : undefined;
  };
  const lastRow = firstDataRow + (isList ? listCapacity : rows.length) - 1;
  return {
    sheet,
    name: sheet.name,
    titleRow,
    codeRow,
    headerRow,
    firstDataRow,
    ...(isList ? {} : { keyColumn: 0, nameColumn: 1 }),
    fieldCodes,
    rows,
    listCapacity,
    columnOf: (fieldCode) => columnByField.get(fieldCode) ?? -1,
    rowOf,
    cellOf: (row, fieldCode) => {
      const rowIndex = rowOf(row);
      const column = columnByField.get(fieldCode);
      return rowIndex === undefined || column === undefined ? undefined : toA1(rowIndex, column);
    },
    locate: (a1) => {
      const { row, col } = parseA1(a1);
      const fieldCode = fieldCodes[col - firstFieldColumn];
      if (!fieldCode || col < firstFieldColumn || row < firstDataRow || row > lastRow) return undefined;
      return isList ? { row: row - firstDataRow, fieldCode } : { row: (rows[row - firstDataRow] as GridRow).key, fieldCode };
    },
    notesRow: lastRow + 2,
  };
}

function previousLayout(formSet: FormSet, gridRows: GridRow[]): PreviousLayout {
  const fieldCodes = [
    ...new Set(
      formSet.sheets.flatMap((sheet) =>
        sheet.rules.flatMap((rule) =>
          rule.checks.flatMap((check) =>
            fieldReferences(check.expression)
              .filter((reference) => reference.previous)
              .map((reference) => reference.field),
          ),
        ),
      ),
    ),
  ];
  const columnByField = new Map(fieldCodes.map((code, index) => [code, index + 1]));
  const rowByKey = new Map(gridRows.map((row, index) => [row.key, index + 1]));
  return {
    name: "_prev",
    fieldCodes,
    cellOf: (rowKey, fieldCode) => {
      const row = rowByKey.get(rowKey);
      const column = columnByField.get(fieldCode);
      return row === undefined || column === undefined ? undefined : `${columnLetter(column)}${row + 1}`;
    },
  };
}

/** FNV-1a, 32 bits, as 8 hex digits: a cheap synchronous fingerprint (not a security hash). */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
