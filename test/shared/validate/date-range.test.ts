import { describe, expect, it } from "vitest";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { parseRule } from "../../../shared/rules/parse-rule.ts";
import { acceptedDateRange } from "../../../shared/validate/date-range.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { sampleReport, withValue } from "../../support/sample-report.ts";
import { currentFormSet } from "../../support/current-form-set.ts";

const isDate = () => true;

describe("a check on one date field says its bounds", () => {
  it("finds R00.1's range however the rule writes it", () => {
    const r001 = parseRule("year(C_DATE) = PERIOD or (year(C_DATE) = PERIOD + 1 and month(C_DATE) <= 6)");
    expect(acceptedDateRange(r001, 2019, isDate)).toEqual({ from: "2019-01-01", to: "2020-06-30" });
    expect(acceptedDateRange(parseRule("year(C_DATE) >= PERIOD and year(C_DATE) <= PERIOD + 1"), 2019, isDate)).toEqual({
      from: "2019-01-01",
      to: "2020-12-31",
    });
  });

  it("finds none for two runs of days, an open end, another field or a number", () => {
    expect(acceptedDateRange(parseRule("month(C_DATE) = 1"), 2019, isDate)).toBeUndefined();
    expect(acceptedDateRange(parseRule("year(C_DATE) >= PERIOD"), 2019, isDate)).toBeUndefined();
    expect(acceptedDateRange(parseRule("year(C_DATE) = PERIOD and E01_TOT > 0"), 2019, isDate)).toBeUndefined();
    expect(acceptedDateRange(parseRule("year(C_DATE) = PERIOD"), 2019, () => false)).toBeUndefined();
  });

  it("says R00.1 positively, in Chinese and English, with the date given", () => {
    const jinan = reportingTree.unit("370100")!;
    const report = withValue(sampleReport(jinan, { seed: 7 }), "封面", jinan.code, "C_DATE", "2026-03-01");
    const [issue] = validateReport({ formSet: currentFormSet, unit: jinan, report }).issues;
    expect(issue?.messageZh).toBe("封面!C9 报出日期应在 2019-01-01 至 2020-06-30 之间，填的是 2026-03-01 [R00.1 报出日期应在报告期年度内或次年上半年]");
    expect(issue?.messageEn).toContain("should lie between 2019-01-01 and 2020-06-30; it is 2026-03-01");
    expect(issue?.messageZh).not.toMatch(/不成立|不等于/);
  });
});
