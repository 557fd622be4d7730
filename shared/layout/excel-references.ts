import type { ExcelReferences } from "../rules/excel-formula.ts";
import { columnLetter } from "../xlsx/cell-address.ts";
import { qualifiedReference } from "./workbook-layout.ts";
import type { WorkbookLayout } from "./workbook-layout.ts";

/** "$A$7:$A$18": a column's range of rows (0-based, inclusive), fixed when the formula is copied down. */
const absoluteColumnRange = (column: number, firstRow: number, lastRow: number) =>
  `$${columnLetter(column)}$${firstRow + 1}:$${columnLetter(column)}$${lastRow + 1}`;

/** Per layout, the county codes' range: found once, not per row (a scan of every row per row is quadratic). */
const countyRanges = new WeakMap<WorkbookLayout, { range: string | undefined }>();

/** The key column over the county rows of the first grid sheet, qualified: where inPrefecture looks codes up. */
function countyCodesRange(layout: WorkbookLayout): string | undefined {
  const known = countyRanges.get(layout);
  if (known) return known.range;
  const firstGrid = layout.sheets.find((candidate) => candidate.sheet.kind === "grid");
  const counties = firstGrid?.rows.filter((gridRow) => gridRow.kind === "county") ?? [];
  const first = counties[0];
  const last = counties[counties.length - 1];
  const range =
    !firstGrid || !first || !last || firstGrid.keyColumn === undefined
      ? undefined
      : qualifiedReference(firstGrid.name, absoluteColumnRange(firstGrid.keyColumn, firstGrid.rowOf(first.key) as number, firstGrid.rowOf(last.key) as number));
  countyRanges.set(layout, { range });
  return range;
}

/**
 * How a rule's references land in a workbook, seen from one row of one sheet: this sheet's
 * fields are relative cells, other sheets' are qualified, previous-period values live on the
 * hidden _prev sheet. Rendered for a sheet's first data row, a formula shifts down for the rest.
 */
export function excelReferencesFor(layout: WorkbookLayout, sheetCode: string, row: string | number): ExcelReferences {
  const sheetLayout = layout.sheet(sheetCode);
  if (!sheetLayout) throw new Error(`no sheet ${sheetCode} in the layout`);
  const rowKey = typeof row === "string" ? row : "";
  return {
    period: Number(layout.period),
    isNumeric: (reference) => {
      const owner = reference.sheet === undefined ? sheetLayout.sheet : layout.sheet(reference.sheet)?.sheet;
      const type = owner?.field(reference.field)?.type;
      return type !== "text" && type !== "phone";
    },
    cell: (reference) => {
      if (reference.previous) {
        const cell = layout.previous.cellOf(rowKey, reference.field);
        return cell === undefined ? undefined : qualifiedReference(layout.previous.name, cell);
      }
      if (reference.sheet === undefined) return sheetLayout.cellOf(row, reference.field);
      const other = layout.sheet(reference.sheet);
      const cell = other?.cellOf(rowKey, reference.field);
      return other && cell ? qualifiedReference(other.name, cell) : undefined;
    },
    countyCodes: () => countyCodesRange(layout),
    column: (fieldCode) => {
      const column = sheetLayout.columnOf(fieldCode);
      if (sheetLayout.sheet.kind !== "list" || column < 0) return undefined;
      return absoluteColumnRange(column, sheetLayout.firstDataRow, sheetLayout.firstDataRow + sheetLayout.listCapacity - 1);
    },
  };
}
