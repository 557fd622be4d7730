import type { FieldDefinition } from "../forms/form-schema.ts";
import type { FormSet, LoadedSheet } from "../forms/form-set.ts";
import type { ReportData } from "../report/report-data.ts";
import { singleRowContext } from "../rules/evaluate-rule.ts";
import type { RuleValue } from "../rules/evaluate-rule.ts";
import { foldedKeyOf } from "../values/fold-key.ts";
import { integerScaleOf } from "../report/integer-scale.ts";
import { sheetPlanOf, typeReport } from "../report/typed-report.ts";
import { reportScopeOf } from "../units/report-scope.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";

/** Which revision a prefecture contributed: carried through so every total can be traced. */
export interface Provenance {
  unitCode: string;
  submissionId: string;
  revision: number;
  status: string;
  submittedAt: string;
  /** The drill-down below it: the county revision behind each county's rows, or null where the prefecture typed them. */
  sources?: { unitCode: string; revision: number | null }[] | null;
}

export interface IncludedSubmission {
  report: ReportData;
  provenance: Provenance;
}

export type ConsolidatedLevel = "province" | "prefecture" | "county";

export interface ConsolidatedRow {
  key: string;
  level: ConsolidatedLevel;
  /** The prefecture a county row belongs to; the province for a prefecture row. */
  parentKey?: string;
  /** By field code; null where nothing was reported (a prefecture not included) or a ratio has a zero denominator. */
  values: Record<string, number | null>;
}

export interface ConsolidatedReport {
  edition: string;
  period: string;
  /** By sheet code: the province row first, then each prefecture followed by its counties (list sheets: no county rows). */
  sheets: Record<string, ConsolidatedRow[]>;
  provenance: Provenance[];
  /** Prefectures with no included submission. */
  missingPrefectures: string[];
}

function sumField(field: FieldDefinition, rows: Record<string, number | null>[]): number | null {
  const scale = integerScaleOf(field.type);
  let total = 0;
  let any = false;
  for (const row of rows) {
    const value = row[field.code];
    if (value === null || value === undefined) continue;
    total += Math.round(value * scale);
    any = true;
  }
  return any ? total / scale : null;
}

/**
 * Merges the included submissions of the units reporting to `root` (the province's prefectures)
 * into its totals: counts and amounts summed, ratios and other computed fields recomputed from the
 * consolidated inputs, 教扶06's distinct counts taken over the union of rows in each scope, with
 * every row of each unit's report (a prefecture's counties) kept below it.
 */
export function consolidate(formSet: FormSet, root: ReportingUnit, period: string, included: IncludedSubmission[]): ConsolidatedReport {
  return {
    ...consolidateUnits(formSet, root.code, root.children, period, included),
    ...provenanceInTreeOrder(
      root,
      included.map((submission) => submission.provenance),
    ),
  };
}

/** The sheets of `units`' included reports consolidated under one total keyed `rootKey`, each unit's report typed by its own scope. */
export function consolidateUnits(
  formSet: FormSet,
  rootKey: string,
  units: readonly ReportingUnit[],
  period: string,
  included: IncludedSubmission[],
): Omit<ConsolidatedReport, "provenance" | "missingPrefectures"> {
  const byUnit = new Map(included.map((submission) => [submission.report.unitCode, submission]));
  const blocks: UnitBlock[] = units.map((unit) => {
    const submission = byUnit.get(unit.code);
    return { unit, typed: submission ? typeReport(formSet, unit, submission.report, undefined) : undefined };
  });
  const sheets: Record<string, ConsolidatedRow[]> = {};
  for (const sheet of formSet.sheets) {
    if (sheet.kind === "grid") sheets[sheet.code] = consolidateGrid(sheet, rootKey, blocks);
    if (sheet.kind === "list") sheets[sheet.code] = consolidateList(sheet, rootKey, blocks);
  }
  return { edition: formSet.edition, period, sheets };
}

/** The provenance of the included revisions in the tree's order, and the units reporting to `root` with none. */
export function provenanceInTreeOrder(root: ReportingUnit, provenance: readonly Provenance[]): Pick<ConsolidatedReport, "provenance" | "missingPrefectures"> {
  const byUnit = new Map(provenance.map((entry) => [entry.unitCode, entry]));
  return {
    provenance: root.children.flatMap((unit) => {
      const entry = byUnit.get(unit.code);
      return entry ? [entry] : [];
    }),
    missingPrefectures: root.children.filter((unit) => !byUnit.has(unit.code)).map((unit) => unit.code),
  };
}

