import { describe, expect, it } from "vitest";
import { demoReports } from "../../../scripts/demo/demo-reports.ts";
import { consolidatedAsRevisionOne } from "../../support/consolidated-reports.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { publishedProvince2019, publishedRatios2019 } from "../../../shared/forms/published-2019.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";

const reports = demoReports(currentFormSet, reportingTree);

describe("the demo's 16 prefecture reports", () => {
  it("can all be submitted: no errors, and the few warnings explained", () => {
    const warnings = reports.flatMap((report) => {
      const result = validateReport({ formSet: currentFormSet, unit: reportingTree.unit(report.unitCode)!, report });
      expect(result.errorCount, report.unitCode).toBe(0);
      expect(result.canSubmit, report.unitCode).toBe(true);
      return result.issues;
    });
    expect(warnings.map((issue) => `${issue.ruleId} ${issue.address}`).sort()).toEqual(["R02.1 教扶02!D7", "R09.2 教扶09!E7"]);
    expect(warnings.every((issue) => (issue.explanation ?? "").length >= 5)).toBe(true);
  });

  it("consolidate to the figures the province published for 2019, ratios to two decimals of a percent", () => {
    const result = consolidatedAsRevisionOne(reports, "accepted");
    for (const [sheetCode, totals] of Object.entries(publishedProvince2019)) {
      const province = result.sheets[sheetCode]!.find((row) => row.level === "province")!;
      for (const [fieldCode, value] of Object.entries(totals)) expect(province.values[fieldCode], `${sheetCode}.${fieldCode}`).toBe(value);
      for (const [fieldCode, ratio] of Object.entries(publishedRatios2019[sheetCode] ?? {}))
        expect(Number((province.values[fieldCode] as number).toFixed(4))).toBe(ratio);
    }
    expect(result.missingPrefectures).toEqual([]);
  });

  it("are the same on every run", () => {
    expect(demoReports(currentFormSet, reportingTree)).toEqual(reports);
  });
});
