import type { FormSet } from "../forms/form-set.ts";
import { reportScopeOf } from "../units/report-scope.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { integerScaleOf } from "../report/integer-scale.ts";
import { provenanceInTreeOrder, rowRecomputer } from "./consolidate.ts";
import type { LoadedSheet } from "../forms/form-set.ts";
import type { RuleValue } from "../rules/evaluate-rule.ts";
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

/**
 * Every total the store keeps of a form set, as "sheet.field" in one order (the grid sums, the list
 * sums, the distinct counts), and the text a pull's SQL finds them in: the names between "|", so that
 * instr() of "|sheet.field|" in it is where a total's name starts (in characters, from 1) and `placeAt`
 * turns that into its place in `names`.
 */
export interface StoredTotalNames {
  names: readonly string[];
  text: string;
  placeAt: ReadonlyMap<number, number>;
}

export function storedTotalNamesOf(formSet: FormSet): StoredTotalNames {
  const plan = consolidationPlanOf(formSet);
  let known = totalNames.get(plan);
  if (!known) {
    const names = [
      ...new Set([
        ...plan.gridSums.map(({ sheet, field }) => `${sheet}.${field}`),
        ...plan.listSums.map(({ sheet, code }) => `${sheet}.${code}`),
        ...plan.distincts.map(({ sheet, code }) => `${sheet}.${code}`),
      ]),
    ];
    const placeAt = new Map<number, number>();
    let at = 1;
    names.forEach((name, place) => {
      if (name.includes("|")) throw new Error(`a stored total's name holds "|": ${name}`);
      placeAt.set(at, place);
      at += [...name].length + 1;
    });
    known = { names, text: `|${names.join("|")}|`, placeAt };
    totalNames.set(plan, known);
  }
  return known;
}
const totalNames = new WeakMap<ConsolidationPlan, StoredTotalNames>();

/**
 * The stored totals as a pull reads them (as JSON parsed from the store): per unit, where each of its
 * stored totals' names stands in `StoredTotalNames.text` and their integer amounts, side by side.
 */
export type StoredTotals = Readonly<Record<string, readonly [readonly number[], readonly number[]]>>;

/** A unit's stored totals by place in `StoredTotalNames.names` (undefined where none is stored). */
type UnitTotals = readonly (number | undefined)[] | undefined;

/** An own property only (the records come from JSON.parse: a code must never find Object.prototype's members). */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function unitTotalsOf(totals: StoredTotals, unit: string, { names, placeAt }: StoredTotalNames): UnitTotals {
  const stored = own(totals, unit);
  if (!stored) return undefined;
  const [starts, amounts] = stored;
  const dense: (number | undefined)[] = new Array(names.length).fill(undefined);
  for (let index = 0; index < starts.length; index++) {
    const place = placeAt.get(starts[index] as number);
    if (place !== undefined) dense[place] = amounts[index];
  }
  return dense;
}

/**
 * A grid row's values from a unit's stored totals of the sheet, as `consolidate` gives them: each summed
 * field (null where nothing is stored), then its computed fields recomputed from them (`recomputeRow`),
 * in one pass — the row the formulas read is filled as the values are.
 */
function gridRowOf(sheet: LoadedSheet, placeOf: ReadonlyMap<string, number>): (stored: UnitTotals) => Record<string, number | null> {
  const summed = sheet.fields.flatMap((field, index) =>
    field.aggregation === "sum"
      ? [{ code: field.code, index, place: placeOf.get(`${sheet.code}.${field.code}`) ?? -1, scale: integerScaleOf(field.type) }]
      : [],
  );
  const recompute = rowRecomputer(sheet);
  return (stored) => {
    const row: RuleValue[] = new Array(sheet.fields.length).fill(null);
    const values: Record<string, number | null> = {};
    for (const { code, index, place, scale } of summed) {
      const amount = stored?.[place];
      const value = amount === undefined ? null : amount / scale;
      values[code] = value;
      row[index] = value;
    }
    return recompute(row, values);
  };
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
  const known = storedTotalNamesOf(formSet);
  const placeOf = new Map(known.names.map((name, place) => [name, place]));
  // Each unit's totals laid out by place once, for all its sheets.
  const byUnit = new Map<string, UnitTotals>();
  const totalsOf = (unit: string): UnitTotals => {
    if (!byUnit.has(unit)) byUnit.set(unit, unitTotalsOf(totals, unit, known));
    return byUnit.get(unit);
  };
  const sheets: Record<string, ConsolidatedRow[]> = {};
  for (const sheet of formSet.sheets) {
    if (sheet.kind === "grid") {
      const valuesOf = gridRowOf(sheet, placeOf);
      const rows: ConsolidatedRow[] = [{ key: province, level: "province", values: valuesOf(totalsOf(province)) }];
      for (const unit of root.children) {
        rows.push({ key: unit.code, level: "prefecture", parentKey: province, values: valuesOf(totalsOf(unit.code)) });
        for (const row of reportScopeOf(unit).rowUnits)
          rows.push({ key: row.code, level: "county", parentKey: unit.code, values: valuesOf(totalsOf(row.code)) });
      }
      sheets[sheet.code] = rows;
    }
    if (sheet.kind === "list") {
      const fields = sheet.definition.consolidatedFields ?? [];
      // An included unit with no rows counts 0 distinct keys; the province always counts.
      const valuesOf = (unit: string, counted: boolean) =>
        Object.fromEntries(
          fields.map((consolidated) => {
            const place = placeOf.get(`${sheet.code}.${consolidated.code}`);
            const stored = place === undefined ? undefined : totalsOf(unit)?.[place];
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
