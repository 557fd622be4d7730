import type { FormSet } from "../forms/form-set.ts";
import { unitLayout } from "../layout/workbook-layout.ts";
import type { RuleValue } from "../rules/evaluate-rule.ts";
import { typeReport } from "./typed-report.ts";
import type { TypedRow } from "./typed-report.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import type { ReportData } from "./report-data.ts";

/** One input cell that differs between two revisions; null = blank (or the row is absent). */
export interface CellChange {
  sheetCode: string;
  rowKey: string;
  fieldCode: string;
  /** A1 in the revision that has the row (the later one when both have it), from the layout. */
  cell: string;
  before: number | string | null;
  after: number | string | null;
}

const shown = (value: RuleValue | undefined): number | string | null => (typeof value === "number" || typeof value === "string" ? value : null);

/**
 * Cell-by-cell differences of the inputs of two reports of one unit (a prefecture, a county), compared as typed
 * values (so "12" and 12 are the same). Rows are matched by key: county, or a list row's key fields.
 */
export function diffReports(formSet: FormSet, unit: ReportingUnit, before: ReportData, after: ReportData): CellChange[] {
  const layout = unitLayout(formSet, unit, after.period);
  const typedBefore = typeReport(formSet, unit, before, undefined);
  const typedAfter = typeReport(formSet, unit, after, undefined);
  const changes: CellChange[] = [];
  for (const sheet of formSet.sheets) {
    const rowsBefore = new Map((typedBefore.get(sheet.code)?.rows ?? []).map((row) => [row.key, row]));
    const rowsAfter = new Map((typedAfter.get(sheet.code)?.rows ?? []).map((row) => [row.key, row]));
    const keys = [...rowsAfter.keys(), ...[...rowsBefore.keys()].filter((key) => !rowsAfter.has(key))];
    for (const rowKey of keys) {
      const rowBefore = rowsBefore.get(rowKey);
      const rowAfter = rowsAfter.get(rowKey);
      const located = (rowAfter ?? rowBefore) as TypedRow;
      sheet.fields.forEach((field, index) => {
        if (field.formula || field.prefill) return;
        const valueBefore = shown(rowBefore?.values[index]);
        const valueAfter = shown(rowAfter?.values[index]);
        if (valueBefore === valueAfter) return;
        const cell = layout.sheet(sheet.code)?.cellOf(located.layoutRow, field.code) ?? "";
        changes.push({ sheetCode: sheet.code, rowKey, fieldCode: field.code, cell, before: valueBefore, after: valueAfter });
      });
    }
  }
  return changes;
}
