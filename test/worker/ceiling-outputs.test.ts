import { beforeAll, describe, expect, it } from "vitest";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { diffReports } from "../../shared/report/report-diff.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { EXPLANATIONS_SHEET_NAME } from "../../shared/workbook/render-consolidated.ts";
import { readXlsx } from "../../shared/xlsx/read-xlsx.ts";
import { maxRequestBodyBytes } from "../../worker/http/body-limit.ts";
import { ceilingReport, edgeReport, listCapacityOf } from "../support/ceiling-report.ts";
import { api, bearer, createToken } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { jinan, openPeriod, reportOf, review, submissionsPath, submitOk } from "./submission-client.ts";

// What the Worker accepts at its edges renders in every output it serves, in workerd on D1: every
// prefecture at every ceiling, Jinan also with long texts and a warning on every county explained
// at length.

let province: TestToken;
let jinanClerk: TestToken;
let jinanReport: ReportData;

beforeAll(async () => {
  await openPeriod("2019");
  await openPeriod("2020");
  province = await createToken("province");
  jinanReport = edgeReport(
    currentFormSet,
    jinan,
    {
      fractionOf: () => 1,
      plansAtZero: true,
      listRows: listCapacityOf(currentFormSet),
      textLength: 100,
      explanationLength: 2000,
      alphabet: "名<&>\"' 济南\n\t",
    },
    (report) => validateReport({ formSet: currentFormSet, unit: jinan, report }).unexplainedWarnings,
  );
  expect(new TextEncoder().encode(JSON.stringify({ report: jinanReport, basedOnRevision: null })).length).toBeLessThan(maxRequestBodyBytes);
  for (const prefecture of reportingTree.root.children) {
    const clerk = await createToken("clerk", prefecture.code);
    if (prefecture.code === jinan.code) jinanClerk = clerk;
    await submitOk(clerk.token, prefecture.code === jinan.code ? jinanReport : ceilingReport(currentFormSet, prefecture));
    expect((await review(province.token, "2019", prefecture.code, 1, { action: "accept" })).status).toBe(200);
  }
});

const download = async (path: string) => {
  const response = await api(path, bearer(province.token));
  expect(response.status, path).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
};

describe("a period at the ceilings, with the longest texts and explanations", () => {
  it("consolidated JSON: every total a finite number, the province's exact", async () => {
    const response = await api("/periods/2019/consolidated", bearer(province.token));
    expect(response.status).toBe(200);
    const consolidated = (await response.json()) as { sheets: Record<string, { level: string; values: Record<string, number | null> }[]> };
    const provinceE01 = consolidated.sheets["教扶01"]!.find((row) => row.level === "province")!;
    expect(provinceE01.values.E01_PRE).toBe(1_000_000 * 137);
    expect(provinceE01.values.E01_TOT).toBe(5 * 1_000_000 * 137);
    expect(consolidated.sheets["教扶07"]!.find((row) => row.level === "province")!.values.E07_AID_AMOUNT).toBe(1_000_000 * 137);
    for (const sheet of currentFormSet.sheets.filter((candidate) => candidate.kind === "grid")) {
      for (const row of consolidated.sheets[sheet.code]!) {
        for (const field of sheet.fields.filter((candidate) => candidate.max !== undefined))
          expect(Number.isFinite(row.values[field.code]), `${sheet.code} ${field.code}`).toBe(true);
      }
    }
  });

  it("consolidated.xlsx renders, each explanation on its own row with the warning's message as the engine said it", async () => {
    const workbook = readXlsx(await download("/periods/2019/consolidated.xlsx"));
    const explanations = workbook.sheets.find((sheet) => sheet.name === EXPLANATIONS_SHEET_NAME)!;
    const count = jinanReport.explanations?.length ?? 0;
    expect(explanations.cells.size).toBe(9 * (count + 1)); // nine columns: … 说明, 原因;
    expect(count).toBeGreaterThan(50);
    // 规则 (E), 单元格 (F), 预警 (G): the message names the cell first and the rule last.
    for (let row = 2; row <= count + 1; row++) {
      const [ruleId, address, message] = ["E", "F", "G"].map((column) => String(explanations.cells.get(`${column}${row}`)?.value));
      expect(message!.startsWith(`${address} `) && message!.includes(`[${ruleId} `), `row ${row}: ${message}`).toBe(true);
    }
  });

  it("the revision's workbook.xlsx reads back as the stored report; next period's template carries it on _prev; the diff answers", async () => {
    const revision = `${submissionsPath("2019", jinan.code)}/1`;
    const read = readReportWorkbookContents(await download(`${revision}/workbook.xlsx`), { formSetOf });
    expect(diffReports(currentFormSet, jinan, jinanReport, read.report)).toEqual([]);
    expect(read.report.explanations).toEqual(jinanReport.explanations);
    const next = readReportWorkbookContents(await download(`/periods/2020/units/${jinan.code}/template.xlsx`), { formSetOf });
    expect(next.previous).toBeDefined();
    await submitOk(jinanClerk.token, reportOf(jinan), { basedOnRevision: 1, resubmissionReason: "更正为实际数" });
    const diff = await api(`${submissionsPath("2019", jinan.code)}/2/diff?against=1`, bearer(province.token));
    expect(diff.status).toBe(200);
    expect(((await diff.json()) as { changes: unknown[] }).changes.length).toBeGreaterThan(100);
  });
});
