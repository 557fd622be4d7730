import { currentFormSet } from "../../support/current-form-set.ts";
import { META_KEYS, META_SHEET_NAME, unitLayout } from "../../../shared/layout/workbook-layout.ts";
import type { WorkbookLayout } from "../../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../../shared/units/unit-tree.ts";
import type { CellValue, ReportData } from "../../../shared/report/report-data.ts";
import { toA1 } from "../../../shared/xlsx/cell-address.ts";
import type { MemorySheet } from "../../support/memory-workbook.ts";
import { sampleReport } from "../../support/sample-report.ts";

/** 济南 (370100). */
export const prefecture = reportingTree.unit("370100") as ReportingUnit;
export const layout: WorkbookLayout = unitLayout(currentFormSet, prefecture, "2019");

/**
 * A report laid into worksheets through the layout, as a clerk's filled-in template holds it:
 * _meta, the key column, every input value, the 说明 header and the explanations. Computed cells are
 * left blank (their formulas are Excel's business), so the engine recomputes them.
 */
export function filledSheets(report: ReportData = sampleReport(prefecture), previous?: ReportData): MemorySheet[] {
  return laidOutSheets(layout, report, previous);
}

/** Any prefecture's report (the bench's synthetic one too) laid into the sheets of its layout. */
export function laidOutSheets(layout: WorkbookLayout, report: ReportData, previous?: ReportData): MemorySheet[] {
  const sheets = new Map<string, MemorySheet>();
  const set = (sheetName: string, a1: string, value: CellValue) => {
    let sheet = sheets.get(sheetName);
    if (!sheet) sheets.set(sheetName, (sheet = { name: sheetName, cells: new Map() }));
    if (value !== null && value !== "") sheet.cells.set(a1, value);
  };
  const identity = { edition: report.edition, prefecture: report.unitCode, period: report.period, checksum: layout.checksum };
  META_KEYS.forEach((key, row) => {
    set(META_SHEET_NAME, toA1(row, 0), key);
    set(META_SHEET_NAME, toA1(row, 1), identity[key]);
  });
  for (const sheetLayout of layout.sheets) {
    const sheet = sheetLayout.sheet;
    set(sheetLayout.name, "A1", sheet.name);
    sheetLayout.rows.forEach((row) => set(sheetLayout.name, toA1(sheetLayout.rowOf(row.key) as number, sheetLayout.keyColumn ?? 0), row.key));
    for (const [index, reportRow] of (report.sheets[sheet.code] ?? []).entries()) {
      const row = sheet.kind === "list" ? (reportRow.position ?? index) : sheet.kind === "cover" ? "" : reportRow.key;
      for (const [fieldCode, value] of Object.entries(reportRow.values)) {
        if (sheet.field(fieldCode)?.formula) continue;
        const a1 = sheetLayout.cellOf(row, fieldCode);
        if (a1) set(sheetLayout.name, a1, value); // rows beyond a list sheet's capacity do not fit the template
      }
    }
  }
  layout.explanations.columns.forEach((column, index) => set(layout.explanations.name, toA1(layout.explanations.headerRow, index), column));
  (report.explanations ?? []).forEach((explanation, index) =>
    layout.explanations.columns.forEach((column, columnIndex) =>
      set(
        layout.explanations.name,
        toA1(layout.explanations.firstDataRow + index, columnIndex),
        column === "cell" || column === "message" ? "" : (explanation[column] ?? ""),
      ),
    ),
  );
  if (previous) {
    const fieldCodes = layout.previous.fieldCodes;
    fieldCodes.forEach((code, index) => set(layout.previous.name, toA1(0, index + 1), code));
    for (const county of layout.sheets.find((sheet) => sheet.rows.length > 0)?.rows.filter((row) => row.kind === "county") ?? []) {
      set(layout.previous.name, `A${(layout.previous.cellOf(county.key, fieldCodes[0] as string) as string).replace(/^[A-Z]+/, "")}`, county.key);
      for (const code of fieldCodes) {
        const sheetCode = currentFormSet.sheetOfField(code)?.code ?? "";
        const value = previous.sheets[sheetCode]?.find((reportRow) => reportRow.key === county.key)?.values[code] ?? null;
        set(layout.previous.name, layout.previous.cellOf(county.key, code) as string, value);
      }
    }
  }
  return [...sheets.values()];
}
