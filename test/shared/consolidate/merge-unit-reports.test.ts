import { describe, expect, it } from "vitest";
import { childReportOf, mergeChildReports } from "../../../shared/consolidate/merge-unit-reports.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { canonicalJson } from "../../../shared/report/canonical-json.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";

import type { ReportingUnit } from "../../../shared/units/unit-tree.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { unitEngineValues } from "../../../shared/consolidate/engine-values.ts";
import { sampleReport, withValue } from "../../support/sample-report.ts";

const formSet = currentFormSet;
const units = reportingTree;

/** Issues without their cell (a county's row 6 is its prefecture's row 7 or below): rule, row, field and the message after the address. */
const issuesOf = (unit: ReportingUnit, report: ReportData, previous: ReportData | undefined) =>
  validateReport({ formSet, unit, report, ...(previous && { previous }) }).issues.map(({ ruleId, sheetCode, rowKey, fieldCode, messageZh, explanation }) => ({
    ruleId,
    sheetCode,
    rowKey,
    fieldCode,
    message: messageZh.slice(messageZh.indexOf(" ") + 1),
    explanation,
  }));

function split(prefecture: ReportingUnit, report: ReportData) {
  const cover = report.sheets["封面"]![0]!;
  return prefecture.children.map((county) => ({ county, report: childReportOf(formSet, report, county, { cover }) }));
}

describe("a prefecture's report is its counties' reports side by side", () => {
  for (const code of ["370100", "370200", "371700"]) {
    it(`${code}: split into counties, each county's report has its part of the issues, merged back it is the original`, () => {
      const prefecture = units.unit(code)!;
      const [first, second] = prefecture.children as [ReportingUnit, ReportingUnit];
      let report = sampleReport(reportingTree.unit(code)!, { listRows: prefecture.children.length + 3 });
      report = withValue(report, "教扶04", first.code, "E04_PRIN", 9999);
      report = withValue(report, "教扶09", second.code, "E09_GAOKAO", null);
      report = withValue(report, "教扶05", second.code, "E05_COVERED", 1);
      // Two identical 教扶06 rows of the first county: R06.1's unique() fails on both, in either report.
      report = withValue(report, "教扶06", prefecture.children.length, "E06_UNIV", "大学0");
      report = withValue(report, "教扶06", prefecture.children.length, "E06_TOWN", "乡镇0");
      // A merged list holds each county's rows together, in county order: so does this one.
      const countyOrder = prefecture.children.map((county) => county.code);
      report.sheets["教扶06"] = report.sheets["教扶06"]!.sort(
        (a, b) => countyOrder.indexOf(String(a.values.E06_COUNTY)) - countyOrder.indexOf(String(b.values.E06_COUNTY)),
      ).map((row, position) => ({ ...row, position }));
      report.explanations = [{ ruleId: "R05.2", sheetCode: "教扶05", rowKey: second.code, fieldCode: "E05_COVERED", text: "重点村学校已撤并" }];
      const previous = sampleReport(reportingTree.unit(code)!, { period: "2018", seed: 3 });

      const prefectureIssues = issuesOf(prefecture, report, previous);
      expect(prefectureIssues.length).toBeGreaterThan(4);
      const counties = split(prefecture, report);
      const previousParts = new Map(split(prefecture, previous).map((part) => [part.county.code, part.report]));
      const countyIssues = counties.flatMap(({ county, report: countyReport }) => {
        expect(countyReport.sheets["教扶01"]!.map((row) => row.key)).toEqual([county.code]);
        return issuesOf(county, countyReport, previousParts.get(county.code));
      });
      // The same issues, ordered by county rather than by sheet.
      const sorted = (issues: typeof countyIssues) => issues.map((issue) => JSON.stringify(issue)).sort();
      expect(sorted(countyIssues)).toEqual(sorted(prefectureIssues));

      const merged = mergeChildReports(
        formSet,
        prefecture,
        counties.map((part) => part.report),
        { cover: report.sheets["封面"]![0]! },
      );
      expect(canonicalJson(merged.report)).toBe(canonicalJson(report));
      // The 合计 row as the prefecture's workbook computes it (sums, ratios recomputed from the sums).
      const engine = unitEngineValues(formSet, reportingTree.unit(code)!, report);
      for (const sheet of formSet.sheets.filter((candidate) => candidate.kind === "grid"))
        expect(merged.totals[sheet.code]).toEqual(engine.get(sheet.code)!.get(code));
      const done = report.sheets["教扶02"]!.reduce((sum, row) => sum + Math.round(Number(row.values.E02_INV_DONE) * 100), 0);
      const plan = report.sheets["教扶02"]!.reduce((sum, row) => sum + Math.round(Number(row.values.E02_INV_PLAN) * 100), 0);
      expect(merged.totals["教扶02"]!.E02_INV_RATE).toBeCloseTo(done / plan, 12);
    });
  }

  it("merges in the prefecture's county order whatever order the reports come in, and refuses a unit that is not a child", () => {
    const prefecture = units.unit("370100")!;
    const report = sampleReport(reportingTree.unit("370100")!);
    const parts = split(prefecture, report).map((part) => part.report);
    const merged = mergeChildReports(formSet, prefecture, [...parts].reverse(), { cover: report.sheets["封面"]![0]! });
    expect(canonicalJson(merged.report)).toBe(canonicalJson(report));
    const qingdaoCounty = childReportOf(formSet, sampleReport(reportingTree.unit("370200")!), units.unit("370202")!);
    expect(() => mergeChildReports(formSet, prefecture, [...parts, qingdaoCounty])).toThrow(/370202 is not a unit of Jinan/);
    expect(() => mergeChildReports(formSet, prefecture, [parts[0]!, structuredClone(parts[0]!)])).toThrow(/reported twice/);
    expect(() => childReportOf(formSet, report, units.unit("370202")!)).toThrow(/is not a unit of 370100/);
  });
});
