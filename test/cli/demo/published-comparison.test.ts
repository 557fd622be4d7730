import { describe, expect, it } from "vitest";
import { compareWithPublished, comparisonLines } from "../../../scripts/demo/published-comparison.ts";
import { demoReports } from "../../../scripts/demo/demo-reports.ts";
import { consolidate } from "../../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";

const consolidated = consolidate(
  currentFormSet,
  reportingTree.root,
  "2019",
  demoReports(currentFormSet, reportingTree).map((report, index) => ({
    report,
    provenance: { unitCode: report.unitCode, submissionId: String(index), revision: 1, status: "accepted", submittedAt: "" },
  })),
);

describe("the province totals beside the published figures", () => {
  it("finds every published figure equal for the demo data, ratios shown to two decimals of a percent", () => {
    const figures = compareWithPublished(currentFormSet, consolidated.sheets);
    expect(figures).toHaveLength(52); // 48 published figures (教扶01 total included) and 4 ratios
    expect(figures.every((figure) => figure.equal)).toBe(true);
    const lines = comparisonLines(figures);
    expect(lines.find((line) => line.includes("E02_INV_RATE"))).toMatch(/107\.98% = +107\.98% +投资完成率/);
    expect(lines.find((line) => line.includes("E07_AID_AMOUNT"))).toMatch(/90,000 = +90,000 +资助资金 \(万元\)/);
  });

  it("marks a total that differs", () => {
    const sheets = structuredClone(consolidated.sheets);
    sheets["教扶04"]!.find((row) => row.level === "province")!.values.E04_VOL = 2556;
    const differing = compareWithPublished(currentFormSet, sheets).filter((figure) => !figure.equal);
    expect(differing.map((figure) => [figure.fieldCode, figure.consolidated, figure.published])).toEqual([["E04_VOL", 2556, 2557]]);
  });
});
