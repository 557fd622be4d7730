import type { FormSet } from "../../shared/forms/form-set.ts";
import type { Prefecture } from "../../shared/regions/region-table.ts";
import type { CellValue, ReportData } from "../../shared/report/report-data.ts";
import { sampleReport } from "./sample-report.ts";

/**
 * A valid report with every numeric input of every county at its field's `max` and the list sheet
 * at its `maxRows` (each row's numbers at their ceilings too): the largest figures the submit accepts.
 * At the ceilings every rule of the 2019 edition holds (the paired fields share their units' ceilings).
 */
export function ceilingReport(formSet: FormSet, prefecture: Prefecture, options: { period?: string } = {}): ReportData {
  const report = sampleReport(prefecture, { ...options, listRows: listCapacityOf(formSet) });
  for (const sheet of formSet.sheets) {
    for (const row of report.sheets[sheet.code] ?? []) {
      for (const field of sheet.fields) if (field.max !== undefined && !field.formula) row.values[field.code] = field.max;
    }
  }
  return report;
}

/** The same report with one value set. */
export function setValue(report: ReportData, sheetCode: string, rowIndex: number, fieldCode: string, value: CellValue): ReportData {
  const copy = structuredClone(report);
  const row = copy.sheets[sheetCode]?.[rowIndex];
  if (!row) throw new Error(`no row ${rowIndex} on ${sheetCode}`);
  row.values[fieldCode] = value;
  return copy;
}

export function listCapacityOf(formSet: FormSet): number {
  return formSet.sheets.find((sheet) => sheet.kind === "list")?.definition.maxRows ?? 0;
}
