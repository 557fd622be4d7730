import type { FormSet } from "../../shared/forms/form-set.ts";
import type { UnitTree } from "../../shared/units/unit-tree.ts";
import type { ReportData, ReportRow } from "../../shared/report/report-data.ts";
import { splitWithin } from "../../scripts/demo/split-totals.ts";

/**
 * Splits province totals of the grid sheets across every county of the province, field by field
 * with its own weights; money is split as hundredths. Returns one report per prefecture.
 */
export function splitGridTotals(
  formSet: FormSet,
  regions: UnitTree,
  totals: Record<string, Record<string, number>>,
  weightsFor: (sheetCode: string, fieldCode: string, parts: number) => number[],
  period = "2019",
): ReportData[] {
  const counties = regions.root.children.flatMap((prefecture) => prefecture.children.map((county) => ({ prefecture, county })));
  const reports = new Map(
    regions.root.children.map((prefecture) => [
      prefecture.code,
      { edition: formSet.edition, unitCode: prefecture.code, period, sheets: {} as Record<string, ReportRow[]> },
    ]),
  );
  for (const sheet of formSet.sheets.filter((candidate) => candidate.kind === "grid")) {
    const values = counties.map(() => ({}) as Record<string, number>);
    for (const field of sheet.fields.filter((candidate) => !candidate.formula)) {
      const scale = field.type === "dec2" ? 100 : 1;
      const total = Math.round((totals[sheet.code]?.[field.code] ?? 0) * scale);
      splitWithin(total, weightsFor(sheet.code, field.code, counties.length)).forEach((part, index) => {
        (values[index] as Record<string, number>)[field.code] = part / scale;
      });
    }
    counties.forEach(({ prefecture, county }, index) => {
      const sheets = reports.get(prefecture.code)!.sheets;
      (sheets[sheet.code] ??= []).push({ key: county.code, values: values[index] as Record<string, number> });
    });
  }
  return [...reports.values()];
}

/**
 * Spreads 教扶06's province figures over list rows: one row per township, each township in a county
 * picked by `countyIndex` — or the next county whose prefecture still has room under `maxRows` —,
 * universities cycling so that each appears at least once (and some in several prefectures); the
 * summed figures split by `weights`. Adds the rows to the reports.
 */
export function splitListTotals(
  regions: UnitTree,
  reports: ReportData[],
  totals: { universities: number; townships: number; sums: Record<string, number> },
  countyIndex: (township: number, countyCount: number) => number,
  weights: number[],
  maxRows = Number.POSITIVE_INFINITY,
): void {
  const counties = regions.root.children.flatMap((prefecture) => prefecture.children.map((county) => ({ prefecture, county })));
  const rowWeights = Array.from({ length: totals.townships }, (_, index) => weights[index % weights.length] ?? 1);
  const sums = Object.fromEntries(Object.entries(totals.sums).map(([fieldCode, total]) => [fieldCode, splitWithin(total, rowWeights)]));
  for (let township = 0; township < totals.townships; township++) {
    let index = countyIndex(township, counties.length) % counties.length;
    const rowsOf = (at: number) => reports.find((candidate) => candidate.unitCode === counties[at]!.prefecture.code)!.sheets["教扶06"]?.length ?? 0;
    for (let tries = 0; rowsOf(index) >= maxRows && tries < counties.length; tries++) index = (index + 1) % counties.length;
    const { prefecture, county } = counties[index]!;
    const report = reports.find((candidate) => candidate.unitCode === prefecture.code)!;
    const rows = (report.sheets["教扶06"] ??= []);
    rows.push({
      key: "",
      position: rows.length,
      values: {
        E06_UNIV: `高校${township % totals.universities}`,
        E06_COUNTY: county.code,
        E06_TOWN: `乡镇${township}`,
        ...Object.fromEntries(Object.entries(sums).map(([fieldCode, parts]) => [fieldCode, parts[township] as number])),
      },
    });
  }
}