/** One unit reporting to the root, and its typed report when it has an included one. */
interface UnitBlock {
  unit: ReportingUnit;
  typed: ReturnType<typeof typeReport> | undefined;
}

/**
 * Computed fields are recomputed from a consolidated row's own inputs, never summed: the function
 * fills them in (in place) from the row's summed fields.
 */
export function recomputeRow(sheet: LoadedSheet): (values: Record<string, number | null>) => Record<string, number | null> {
  const recompute = rowRecomputer(sheet);
  return (values) =>
    recompute(
      sheet.fields.map((field) => values[field.code] ?? null),
      values,
    );
}

/**
 * The sheet's computed fields evaluated over `row` (the sheet's fields in order), each written back
 * into it as the next formula reads it, and into `values` (null where not a number).
 */
export function rowRecomputer(sheet: LoadedSheet): (row: RuleValue[], values: Record<string, number | null>) => Record<string, number | null> {
  const { computed } = sheetPlanOf(sheet);
  const context = singleRowContext(0);
  return (row, values) => {
    context.rows[0] = row;
    for (const { code, index, evaluate } of computed) {
      const value = evaluate(context);
      row[index] = value;
      values[code] = typeof value === "number" ? value : null;
    }
    return values;
  };
}

function consolidateGrid(sheet: LoadedSheet, rootKey: string, blocks: readonly UnitBlock[]): ConsolidatedRow[] {
  const summed = sheet.fields.filter((field) => field.aggregation === "sum");
  const withComputed = recomputeRow(sheet);
  const sumRows = (rows: Record<string, number | null>[]) => withComputed(Object.fromEntries(summed.map((field) => [field.code, sumField(field, rows)])));

  const unitBlocks = blocks.map(({ unit, typed }) => {
    const typedSheet = typed?.get(sheet.code);
    const rows: ConsolidatedRow[] = reportScopeOf(unit).rowUnits.map((rowUnit, index) => {
      const values = typedSheet?.rows[index]?.values;
      return {
        key: rowUnit.code,
        level: "county",
        parentKey: unit.code,
        values: withComputed(Object.fromEntries(summed.map((field) => [field.code, numberOrNull(values?.[sheet.fieldIndex(field.code)])]))),
      };
    });
    const total: ConsolidatedRow = {
      key: unit.code,
      level: "prefecture",
      parentKey: rootKey,
      values: typedSheet ? sumRows(rows.map((row) => row.values)) : sumRows([]),
    };
    return { total, rows };
  });
  const root: ConsolidatedRow = { key: rootKey, level: "province", values: sumRows(unitBlocks.map((block) => block.total.values)) };
  return [root, ...unitBlocks.flatMap((block) => [block.total, ...block.rows])];
}

function consolidateList(sheet: LoadedSheet, rootKey: string, blocks: readonly UnitBlock[]): ConsolidatedRow[] {
  const fields = sheet.definition.consolidatedFields ?? [];
  const aggregate = (rows: RuleValue[][]): Record<string, number | null> =>
    Object.fromEntries(
      fields.map((consolidated) => {
        if (consolidated.distinctOf) {
          const indexes = consolidated.distinctOf.map((code) => sheet.fieldIndex(code));
          const keys = new Set(rows.map((row) => foldedKeyOf(indexes.map((index) => row[index]))));
          return [consolidated.code, keys.size];
        }
        const field = sheet.field(consolidated.sumOf as string) as FieldDefinition;
        const index = sheet.fieldIndex(field.code);
        return [
          consolidated.code,
          sumField(
            field,
            rows.map((row) => ({ [field.code]: numberOrNull(row[index]) })),
          ),
        ];
      }),
    );
  const rowsByUnit = blocks.map(({ unit, typed }) => ({
    unit,
    rows: typed?.get(sheet.code)?.rows.map((row) => row.values) ?? [],
    included: typed !== undefined,
  }));
  const empty = Object.fromEntries(fields.map((field) => [field.code, null]));
  return [
    { key: rootKey, level: "province", values: aggregate(rowsByUnit.flatMap((entry) => entry.rows)) },
    ...rowsByUnit.map(({ unit, rows, included }) => ({
      key: unit.code,
      level: "prefecture" as const,
      parentKey: rootKey,
      values: included ? aggregate(rows) : { ...empty },
    })),
  ];
}

const numberOrNull = (value: RuleValue | undefined): number | null => (typeof value === "number" ? value : null);
