import type { FieldDefinition } from "../forms/form-schema.ts";
import type { FormSet, LoadedSheet } from "../forms/form-set.ts";
import type { RegionTable } from "../regions/region-table.ts";
import type { ReportData } from "../report/report-data.ts";
import { singleRowContext } from "../rules/evaluate-rule.ts";
import type { RuleValue } from "../rules/evaluate-rule.ts";
import { foldedKeyOf } from "../values/fold-key.ts";
import { integerScaleOf } from "../report/integer-scale.ts";
import { sheetPlanOf, typeReport } from "../report/typed-report.ts";

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
 * Merges the prefectures' included submissions into province totals: counts and amounts summed,
 * ratios and other computed fields recomputed from the consolidated inputs, 教扶06's distinct
 * counts taken over the union of rows in each scope, with every county's detail kept.
 */
export function consolidate(formSet: FormSet, regions: RegionTable, period: string, included: IncludedSubmission[]): ConsolidatedReport {
  const byPrefecture = new Map(included.map((submission) => [submission.report.unitCode, submission]));
  const typedByPrefecture = new Map(
    regions.prefectures.flatMap((prefecture) => {
      const submission = byPrefecture.get(prefecture.code);
      return submission ? [[prefecture.code, typeReport(formSet, prefecture, submission.report, undefined)] as const] : [];
    }),
  );
  const sheets: Record<string, ConsolidatedRow[]> = {};
  for (const sheet of formSet.sheets) {
    if (sheet.kind === "grid") sheets[sheet.code] = consolidateGrid(sheet, regions, typedByPrefecture);
    if (sheet.kind === "list") sheets[sheet.code] = consolidateList(sheet, regions, typedByPrefecture);
  }
  return {
    edition: formSet.edition,
    period,
    sheets,
    ...provenanceInRegionOrder(
      regions,
      included.map((submission) => submission.provenance),
    ),
  };
}

/** The provenance of the included revisions in the regions' order, and the prefectures with none. */
export function provenanceInRegionOrder(
  regions: RegionTable,
  provenance: readonly Provenance[],
): Pick<ConsolidatedReport, "provenance" | "missingPrefectures"> {
  const byPrefecture = new Map(provenance.map((entry) => [entry.unitCode, entry]));
  return {
    provenance: regions.prefectures.flatMap((prefecture) => {
      const entry = byPrefecture.get(prefecture.code);
      return entry ? [entry] : [];
    }),
    missingPrefectures: regions.prefectures.filter((prefecture) => !byPrefecture.has(prefecture.code)).map((prefecture) => prefecture.code),
  };
}

type TypedByPrefecture = Map<string, ReturnType<typeof typeReport>>;

/**
 * Computed fields are recomputed from a consolidated row's own inputs, never summed: the function
 * fills them in (in place) from the row's summed fields.
 */
export function recomputeRow(sheet: LoadedSheet): (values: Record<string, number | null>) => Record<string, number | null> {
  const { computed } = sheetPlanOf(sheet);
  const context = singleRowContext(0);
  return (values) => {
    const row: RuleValue[] = sheet.fields.map((field) => values[field.code] ?? null);
    context.rows[0] = row;
    for (const { code, index, evaluate } of computed) {
      const value = evaluate(context);
      row[index] = value;
      values[code] = typeof value === "number" ? value : null;
    }
    return values;
  };
}

function consolidateGrid(sheet: LoadedSheet, regions: RegionTable, typedByPrefecture: TypedByPrefecture): ConsolidatedRow[] {
  const summed = sheet.fields.filter((field) => field.aggregation === "sum");
  const withComputed = recomputeRow(sheet);
  const sumRows = (rows: Record<string, number | null>[]) => withComputed(Object.fromEntries(summed.map((field) => [field.code, sumField(field, rows)])));

  const prefectureBlocks = regions.prefectures.map((prefecture) => {
    const typedSheet = typedByPrefecture.get(prefecture.code)?.get(sheet.code);
    const counties: ConsolidatedRow[] = prefecture.counties.map((county, index) => {
      const values = typedSheet?.rows[index]?.values;
      return {
        key: county.code,
        level: "county",
        parentKey: prefecture.code,
        values: withComputed(Object.fromEntries(summed.map((field) => [field.code, numberOrNull(values?.[sheet.fieldIndex(field.code)])]))),
      };
    });
    const total: ConsolidatedRow = {
      key: prefecture.code,
      level: "prefecture",
      parentKey: regions.province.code,
      values: typedSheet ? sumRows(counties.map((county) => county.values)) : sumRows([]),
    };
    return { total, counties };
  });
  const province: ConsolidatedRow = { key: regions.province.code, level: "province", values: sumRows(prefectureBlocks.map((block) => block.total.values)) };
  return [province, ...prefectureBlocks.flatMap((block) => [block.total, ...block.counties])];
}

function consolidateList(sheet: LoadedSheet, regions: RegionTable, typedByPrefecture: TypedByPrefecture): ConsolidatedRow[] {
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
  const rowsByPrefecture = regions.prefectures.map((prefecture) => ({
    prefecture,
    rows:
      typedByPrefecture
        .get(prefecture.code)
        ?.get(sheet.code)
        ?.rows.map((row) => row.values) ?? [],
    included: typedByPrefecture.has(prefecture.code),
  }));
  const empty = Object.fromEntries(fields.map((field) => [field.code, null]));
  return [
    { key: regions.province.code, level: "province", values: aggregate(rowsByPrefecture.flatMap((entry) => entry.rows)) },
    ...rowsByPrefecture.map(({ prefecture, rows, included }) => ({
      key: prefecture.code,
      level: "prefecture" as const,
      parentKey: regions.province.code,
      values: included ? aggregate(rows) : { ...empty },
    })),
  ];
}

const numberOrNull = (value: RuleValue | undefined): number | null => (typeof value === "number" ? value : null);
