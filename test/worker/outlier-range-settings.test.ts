import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { withValue } from "../support/sample-report.ts";
import { api, auditActions, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import { jinan, reportOf, usePeriod2019 } from "./submission-client.ts";

const { clerk, province } = usePeriod2019();
const county = jinan.children[0]!.code;
const path = `/periods/2019/units/${jinan.code}/outlier-ranges`;
const put = (body: unknown, token = province.token) => api(path, jsonRequest("PUT", body, token));

const rangesOfTemplate = async () => {
  const response = await api(`/periods/2019/units/${jinan.code}/template.xlsx`, bearer(clerk.token));
  return readReportWorkbookContents(new Uint8Array(await response.arrayBuffer()), { formSetOf }).ranges;
};

describe("outlier ranges set by hand", () => {
  it("the province sets a county's range with a note: the template carries it, O01 names it; cleared, it is gone; each step kept and audited", async () => {
    // No peers, no history: no range until the province sets one.
    expect(await rangesOfTemplate()).toBeUndefined();
    const set = await put({ fieldCode: "E01_PRE", rowKey: county, low: 10, high: 20, note: "该县学前人数稳定在 15 人左右" });
    expect(set.status).toBe(201);
    expect(await set.json()).toMatchObject({ unitCode: county, fieldCode: "E01_PRE", low: 10, high: 20 });

    const ranges = await rangesOfTemplate();
    expect(ranges?.get(county)?.get("E01_PRE")).toEqual({ low: 10, high: 20, centre: 15, basis: "manual" });
    const report = withValue(reportOf(jinan), "教扶01", county, "E01_PRE", 100);
    const [outlier] = validateReport({ formSet: currentFormSet, unit: jinan, report, ranges: ranges! }).issues.filter((issue) => issue.ruleId === "O01");
    expect(outlier?.messageZh).toContain("100 超出省级设定的合理范围 10–20");

    expect((await put({ fieldCode: "E01_PRE", rowKey: county, low: null, high: null, note: "恢复按历年与同级计算" })).status).toBe(201);
    expect(await rangesOfTemplate()).toBeUndefined();
    const { settings } = (await (await api(path, bearer(clerk.token))).json()) as { settings: { low: number | null; note: string }[] };
    expect(settings.map((setting) => setting.low)).toEqual([10, null]);
    expect(await auditActions()).toEqual(expect.arrayContaining(["outlier-range.set", "outlier-range.clear"]));
  });

  it("refuses a range upside down, a row not in the unit's report, a field without a range, a clerk; the table itself refuses what the request code would", async () => {
    await expectProblem(await put({ fieldCode: "E01_PRE", rowKey: county, low: 30, high: 20, note: "上下限填反了的例子" }), 400);
    await expectProblem(await put({ fieldCode: "E01_PRE", rowKey: "370202", low: 1, high: 2, note: "青岛的县不在济南" }), 400);
    await expectProblem(await put({ fieldCode: "E01_TOT", rowKey: county, low: 1, high: 2, note: "合计是公式，没有范围" }), 400);
    const max = currentFormSet.sheetOfField("E01_PRE")!.field("E01_PRE")!.max!;
    await expectProblem(await put({ fieldCode: "E01_PRE", rowKey: county, low: 1, high: max + 1, note: "上限超过字段的最大值" }), 400);
    await expectProblem(await put({ fieldCode: "E01_PRE", rowKey: county, low: 1, high: 2, note: "办事员不能设定" }, clerk.token), 403);
    const token = (await createToken("province")).id;
    const insert = (low: number | null, high: number | null, note: string) =>
      env.DB.prepare(
        "INSERT INTO outlier_range_settings (period_code, unit_code, field_code, low, high, note, set_by, set_at) VALUES ('2019', ?, 'E01_PRE', ?, ?, ?, ?, '2019-12-01T00:00:00Z')",
      )
        .bind(county, low, high, note, token)
        .run();
    await expect(insert(30, 20, "上下限填反了的例子")).rejects.toThrow(/CHECK/);
    await expect(insert(1, null, "只有下限的例子")).rejects.toThrow(/CHECK/);
    await expect(insert(1, 2, "短")).rejects.toThrow(/CHECK/);
    await insert(1, 2, "直接写入的设定");
    await expect(env.DB.prepare("UPDATE outlier_range_settings SET high = 3").run()).rejects.toThrow(/kept as set/);
    await expect(env.DB.prepare("DELETE FROM outlier_range_settings").run()).rejects.toThrow(/kept as set/);
  });

  it("two settings racing are both kept and the newer counts; a locked period takes none (423 from the trigger's promise)", async () => {
    const [first, second] = await Promise.all([
      put({ fieldCode: "E01_CMP", rowKey: county, low: 100, high: 200, note: "第一次设定的范围" }),
      put({ fieldCode: "E01_CMP", rowKey: county, low: 300, high: 400, note: "第二次设定的范围" }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const ids = [(await first.json()) as { id: number; low: number }, (await second.json()) as { id: number; low: number }].sort((a, b) => a.id - b.id);
    expect((await rangesOfTemplate())?.get(county)?.get("E01_CMP")?.low).toBe(ids[1]!.low);

    await env.DB.prepare("UPDATE periods SET status = 'locked', locked_at = '2020-01-31T00:00:00Z' WHERE code = '2019'").run();
    await expectProblem(await put({ fieldCode: "E01_CMP", rowKey: county, low: 1, high: 2, note: "锁定后不能再设定" }), 423);
  });
});
