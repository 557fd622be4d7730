import type { SheetLayout, WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import type { CellValue, ReportData, ReportRow } from "../../shared/report/report-data.ts";
import { parseRange, toA1 } from "../../shared/xlsx/cell-address.ts";
import { cellValue } from "./report-blocks.ts";

/**
 * The report as the clerk is typing it: one full read, then each change event patches only the
 * cells it names. Rows are found through the layout (locate), in O(1) per changed cell.
 */
export class LiveReport {
  private readonly rowsBySheetName = new Map<string, { layout: SheetLayout; rows: Map<string | number, ReportRow> }>();

  constructor(
    readonly layout: WorkbookLayout,
    readonly report: ReportData,
  ) {
    for (const sheetLayout of layout.sheets) {
      const rows = new Map<string | number, ReportRow>();
      for (const row of report.sheets[sheetLayout.sheet.code] ?? []) {
        // The layout's row: "" on the cover, the list position, or the grid row's key.
        rows.set(sheetLayout.sheet.kind === "cover" ? "" : sheetLayout.sheet.kind === "list" ? (row.position ?? -1) : row.key, row);
      }
      this.rowsBySheetName.set(sheetLayout.name, { layout: sheetLayout, rows });
    }
  }

  /** The names of the sheets whose changes matter. */
  get sheetNames(): string[] {
    return [...this.rowsBySheetName.keys()];
  }

  /** Applies the new values of a changed block; true when a report value changed. */
  apply(sheetName: string, address: string, values: CellValue[][]): boolean {
    const sheet = this.rowsBySheetName.get(sheetName);
    if (!sheet) return false;
    const { start, end } = parseRange(address);
    let changed = false;
    for (let row = start.row; row <= end.row; row++) {
      for (let column = start.col; column <= end.col; column++) {
        const place = sheet.layout.locate(toA1(row, column));
        const reportRow = place && sheet.rows.get(place.row);
        if (!place || !reportRow) continue;
        const value = cellValue(values[row - start.row]?.[column - start.col]);
        if (reportRow.values[place.fieldCode] === value) continue;
        reportRow.values[place.fieldCode] = value;
        changed = true;
      }
    }
    return changed;
  }
}
