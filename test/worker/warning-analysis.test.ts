import { describe, expect, it } from "vitest";
import type { WarningAnalysisAnswer } from "../../shared/api/warning-analysis.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { readXlsx } from "../../shared/xlsx/read-xlsx.ts";
import { withValue } from "../support/sample-report.ts";
import { api, bearer, createToken, expectProblem } from "./api-client.ts";
import { jinan, qingdao, reportOf, review, submitOk, submitRequest, usePeriod2019 } from "./submission-client.ts";

const { clerk, province } = usePeriod2019();

/** A prefecture's report whose first `counties` counties leave one key-village school unpaired (R05.2, a warning), each explained with `reason`. */
function warned(prefecture: typeof jinan, counties: number, reason?: "actual" | "correction"): ReportData {
  let report = reportOf(prefecture, 3);
  const explanations = [];
  for (const county of prefecture.children.slice(0, counties)) {
    const row = report.sheets["教扶05"]!.find((candidate) => candidate.key === county.code)!;
    report = withValue(report, "教扶05", county.code, "E05_COVERED", (row.values.E05_KEY_SCH as number) - 1);
    explanations.push({
      ruleId: "R05.2",
      sheetCode: "教扶05",
      rowKey: county.code,
      fieldCode: "E05_COVERED",
      text: "一所学校已撤并，正在重新结对",
      ...(reason ? { reason } : {}),
    });
  }
  return { ...report, explanations };
}

describe("GET …/warning-analysis", () => {
  it("counts the included revisions' explained warnings by rule, reason code and county, as the consolidated workbook's 预警分析 does", async () => {
    await submitOk(clerk.token, warned(jinan, 2, "actual"));
    const qingdaoClerk = (await createToken("clerk", qingdao.code)).token;
    await submitOk(qingdaoClerk, warned(qingdao, 1));
    // 青岛 is returned: by default its revision drops out of the totals, and out of the analysis.
    expect((await review(province.token, "2019", qingdao.code, 1, { action: "return", comment: "请核实" })).status).toBe(200);

    const response = await api("/periods/2019/warning-analysis", bearer(province.token));
    expect(response.status).toBe(200);
    const analysis = (await response.json()) as WarningAnalysisAnswer;
    expect(analysis).toMatchObject({ period: "2019", include: "latest", total: 2, reasons: { actual: 2, definition: 0, correction: 0, other: 0, none: 0 } });
    expect(analysis.byRule).toEqual([
      {
        ruleId: "R05.2",
        title: "重点村学校未全部结对(目标为全覆盖)",
        count: 2,
        units: 2,
        reasons: { actual: 2, definition: 0, correction: 0, other: 0, none: 0 },
      },
    ]);
    expect(analysis.byUnit.map((unit) => [unit.unitCode, unit.count])).toEqual(jinan.children.slice(0, 2).map((county) => [county.code, 1]));

    const workbook = readXlsx(new Uint8Array(await (await api("/periods/2019/consolidated.xlsx", bearer(province.token))).arrayBuffer()));
    const sheet = workbook.sheets.find((candidate) => candidate.name === "预警分析")!;
    expect(["A2", "C2", "D2", "E2"].map((a1) => sheet.cells.get(a1)?.value)).toEqual(["R05.2", 2, 2, 2]);

    // Accepted only: nothing accepted yet, nothing counted. A clerk may not read it.
    const accepted = (await (await api("/periods/2019/warning-analysis?include=accepted", bearer(province.token))).json()) as WarningAnalysisAnswer;
    expect([accepted.total, accepted.byRule]).toEqual([0, []]);
    await expectProblem(await api("/periods/2019/warning-analysis", bearer(clerk.token)), 403);
  });
  it("keeps each O01 the clerk's template found and explained as a stored warning, so 预警分析 counts it; an O01 explained too briefly is refused", async () => {
    // 烟台 (no revision yet): one outlier explained as a change of definition, on 教扶04's first county row.
    const yantai = jinan.parent!.children.find((prefecture) => prefecture.code === "370600")!;
    const token = (await createToken("clerk", yantai.code)).token;
    const county = yantai.children[0]!.code;
    const outlier = { ruleId: "O01", sheetCode: "教扶04", rowKey: county, fieldCode: "E04_EXCH" };
    const report = { ...reportOf(yantai, 5), explanations: [{ ...outlier, text: "2019 年起含县域内交流", reason: "definition" as const }] };
    const brief = await submitRequest(token, { ...report, explanations: [{ ...outlier, text: "口径" }] });
    expect(brief.status).toBe(422);
    expect(JSON.stringify(await brief.json())).toContain("O01");
    const receipt = await submitOk(token, report);

    const stored = (await (await api(`/periods/2019/units/${yantai.code}/submissions/${receipt.revision}`, bearer(province.token))).json()) as {
      warnings: { ruleId: string; cell: string; explanation: string; explanationReason: string }[];
    };
    expect(stored.warnings.filter((warning) => warning.ruleId === "O01")).toMatchObject([
      { ruleId: "O01", explanation: "2019 年起含县域内交流", explanationReason: "definition" },
    ]);
    const analysis = (await (await api("/periods/2019/warning-analysis", bearer(province.token))).json()) as WarningAnalysisAnswer;
    expect(analysis.byRule.find((rule) => rule.ruleId === "O01")).toMatchObject({ count: 1, units: 1, reasons: { definition: 1 } });
    expect(analysis.byUnit.find((unit) => unit.unitCode === county)?.count).toBe(1);
  });
});
