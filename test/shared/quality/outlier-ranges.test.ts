import { describe, expect, test } from "vitest";
import { demoFormSet, demoReports } from "../../../scripts/demo/demo-reports.ts";
import { seededRandom } from "../../../scripts/demo/seeded-random.ts";
import { computeOutlierRanges, isOutlier, rangedFields } from "../../../shared/quality/outlier-ranges.ts";
import type { RangedField } from "../../../shared/quality/outlier-ranges.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { outlierScenario } from "../../support/outlier-history.ts";
import type { OutlierScenario } from "../../support/outlier-history.ts";

/** Share of the scenario's honest values of this period outside their ranges. */
function falseAlarmRate(scenario: OutlierScenario): number {
  const ranges = computeOutlierRanges({ ...scenario, units: scenario.counties });
  let values = 0;
  let flagged = 0;
  for (const county of scenario.counties)
    for (const field of scenario.fields) {
      const value = scenario.current.get(county)?.[field.fieldCode];
      const range = ranges.get(county)?.get(field.fieldCode);
      if (typeof value !== "number") continue;
      values++;
      if (range && isOutlier(range, value)) flagged++;
    }
  return flagged / values;
}

/**
 * Share of trials in which one value, ×10 or ÷10 (rounded to what the field holds), is flagged; the
 * ranges are made with the wrong value among the peers, as the Worker would. Values under 10 are
 * not tried: a count under 10 has no whole tenth.
 */
function detectionRate(scenario: OutlierScenario, trials: number, seed: number): number {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  let caught = 0;
  for (let tried = 0; tried < trials; ) {
    const county = pick(scenario.counties);
    const field: RangedField = pick(scenario.fields);
    const value = scenario.current.get(county)?.[field.fieldCode] ?? 0;
    if (value < 10) continue;
    tried++;
    const scale = field.type === "dec2" ? 100 : 1;
    const wrong = random() < 0.5 ? value * 10 : Math.round((value / 10) * scale) / scale;
    const current = new Map(scenario.current).set(county, { ...scenario.current.get(county), [field.fieldCode]: wrong });
    const range = computeOutlierRanges({ ...scenario, current, fields: [field], units: [county] })
      .get(county)
      ?.get(field.fieldCode);
    if (range && isOutlier(range, wrong)) caught++;
  }
  return caught / trials;
}

describe("outlier ranges on the published 2019 figures split across Shandong's 137 counties (seeded)", () => {
  const withHistory = outlierScenario(demoFormSet, reportingTree, { seed: 30, earlierPeriods: 4 });

  test("every count and amount input of the grid sheets gets a range, computed fields none", () => {
    const fields = rangedFields(demoFormSet);
    expect(fields.map((field) => field.fieldCode)).toContain("E01_PRE");
    expect(fields.map((field) => field.fieldCode)).toContain("E07_AID_AMOUNT");
    expect(fields.map((field) => field.fieldCode)).not.toContain("E02_INV_RATE");
    const ranges = computeOutlierRanges({ ...withHistory, units: withHistory.counties });
    expect([...ranges.values()].every((byField) => byField.size === fields.length)).toBe(true);
  });

  test("with 4 earlier periods: ≤ 2 % of honest values raise O01, a value ×10 or ÷10 is caught in ≥ 95 % of 1,000 trials", () => {
    expect(falseAlarmRate(withHistory)).toBeLessThanOrEqual(0.02);
    expect(detectionRate(withHistory, 1000, 7)).toBeGreaterThanOrEqual(0.95);
  });

  test("counties moving ±30 % a year, 2 earlier periods: still ≤ 2 % and ≥ 95 %", () => {
    const noisy = outlierScenario(demoFormSet, reportingTree, { seed: 31, earlierPeriods: 2, jitter: 0.3 });
    expect(falseAlarmRate(noisy)).toBeLessThanOrEqual(0.02);
    expect(detectionRate(noisy, 1000, 8)).toBeGreaterThanOrEqual(0.95);
  });

  test("a first period (peers alone, which differ in size): few false alarms, most ×10/÷10 still caught", () => {
    const firstPeriod = outlierScenario(demoFormSet, reportingTree, { seed: 32, earlierPeriods: 0 });
    expect(falseAlarmRate(firstPeriod)).toBeLessThanOrEqual(0.02);
    expect(detectionRate(firstPeriod, 1000, 9)).toBeGreaterThanOrEqual(0.8);
  });
});

