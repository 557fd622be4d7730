import type { FormSet } from "../../shared/forms/form-set.ts";
import { publishedProvince2019 } from "../../shared/forms/published-2019.ts";
import { rangedFields } from "../../shared/quality/outlier-ranges.ts";
import type { RangeInput, RangedField } from "../../shared/quality/outlier-ranges.ts";
import type { UnitTree } from "../../shared/units/unit-tree.ts";
import { seededRandom } from "../../scripts/demo/seeded-random.ts";
import { splitGridTotals } from "./split-totals.ts";

/**
 * Honest history for the outlier ranges: the published 2019 figures split across Shandong's counties
 * for 2019 and, scaled back by a province-wide trend, for the periods before it. Each county keeps its
 * size (a weight per county and field) and moves by ±`jitter` a year, as real counties do; the split
 * is splitGridTotals', so small counts round to the whole numbers a clerk types.
 */
export interface OutlierScenario extends Omit<RangeInput, "units" | "fields"> {
  fields: RangedField[];
  counties: string[];
}

export function outlierScenario(formSet: FormSet, tree: UnitTree, options: { seed: number; earlierPeriods: number; jitter?: number }): OutlierScenario {
  const random = seededRandom(options.seed);
  const jitter = options.jitter ?? 0.15;
  const counties = tree.root.children.flatMap((prefecture) => prefecture.children.map((county) => county.code));
  const size = counties.map(() => 0.4 + random() * 1.2);
  const fieldWeights = new Map<string, number[]>();
  const baseWeights = (fieldCode: string) => {
    let weights = fieldWeights.get(fieldCode);
    if (!weights) fieldWeights.set(fieldCode, (weights = size.map((weight) => weight * (0.6 + random() * 0.8))));
    return weights;
  };
  const periodValues = (yearsBack: number) => {
    const growth = (1.04 + random() * 0.04) ** -yearsBack;
    const totals = Object.fromEntries(
      Object.entries(publishedProvince2019).map(([sheetCode, fields]) => [
        sheetCode,
        Object.fromEntries(Object.entries(fields).map(([fieldCode, total]) => [fieldCode, yearsBack === 0 ? total : total * growth])),
      ]),
    );
    const reports = splitGridTotals(formSet, tree, totals, (_sheetCode, fieldCode) =>
      baseWeights(fieldCode).map((weight) => weight * (1 - jitter + random() * 2 * jitter)),
    );
    const byCounty = new Map<string, Record<string, number>>();
    for (const report of reports)
      for (const rows of Object.values(report.sheets))
        for (const row of rows) Object.assign((byCounty.get(row.key) ?? byCounty.set(row.key, {}).get(row.key)) as object, row.values);
    return byCounty;
  };
  const earlier = Array.from({ length: options.earlierPeriods }, (_, index) => periodValues(index + 1));
  return {
    fields: rangedFields(formSet),
    counties,
    current: periodValues(0),
    history: new Map(counties.map((county) => [county, earlier.map((period) => period.get(county) ?? {})])),
  };
}
