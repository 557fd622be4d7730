import { META_KEYS } from "../../shared/layout/workbook-layout.ts";
import type { SheetLayout, WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import type { CellValue, ReportData, ReportRow } from "../../shared/report/report-data.ts";
import { explanationsFromRows } from "../../shared/workbook/explanation-rows.ts";
import { previousReportFromRows } from "../../shared/workbook/previous-report.ts";
import { rosterCountsFromRows } from "../../shared/roster/roster-counts-sheet.ts";
import { RANGES_SHEET_NAME } from "../../shared/workbook/ranges-sheet.ts";
import { rangesFromRows } from "../../shared/quality/range-rows.ts";
import { toA1 } from "../../shared/xlsx/cell-address.ts";
import type { CellBlockAddress, WorkbookContents, WorkbookIdentity } from "./report-workbook.ts";

/**
 * Where a report lives in a workbook, as rectangular blocks to read in one go, and how the values
 * of those blocks become a ReportData. Both workbook implementations use it, so Excel and the
 * in-memory workbook read exactly the same cells. Addresses come from the layout's rows and columns.
 */

/** The cells of one sheet that hold its report values: the whole data area, key column included. */
export interface SheetBlock {
  layout: SheetLayout;
  /** "A6:H20" */
  address: string;
}

export function sheetBlock(layout: SheetLayout): SheetBlock {
  const { firstRow, lastRow } = dataRows(layout);
  const lastColumn = Math.max(...layout.fieldCodes.map((code) => layout.columnOf(code)));
  return { layout, address: `${toA1(firstRow, 0)}:${toA1(lastRow, lastColumn)}` };
}

/** The 0-based rows of a sheet's data: the cover's fields, the list's capacity, or the grid's rows. */
function dataRows(layout: SheetLayout): { firstRow: number; lastRow: number } {
  const height = layout.sheet.kind === "cover" ? layout.fieldCodes.length : layout.sheet.kind === "list" ? layout.listCapacity : layout.rows.length;
  return { firstRow: layout.firstDataRow, lastRow: layout.firstDataRow + height - 1 };
}

/**
 * The formula cells of the report that the engine reads: each computed field's column over the
 * sheet's rows. Excel recalculates them after an edit without a change event, so the pane reads them
 * again with every change.
 */
export function computedBlocks(layout: WorkbookLayout): CellBlockAddress[] {
  return layout.sheets.flatMap((sheetLayout) => {
    const { firstRow, lastRow } = dataRows(sheetLayout);
    return sheetLayout.sheet.fields
      .filter((field) => field.formula)
      .map((field) => {
        if (sheetLayout.sheet.kind === "cover") return { sheetName: sheetLayout.name, address: sheetLayout.cellOf("", field.code) as string };
        const column = sheetLayout.columnOf(field.code);
        return { sheetName: sheetLayout.name, address: `${toA1(firstRow, column)}:${toA1(lastRow, column)}` };
      });
  });
}

/**
 * A used range's values placed as from A1: blank rows and columns in front of them, so that readers
 * that count from A1 (说明, _prev) read the right cells when the used range starts further in.
 */
export function valuesFromA1(values: CellValue[][], rowIndex: number, columnIndex: number): CellValue[][] {
  const padding = new Array<CellValue>(columnIndex).fill("");
  return [...Array.from({ length: rowIndex }, () => []), ...values.map((row) => [...padding, ...row])];
}

/** The 说明 rows: from the first data row, one column per explanation field; `rowCount` rows. */
export function explanationsAddress(layout: WorkbookLayout, rowCount: number): string {
  const { firstDataRow, columns } = layout.explanations;
  return `${toA1(firstDataRow, 0)}:${toA1(firstDataRow + Math.max(rowCount, 1) - 1, columns.length - 1)}`;
}

/** Rows of the 说明 sheet cleared before a rewrite: generously more than any report has warnings. */
export const EXPLANATION_ROWS_CLEARED = 5_000;

/** Every sheet the template brings: the forms, 说明, _meta, _prev, _ranges. */
export function templateSheetNames(layout: WorkbookLayout): string[] {
  return [...layout.sheets.map((sheetLayout) => sheetLayout.name), layout.explanations.name, layout.meta.name, layout.previous.name, RANGES_SHEET_NAME];
}

/** The key/value rows of _meta. */
export function metaAddress(): string {
  return `A1:B${META_KEYS.length}`;
}

export function identityFromMeta(values: CellValue[][]): WorkbookIdentity | undefined {
  const meta = new Map(values.map((row) => [String(row[0] ?? ""), String(row[1] ?? "").trim()]));
  const identity = {
    edition: meta.get("edition") ?? "",
    unitCode: meta.get("prefecture") ?? "",
    period: meta.get("period") ?? "",
    checksum: meta.get("checksum") ?? "",
  };
  return /^\d{6}$/.test(identity.unitCode) && /^\d{4}$/.test(identity.period) && identity.edition ? identity : undefined;
}

/** Excel reports a blank cell as "". */
export const cellValue = (raw: unknown): CellValue => (raw === "" || raw === undefined || raw === null ? null : (raw as CellValue));

/** The report rows of one sheet from its block's values. Grid and cover rows are in layout order; every list row is kept with its position. */
function rowsFromBlock(layout: SheetLayout, values: CellValue[][], unitCode: string): ReportRow[] {
  const valueAt = (row: number, column: number) => cellValue(values[row]?.[column]);
  switch (layout.sheet.kind) {
    case "cover":
      return [{ key: unitCode, values: Object.fromEntries(layout.fieldCodes.map((code, index) => [code, valueAt(index, layout.columnOf(code))])) }];
    case "list":
      return Array.from({ length: layout.listCapacity }, (_, position) => ({
        key: "",
        position,
        values: Object.fromEntries(layout.fieldCodes.map((code) => [code, valueAt(position, layout.columnOf(code))])),
      }));
    case "grid":
      return layout.rows.flatMap((row, index) => {
        if (row.kind !== "county") return []; // 合计 is computed by formula, never input
        const key = valueAt(index, layout.keyColumn ?? 0);
        return [
          {
            key: key === null ? row.key : String(key),
            values: Object.fromEntries(layout.fieldCodes.map((code) => [code, valueAt(index, layout.columnOf(code))])),
          },
        ];
      });
  }
}

/**
 * Everything read from a workbook, block by block, as a report of the layout's edition, unit and
 * period; _prev's used range (from A1) becomes the previous period's report as the .xlsx reader makes it,
 * _roster's the counties' roster counts (X10.1), and _ranges' the outlier ranges (O01).
 */
export function contentsFromBlocks(
  layout: WorkbookLayout,
  blocks: { block: SheetBlock; values: CellValue[][] }[],
  explanationRows: CellValue[][],
  previousRows: CellValue[][] | undefined,
  rosterRows?: CellValue[][] | undefined,
  rangeRows?: CellValue[][] | undefined,
): WorkbookContents {
  const read = new Set(blocks.map(({ block }) => block.layout.name));
  const missingSheets = layout.sheets.filter((sheetLayout) => !read.has(sheetLayout.name)).map((sheetLayout) => sheetLayout.name);
  const report: ReportData = {
    edition: layout.edition,
    unitCode: layout.unitCode,
    period: layout.period,
    sheets: Object.fromEntries(blocks.map(({ block, values }) => [block.layout.sheet.code, rowsFromBlock(block.layout, values, layout.unitCode)])),
    explanations: explanationsFromRows(layout, explanationRows),
  };
  const previous = previousRows ? previousReportFromRows(layout, previousRows) : undefined;
  const ranges = rangeRows ? rangesFromRows(rangeRows) : undefined;
  return {
    report,
    ...(previous && { previous }),
    ...(rosterRows && { rosterCounts: rosterCountsFromRows(rosterRows) }),
    ...(ranges ? { ranges } : {}),
    missingSheets,
  };
}
