import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { consolidate } from "../../../shared/consolidate/consolidate.ts";
import type { ConsolidatedReport, IncludedSubmission } from "../../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { publishedProvince2019, publishedRatios2019 } from "../../../shared/forms/published-2019.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";
import { ceilingReport, listCapacityOf } from "../../support/ceiling-report.ts";
import { splitGridTotals, splitListTotals } from "../../support/split-totals.ts";

const include = (reports: ReportData[]): IncludedSubmission[] =>
  reports.map((report, index) => ({
    report,
    provenance: { unitCode: report.unitCode, submissionId: `s${index}`, revision: 1, status: "accepted", submittedAt: "2020-01-20T08:00:00Z" },
  }));
const provinceRow = (result: ConsolidatedReport, sheetCode: string) => result.sheets[sheetCode]!.find((row) => row.level === "province")!;
const row = (result: ConsolidatedReport, sheetCode: string, key: string) => result.sheets[sheetCode]!.find((candidate) => candidate.key === key)!;
const gridSheets = currentFormSet.sheets.filter((sheet) => sheet.kind === "grid");
const COUNTY_COUNT = reportingTree.root.children.reduce((sum, prefecture) => sum + prefecture.children.length, 0);

describe("consolidation", () => {
  it("gives back the province totals exactly from any split across counties, money included, with the published ratios", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: COUNTY_COUNT, maxLength: COUNTY_COUNT }), fc.integer({ min: 1, max: 1000 }), (baseWeights, shift) => {
        // Each field gets its own rotation of the weights, so fields are split differently.
        let rotation = 0;
        const weightsFor = () => {
          rotation = (rotation + shift) % COUNTY_COUNT;
          return [...baseWeights.slice(rotation), ...baseWeights.slice(0, rotation)];
        };
        const reports = splitGridTotals(currentFormSet, reportingTree, publishedProvince2019, weightsFor);
        const { E06_UNIV_COUNT, E06_TOWN_COUNT, ...sums } = publishedProvince2019["教扶06"]!;
        splitListTotals(
          reportingTree,
          reports,
          { universities: E06_UNIV_COUNT!, townships: E06_TOWN_COUNT!, sums },
          (township) => (township * shift) % COUNTY_COUNT,
          baseWeights,
          currentFormSet.sheet("教扶06")!.definition.maxRows,
        );
        const result = consolidate(currentFormSet, reportingTree.root, "2019", include(reports));
        expect(provinceRow(result, "教扶06").values).toEqual(publishedProvince2019["教扶06"]);
        for (const sheet of gridSheets) {
          const province = provinceRow(result, sheet.code);
          for (const [fieldCode, total] of Object.entries(publishedProvince2019[sheet.code]!))
            expect(province.values[fieldCode], `${sheet.code}.${fieldCode}`).toBe(total);
          for (const [fieldCode, ratio] of Object.entries(publishedRatios2019[sheet.code] ?? {})) {
            expect(Number((province.values[fieldCode] as number).toFixed(4)), fieldCode).toBe(ratio);
          }
        }
      }),
      // Seed -577872209 once put all 250 townships into one prefecture, past the list sheet's 200 rows: rows now spill to the next prefecture.
      { numRuns: 100, examples: [[new Array<number>(COUNTY_COUNT).fill(0), 548]] },
    );
  });

  it("sums each prefecture from its counties and recomputes ratios rather than summing them", () => {
    const reports = splitGridTotals(currentFormSet, reportingTree, publishedProvince2019, (_sheet, _field, parts) =>
      Array.from({ length: parts }, (_, index) => index + 1),
    );
    const result = consolidate(currentFormSet, reportingTree.root, "2019", include(reports));
    for (const prefecture of reportingTree.root.children) {
      const counties = prefecture.children.map((county) => row(result, "教扶02", county.code));
      const done = counties.reduce((sum, county) => sum + Math.round((county.values.E02_INV_DONE as number) * 100), 0) / 100;
      const plan = counties.reduce((sum, county) => sum + Math.round((county.values.E02_INV_PLAN as number) * 100), 0) / 100;
      const total = row(result, "教扶02", prefecture.code);
      expect(total.values.E02_INV_DONE).toBe(done);
      expect(total.values.E02_INV_RATE).toBeCloseTo(done / plan, 12);
      expect(counties.every((county) => county.parentKey === prefecture.code)).toBe(true);
    }
    const province = provinceRow(result, "教扶01");
    expect(province.values.E01_TOT).toBe(200833);
  });

  it("counts a university once across prefectures and a township once, and sums the list's numbers", () => {
    const [jinan, qingdao] = reportingTree.root.children as [(typeof reportingTree.root.children)[0], (typeof reportingTree.root.children)[0]];
    const listReport = (unitCode: string, rows: [string, string, string, number][]): ReportData => ({
      edition: currentFormSet.edition,
      unitCode,
      period: "2019",
      sheets: {
        教扶06: rows.map(([univ, county, town, projects], position) => ({
          key: "",
          position,
          values: { E06_UNIV: univ, E06_COUNTY: county, E06_TOWN: town, E06_PROJ: projects, E06_TEAM: 1, E06_CONSULT: 10, E06_TRAIN: 100 },
        })),
      },
    });
    const result = consolidate(
      currentFormSet,
      reportingTree.root,
      "2019",
      include([
        listReport(jinan.code, [
          ["山东大学", "370102", "甲镇", 2],
          ["山东农业大学", "370102", "甲镇", 1],
          ["山东大学", "370112", "乙镇", 1],
        ]),
        // The same university in Qingdao, written with full-width spaces around it.
        listReport(qingdao.code, [["　山东大学 ", "370211", "丙镇", 3]]),
      ]),
    );
    expect(row(result, "教扶06", jinan.code).values).toEqual({
      E06_UNIV_COUNT: 2,
      E06_TOWN_COUNT: 2,
      E06_PROJ: 4,
      E06_TEAM: 3,
      E06_CONSULT: 30,
      E06_TRAIN: 300,
    });
    expect(row(result, "教扶06", qingdao.code).values.E06_UNIV_COUNT).toBe(1);
    expect(provinceRow(result, "教扶06").values).toEqual({ E06_UNIV_COUNT: 2, E06_TOWN_COUNT: 3, E06_PROJ: 7, E06_TEAM: 4, E06_CONSULT: 40, E06_TRAIN: 400 });
    expect(result.sheets["教扶06"]!.some((candidate) => candidate.level === "county")).toBe(false);
  });

  it("keeps provenance, lists the prefectures not included and leaves their rows blank", () => {
    const reports = splitGridTotals(currentFormSet, reportingTree, publishedProvince2019, (_sheet, _field, parts) => Array(parts).fill(1)).slice(0, 3);
    const result = consolidate(currentFormSet, reportingTree.root, "2019", include(reports));
    expect(result.provenance.map((entry) => entry.unitCode)).toEqual(reports.map((report) => report.unitCode));
    expect(result.missingPrefectures).toHaveLength(13);
    const missing = row(result, "教扶04", result.missingPrefectures[0]!);
    expect(Object.values(missing.values).every((value) => value === null)).toBe(true);
    const included = reports.map((report) => row(result, "教扶04", report.unitCode).values.E04_EXCH as number);
    expect(provinceRow(result, "教扶04").values.E04_EXCH).toBe(included.reduce((sum, value) => sum + value, 0));
  });

  it("shows a ratio with a zero denominator as blank, not as an error or infinity", () => {
    const reports = splitGridTotals(currentFormSet, reportingTree, { 教扶03: { E03_KG_PLAN: 0, E03_KG_DONE: 0 } }, (_sheet, _field, parts) =>
      Array(parts).fill(1),
    );
    const result = consolidate(currentFormSet, reportingTree.root, "2019", include(reports));
    expect(provinceRow(result, "教扶03").values.E03_KG_RATE).toBeNull();
  });
});

describe("consolidation at the ceilings", () => {
  it("keeps every province total exact and every ratio finite with every input of every county at its max", () => {
    const reports = reportingTree.root.children.map((prefecture) => ceilingReport(currentFormSet, prefecture));
    const result = consolidate(currentFormSet, reportingTree.root, "2019", include(reports));
    const rowsPerProvince = { grid: COUNTY_COUNT, list: reportingTree.root.children.length * listCapacityOf(currentFormSet) };
    for (const sheet of currentFormSet.sheets.filter((candidate) => candidate.kind !== "cover")) {
      const province = provinceRow(result, sheet.code);
      for (const field of sheet.fields) {
        if (field.max === undefined) continue;
        const total = province.values[field.code] as number;
        const expected = field.max * rowsPerProvince[sheet.kind as "grid" | "list"];
        expect(total, `${sheet.code}.${field.code}`).toBe(expected);
        expect(Number.isSafeInteger(field.type === "dec2" ? expected * 100 : expected), `${sheet.code}.${field.code}`).toBe(true);
      }
      for (const value of Object.values(province.values)) if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
    }
  });
});
