import { describe, expect, it } from "vitest";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { withValue } from "../support/sample-report.ts";
import { api, bearer, createToken } from "./api-client.ts";
import { jinan, openPeriod, qingdao, reportOf, review, submitOk, usePeriod2019 } from "./submission-client.ts";

const { clerk, province } = usePeriod2019();

const template = async (unitCode: string, token: string) => {
  const response = await api(`/periods/2019/units/${unitCode}/template.xlsx`, bearer(token));
  expect(response.status).toBe(200);
  return readReportWorkbookContents(new Uint8Array(await response.arrayBuffer()), { formSetOf });
};

describe("the template's outlier ranges, made from D1", () => {
  it("come from the unit's accepted figures of earlier periods, not from a revision awaiting review; a value ×10 then raises O01", async () => {
    const qingdaoClerk = (await createToken("clerk", qingdao.code)).token;
    // Two earlier periods: one alone has no spread of its own, and gives no history basis.
    for (const period of ["2017", "2018"]) {
      await openPeriod(period);
      await submitOk(clerk.token, reportOf(jinan, 1, period), { period });
      expect((await review(province.token, period, jinan.code, 1, { action: "accept" })).status).toBe(200);
    }
    await submitOk(qingdaoClerk, reportOf(qingdao, 1, "2018"), { period: "2018" });
    expect((await template(jinan.code, clerk.token)).ranges?.size).toBe(jinan.children.length);
    await submitOk(qingdaoClerk, reportOf(qingdao, 1, "2017"), { period: "2017" });
    const jinan2018 = reportOf(jinan, 1, "2018");

    const { ranges } = await template(jinan.code, clerk.token);
    const county = jinan.children[0]!.code;
    const before = jinan2018.sheets["教扶01"]!.find((row) => row.key === county)!.values.E01_PRE as number;
    const range = ranges?.get(county)?.get("E01_PRE");
    // The centre is last year's figure (fewer than 8 peers moved this period), to 3 significant digits.
    expect(range?.basis).toBe("history");
    expect(Math.abs(range!.centre - before)).toBeLessThanOrEqual(before / 100);
    expect(ranges?.size).toBe(jinan.children.length);

    const report = withValue(reportOf(jinan), "教扶01", county, "E01_PRE", before * 10);
    const outliers = validateReport({ formSet: currentFormSet, unit: jinan, report, ranges: ranges! }).issues.filter((issue) => issue.ruleId === "O01");
    expect(outliers.map((issue) => [issue.rowKey, issue.fieldCode])).toEqual([[county, "E01_PRE"]]);

    // Qingdao's 2017 and 2018 revisions await review and fewer than 8 peers reported 2019: no range, no _ranges rows.
    expect((await template(qingdao.code, qingdaoClerk)).ranges).toBeUndefined();
  });
});
