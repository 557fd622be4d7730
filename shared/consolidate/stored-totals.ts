import type { FormSet } from "../forms/form-set.ts";
import { reportScopeOf } from "../units/report-scope.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { integerScaleOf } from "../report/integer-scale.ts";
import { provenanceInTreeOrder, recomputeRow } from "./consolidate.ts";
import type { ConsolidatedReport, ConsolidatedRow, Provenance } from "./consolidate.ts";

/**
 * Consolidation kept as totals per unit (the Worker's store, folded as reports arrive): what is
 * stored of a form set, and the consolidated report read back from it. Totals are integers in the
 * stored values' units (money in hundredths), so sums are exact; computed fields are recomputed on
 * read from the stored inputs, exactly as `consolidate` recomputes them.
 */

/** What the store keeps of a form set: the summed fields of grid sheets, and the list sheets' sums and distinct counts. */
export interface ConsolidationPlan {
  /** Grid sheets: every field with aggregation "sum", summed from the county rows up. */
  gridSums: { sheet: string; field: string }[];
  /** List sheets: a consolidated field summing an input field over the list's rows. */
  listSums: { sheet: string; code: string; sumOf: string }[];
  /** List sheets: a consolidated field counting distinct keys of the list's rows. */
  distincts: { sheet: string; code: string; distinctOf: string[] }[];
}

const plans = new WeakMap<FormSet, ConsolidationPlan>();

export function consolidationPlanOf(formSet: FormSet): ConsolidationPlan {
  let plan = plans.get(formSet);
  if (!plan) {
    plan = { gridSums: [], listSums: [], distincts: [] };
    for (const sheet of formSet.sheets) {
      if (sheet.kind === "grid")
        for (const field of sheet.fields) if (field.aggregation === "sum") plan.gridSums.push({ sheet: sheet.code, field: field.code });
      if (sheet.kind === "list")
        for (const consolidated of sheet.definition.consolidatedFields ?? []) {
          if (consolidated.distinctOf) plan.distincts.push({ sheet: sheet.code, code: consolidated.code, distinctOf: consolidated.distinctOf });
          if (consolidated.sumOf) plan.listSums.push({ sheet: sheet.code, code: consolidated.code, sumOf: consolidated.sumOf });
        }
    }
    plans.set(formSet, plan);
  }
  return plan;
}

/** The stored totals: unit → sheet → field → integer amount; no key where nothing is stored (as JSON parsed from the store). */
export type StoredTotals = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>>;

/** An own property only (the records come from JSON.parse: a code must never find Object.prototype's members). */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The consolidated report from stored totals: the same rows, order and nulls as `consolidate` of
 * the included revisions the provenance names (one per unit reporting to `root` at most).
 */
export function reportFromStoredTotals(
  formSet: FormSet,
  root: ReportingUnit,
  period: string,
  totals: StoredTotals,
  provenance: readonly Provenance[],
): ConsolidatedReport {
  const included = new Set(provenance.map((entry) => entry.unitCode));
  const province = root.code;
  const sheets: Record<string, ConsolidatedRow[]> = {};
  for (const sheet of formSet.sheets) {
    if (sheet.kind === "grid") {
      const summed = sheet.fields.filter((field) => field.aggregation === "sum").map((field) => ({ code: field.code, scale: integerScaleOf(field.type) }));
      const withComputed = recomputeRow(sheet);
      // A plain loop: ~6,400 totals per pull (field codes are UPPER_SNAKE, so plain keys).
      const valuesOf = (unit: string) => {
        const stored = own(own(totals, unit), sheet.code);
        const values: Record<string, number | null> = {};
        for (const { code, scale } of summed) {
          // A field code is UPPER_SNAKE (the form schema): never a member of Object.prototype, so read directly.
          const amount = stored?.[code];
          values[code] = amount === undefined ? null : amount / scale;
        }
        return withComputed(values);
      };
      sheets[sheet.code] = [
        { key: province, level: "province", values: valuesOf(province) },
        ...root.children.flatMap((unit) => [
          { key: unit.code, level: "prefecture" as const, parentKey: province, values: valuesOf(unit.code) },
          ...reportScopeOf(unit).rowUnits.map((row) => ({ key: row.code, level: "county" as const, parentKey: unit.code, values: valuesOf(row.code) })),
        ]),
      ];
    }
    if (sheet.kind === "list") {
      const fields = sheet.definition.consolidatedFields ?? [];
      // An included unit with no rows counts 0 distinct keys; the province always counts.
      const valuesOf = (unit: string, counted: boolean) =>
        Object.fromEntries(
          fields.map((consolidated) => {
            const stored = own(own(own(totals, unit), sheet.code), consolidated.code);
            if (consolidated.distinctOf) return [consolidated.code, counted ? (stored ?? 0) : null];
            const field = sheet.field(consolidated.sumOf as string);
            return [consolidated.code, stored === undefined || !field ? null : stored / integerScaleOf(field.type)];
          }),
        );
      sheets[sheet.code] = [
        { key: province, level: "province", values: valuesOf(province, true) },
        ...root.children.map((unit) => ({
          key: unit.code,
          level: "prefecture" as const,
          parentKey: province,
          values: valuesOf(unit.code, included.has(unit.code)),
        })),
      ];
    }
  }
  return { edition: formSet.edition, period, sheets, ...provenanceInTreeOrder(root, provenance) };
}