describe("the method's floors and centre", () => {
  const field: RangedField = { sheetCode: "教扶01", fieldCode: "E01_PRE", type: "int" };
  const peers = (values: number[]) => new Map(values.map((value, index) => [`u${index}`, { E01_PRE: value }]));
  const flat = (unitCount: number, values: number[]) =>
    new Map(Array.from({ length: unitCount }, (_, index) => [`u${index}`, values.map((value) => ({ E01_PRE: value }))]));

  test("a zero-heavy field: a unit that always reported 0 may report a few, not fifty", () => {
    const range = computeOutlierRanges({ fields: [field], units: ["u0"], current: peers(Array(20).fill(0)), history: flat(20, [0, 0, 0, 0]) })
      .get("u0")
      ?.get("E01_PRE");
    expect(range).toEqual({ low: 0, high: 3, centre: 0, basis: "history" });
    expect(isOutlier(range!, 2)).toBe(false);
    expect(isOutlier(range!, 50)).toBe(true);
  });

  test("a province-wide tripling is not an outlier: the centre moves with the peers' change", () => {
    const range = computeOutlierRanges({ fields: [field], units: ["u0"], current: peers(Array(20).fill(3000)), history: flat(20, [1000, 1000, 1000, 1000]) })
      .get("u0")
      ?.get("E01_PRE");
    expect(range?.centre).toBe(3000);
    expect(isOutlier(range!, 3000)).toBe(false);
    expect(isOutlier(range!, 1000)).toBe(true);
  });

  test("a unit with history is judged by it alone: a field it never reported gets no range; a unit without any, its peers'", () => {
    const second: RangedField = { sheetCode: "教扶01", fieldCode: "E01_CMP", type: "int" };
    const current = new Map(Array.from({ length: 10 }, (_, index) => [`u${index}`, { E01_PRE: 100 + index, E01_CMP: 200 + index }]));
    const ranges = computeOutlierRanges({
      fields: [field, second],
      units: ["u0", "u9"],
      current,
      history: new Map([["u0", [{ E01_PRE: 100 }, { E01_PRE: 104 }]]]),
    });
    expect([...ranges.get("u0")!.keys()]).toEqual(["E01_PRE"]);
    expect([...ranges.get("u9")!.values()].map((range) => range.basis)).toEqual(["peers", "peers"]);
  });

  test("one earlier period is no history (no spread of its own): its peers', or with fewer than 8 peers no range", () => {
    const current = new Map(Array.from({ length: 10 }, (_, index) => [`u${index}`, { E01_PRE: 100 + index }]));
    const onePeriod = new Map([["u0", [{ E01_PRE: 30 }]]]);
    expect(
      computeOutlierRanges({ fields: [field], units: ["u0"], current, history: onePeriod })
        .get("u0")
        ?.get("E01_PRE")?.basis,
    ).toBe("peers");
    const few = new Map([...current].slice(0, 3));
    expect(computeOutlierRanges({ fields: [field], units: ["u0"], current: few, history: onePeriod }).get("u0")?.size).toBe(0);
  });

  test("no history and fewer than 8 peers: no range, so no warning", () => {
    const ranges = computeOutlierRanges({ fields: [field], units: ["u0"], current: peers([5, 6, 7]), history: new Map() });
    expect(ranges.get("u0")?.size).toBe(0);
  });
});

test("the demo's honest 2019 reports as peers alone: ranges hold them (≤ 2 % outside)", () => {
  const current = new Map(
    demoReports(demoFormSet, reportingTree).flatMap((report) =>
      Object.values(report.sheets).flatMap((rows) => rows.map((row) => [row.key, row.values as Record<string, number>] as const)),
    ),
  );
  const merged = new Map<string, Record<string, number>>();
  for (const [key, values] of current) merged.set(key, { ...merged.get(key), ...values });
  const counties = reportingTree.root.children.flatMap((prefecture) => prefecture.children.map((county) => county.code));
  const scenario: OutlierScenario = {
    fields: rangedFields(demoFormSet),
    counties,
    current: new Map(counties.map((code) => [code, merged.get(code) ?? {}])),
    history: new Map(),
  };
  expect(falseAlarmRate(scenario)).toBeLessThanOrEqual(0.02);
});
