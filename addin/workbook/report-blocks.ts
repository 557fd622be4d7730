import { META_KEYS } from "../../shared/layout/workbook-layout.ts";
import type { SheetLayout, WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import type { CellValue, ReportData, ReportRow } from "../../shared/report/report-data.ts";
import { explanationsFromRows } from "../../shared/workbook/explanation-rows.ts";
import { previousReportFromRows } from "../../shared/workbook/previous-report.ts";
import { toA1 } from "../../shared/xlsx/cell-address.ts";
import type { WorkbookContents, WorkbookIdentity } from "./report-workbook.ts";

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
  const height = layout.sheet.kind === "cover" ? layout.fieldCodes.length : layout.sheet.kind === "list" ? layout.listCapacity : layout.rows.length;
  const lastColumn = Math.max(...layout.fieldCodes.map((code) => layout.columnOf(code)));
  const firstRow = layout.firstDataRow;
  return { layout, address: `${toA1(firstRow, 0)}:${toA1(firstRow + height - 1, lastColumn)}` };
}

/** The 说明 rows: from the first data row, one column per explanation field; `rowCount` rows. */
export function explanationsAddress(layout: WorkbookLayout, rowCount: number): string {
  const { firstDataRow, columns } = layout.explanations;
  return `${toA1(firstDataRow, 0)}:${toA1(firstDataRow + Math.max(rowCount, 1) - 1, columns.length - 1)}`;
}

/** Rows of the 说明 sheet cleared before a rewrite: generously more than any report has warnings. */
export const EXPLANATION_ROWS_CLEARED = 5_000;

/** The key/value rows of _meta. */
export function metaAddress(): string {
  return `A1:B${META_KEYS.length}`;
}

export function identityFromMeta(values: CellValue[][]): WorkbookIdentity | undefined {
  const meta = new Map(values.map((row) => [String(row[0] ?? ""), String(row[1] ?? "").trim()]));
  const identity = { edition: meta.get("edition") ?? "", prefectureCode: meta.get("prefecture") ?? "", period: meta.get("period") ?? "", checksum: meta.get("checksum") ?? "" };
  return /^\d{6}$/.test(identity.prefectureCode) && /^\d{4}$/.test(identity.period) && identity.edition ? identity : undefined;
}

/** Excel reports a blank cell as "". */
export const cellValue = (raw: unknown): CellValue => (raw === "" || raw === undefined || raw === null ? null : (raw as CellValue));

/** The report rows of one sheet from its block's values. Grid and cover rows are in layout order; every list row is kept with its position. */
function rowsFromBlock(layout: SheetLayout, values: CellValue[][], prefectureCode: string): ReportRow[] {
  const valueAt = (row: number, column: number) => cellValue(values[row]?.[column]);
  switch (layout.sheet.kind) {
    case "cover":
      return [{ key: prefectureCode, values: Object.fromEntries(layout.fieldCodes.map((code, index) => [code, valueAt(index, layout.columnOf(code))])) }];
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
        return [{ key: key === null ? row.key : String(key), values: Object.fromEntries(layout.fieldCodes.map((code) => [code, valueAt(index, layout.columnOf(code))])) }];
      });
  }
}

/**
 * Everything read from a workbook, block by block, as a report of the layout's edition, unit and
 * period; _prev's used range (from A1) becomes the previous period's report as the .xlsx reader makes it.
 */
export function contentsFromBlocks(
  layout: WorkbookLayout,
  blocks: { block: SheetBlock; values: CellValue[][] }[],
  explanationRows: CellValue[][],
  previousRows: CellValue[][] | undefined,
): WorkbookContents {
  const report: ReportData = {
    edition: layout.edition,
    prefectureCode: layout.unitCode,
    period: layout.period,
    sheets: Object.fromEntries(blocks.map(({ block, values }) => [block.layout.sheet.code, rowsFromBlock(block.layout, values, layout.unitCode)])),
    explanations: explanationsFromRows(layout, explanationRows),
  };
  const previous = previousRows ? previousReportFromRows(layout, previousRows) : undefined;
  return previous ? { report, previous } : { report };
}
