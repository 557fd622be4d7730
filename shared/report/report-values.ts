import type { FormSet } from "../forms/form-set.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { sheetPlanOf, typeReport } from "./typed-report.ts";
import type { TypedReport } from "./typed-report.ts";
import { integerScaleOf } from "./integer-scale.ts";
import type { ReportData, ReportRow } from "./report-data.ts";

/**
 * A report as normalised rows, one per filled input cell: what the Worker stores in
 * `submission_values` so that consolidation reads numbers with SQL. Numbers are integers:
 * counts and date serials as they are, money (dec2, 万元) in hundredths; text stays text.
 * Computed fields are not stored: they are recomputed from the inputs.
 */
export interface StoredValue {
  sheetCode: string;
  /** Grid: county code; cover: prefecture code; list: the row's folded key fields joined by "|". */
  rowKey: string;
  fieldCode: string;
  numberValue: number | null;
  textValue: string | null;
}

/** The stored values of a report, typed as the validation engine types it (pass `typed` when it already was). */
export function reportValues(
  formSet: FormSet,
  unit: ReportingUnit,
  report: ReportData,
  typed: TypedReport = typeReport(formSet, unit, report, undefined),
): StoredValue[] {
  const values: StoredValue[] = [];
  for (const typedSheet of typed.values()) {
    const { inputs } = sheetPlanOf(typedSheet.sheet);
    for (const row of typedSheet.rows) {
      for (const { field, index } of inputs) {
        const value = row.values[index];
        if (typeof value === "number") {
          values.push({
            sheetCode: typedSheet.sheet.code,
            rowKey: row.key,
            fieldCode: field.code,
            numberValue: Math.round(value * integerScaleOf(field.type)),
            textValue: null,
          });
        } else if (typeof value === "string") {
          values.push({ sheetCode: typedSheet.sheet.code, rowKey: row.key, fieldCode: field.code, numberValue: null, textValue: value });
        }
      }
    }
  }
  return values;
}

/** The report that stored values come from (inputs only; list rows in key order): the inverse of `reportValues`. */
export function reportFromValues(formSet: FormSet, header: { edition: string; unitCode: string; period: string }, values: Iterable<StoredValue>): ReportData {
  const rowsBySheet = new Map<string, Map<string, ReportRow>>();
  for (const value of values) {
    const field = formSet.sheet(value.sheetCode)?.field(value.fieldCode);
    if (!field) throw new Error(`stored value of unknown field ${value.sheetCode}.${value.fieldCode}`);
    let rows = rowsBySheet.get(value.sheetCode);
    if (!rows) rowsBySheet.set(value.sheetCode, (rows = new Map()));
    let row = rows.get(value.rowKey);
    if (!row) rows.set(value.rowKey, (row = { key: value.rowKey, values: {} }));
    row.values[value.fieldCode] = value.numberValue !== null ? value.numberValue / integerScaleOf(field.type) : value.textValue;
  }
  const sheets: Record<string, ReportRow[]> = {};
  for (const [sheetCode, rows] of rowsBySheet) {
    const ordered = [...rows.values()];
    if (formSet.sheet(sheetCode)?.kind === "list") {
      ordered.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      ordered.forEach((row, position) => (row.position = position));
    }
    sheets[sheetCode] = ordered;
  }
  return { ...header, sheets, explanations: [] };
}
