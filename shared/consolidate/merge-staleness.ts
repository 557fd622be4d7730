import type { FormSet } from "../forms/form-set.ts";
import type { ReportData } from "../report/report-data.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { unitEngineValues } from "./engine-values.ts";
import type { RowSource } from "./row-sources.ts";

/**
 * Whether a unit's latest revision (a prefecture's) still carries what its children now contribute:
 * its `sources` say which child revision each child's rows came from (null: typed by its clerk); a
 * child whose included revision is another one since has moved on, and the unit's report is out of date.
 */

/** How a child moved on: a newer revision (resubmitted), its revision returned (none, or an older accepted one, stands in), or a first revision where the unit's clerk had typed its rows. */
export type ChildChange = "resubmitted" | "returned" | "submitted";

export interface StaleChild {
  unitCode: string;
  /** The child revision the unit's latest revision carries (null: its clerk typed the rows). */
  was: number | null;
  /** The child revision included now (null: none, its rows are the clerk's to type). */
  now: number | null;
  change: ChildChange;
}

/** A 合计 figure of the unit's report, in its latest revision and once rebuilt. */
export interface TotalChange {
  sheetCode: string;
  fieldCode: string;
  before: number | null;
  after: number | null;
}

/** The children's revisions as a merge includes them: the revision each contributes and when it came. */
export interface IncludedChild {
  unitCode: string;
  revision: number;
  submittedAt: string;
}

/**
 * The children whose included revision is not the one the unit's latest revision carries. A child
 * whose rows were typed (source null) counts only once it has a revision submitted after the unit's:
 * before that, the clerk typed or corrected its rows knowingly.
 */
export function staleChildren(
  unit: ReportingUnit,
  latest: { submittedAt: string; sources: readonly RowSource[] | null },
  included: readonly IncludedChild[],
): StaleChild[] {
  const now = new Map(included.map((entry) => [entry.unitCode, entry]));
  return unit.children
    .filter((child) => child.level.report)
    .flatMap((child): StaleChild[] => {
      const was = latest.sources?.find((source) => source.unitCode === child.code)?.revision ?? null;
      const entry = now.get(child.code);
      const current = entry?.revision ?? null;
      if (was === current) return [];
      if (was === null) return entry && entry.submittedAt > latest.submittedAt ? [{ unitCode: child.code, was, now: current, change: "submitted" }] : [];
      const change: ChildChange = current !== null && current > was ? "resubmitted" : "returned";
      return [{ unitCode: child.code, was, now: current, change }];
    });
}

/** The 合计 figures (sums and recomputed ratios) that differ between two reports of the unit, sheet by sheet in the form's order. */
export function totalChanges(formSet: FormSet, unit: ReportingUnit, before: ReportData, after: ReportData): TotalChange[] {
  const [was, now] = [unitEngineValues(formSet, unit, before), unitEngineValues(formSet, unit, after)];
  return formSet.sheets
    .filter((sheet) => sheet.kind === "grid")
    .flatMap((sheet) => {
      const [old, fresh] = [was.get(sheet.code)?.get(unit.code) ?? {}, now.get(sheet.code)?.get(unit.code) ?? {}];
      return sheet.fields.flatMap((field) => {
        const [beforeValue, afterValue] = [old[field.code] ?? null, fresh[field.code] ?? null];
        return beforeValue === afterValue ? [] : [{ sheetCode: sheet.code, fieldCode: field.code, before: beforeValue, after: afterValue }];
      });
    });
}

/** What a rebuild does to each child's rows: kept as typed, replaced by a (newer or older) revision, or cleared for the clerk to type. */
export function rebuildOutcome(stale: readonly StaleChild[], kept: readonly string[]): { kept: string[]; replaced: string[]; cleared: string[] } {
  return {
    kept: [...kept],
    replaced: stale.filter((child) => child.now !== null).map((child) => child.unitCode),
    cleared: stale.filter((child) => child.now === null && !kept.includes(child.unitCode)).map((child) => child.unitCode),
  };
}
