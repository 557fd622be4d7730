import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { consolidate } from "../../shared/consolidate/consolidate.ts";
import type { IncludedSubmission } from "../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { sampleReport } from "../support/sample-report.ts";
import { api, bearer, createToken, expectProblem } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { openPeriod, review, submitOk } from "./submission-client.ts";
import type { Receipt } from "./submission-client.ts";

// The endpoint reads numbers back from submission_values with SQL; it must agree exactly with
// the domain core's consolidate() run on the very reports that were submitted.

interface Consolidated {
  include: string;
  sheets: Record<string, unknown>;
  provenance: IncludedSubmission["provenance"][];
  missingPrefectures: string[];
  notAccepted: { unitCode: string; revision: number; status: string }[];
}

let province: TestToken;
const reports = new Map<string, ReportData>();
const receipts = new Map<string, Receipt>();

beforeAll(async () => {
  await openPeriod("2019");
  province = await createToken("province");
  // 14 prefectures submit (with more 教扶06 rows, some sharing universities); two do not.
  for (const [index, prefecture] of reportingTree.root.children.slice(0, 14).entries()) {
    const clerk = await createToken("clerk", prefecture.code);
    const report = sampleReport(prefecture, { seed: 100 + index, listRows: 4 + (index % 5) });
    reports.set(prefecture.code, report);
    receipts.set(prefecture.code, await submitOk(clerk.token, report));
  }
  // Accept the first ten, return the 11th.
  for (const prefecture of reportingTree.root.children.slice(0, 10)) await review(province.token, "2019", prefecture.code, 1, { action: "accept" });
  await review(province.token, "2019", reportingTree.root.children[10]!.code, 1, { action: "return", comment: "请核实" });
});

const included = (codes: string[]): IncludedSubmission[] =>
  codes.map((code) => {
    const receipt = receipts.get(code)!;
    return {
      report: reports.get(code)!,
      provenance: {
        unitCode: code,
        submissionId: receipt.submissionId,
        revision: receipt.revision,
        status: code <= "371000" ? "accepted" : "submitted",
        submittedAt: receipt.submittedAt,
      },
    };
  });

const fetchConsolidated = async (query = "") => {
  const response = await api(`/periods/2019/consolidated${query}`, bearer(province.token));
  expect(response.status).toBe(200);
  return (await response.json()) as Consolidated;
};

describe("GET /periods/{period}/consolidated", () => {
  it("by default: each prefecture's included revision (its newest unless returned), equal to consolidate() on the same reports", async () => {
    const result = await fetchConsolidated();
    const codes = reportingTree.root.children
      .slice(0, 14)
      .map((prefecture) => prefecture.code)
      .filter((code) => code !== reportingTree.root.children[10]!.code);
    const expected = consolidate(currentFormSet, reportingTree.root, "2019", included(codes));
    expect(result.sheets).toEqual(JSON.parse(JSON.stringify(expected.sheets)));
    // Without county submissions every county row is its prefecture clerk's (the drill-down says so).
    expect(result.provenance).toEqual(
      expected.provenance.map((entry) => ({
        ...entry,
        sources: (reportingTree.unit(entry.unitCode)?.children ?? []).map((county) => ({ unitCode: county.code, revision: null })),
      })),
    );
    expect(result.missingPrefectures).toEqual(expected.missingPrefectures);
    expect(result.missingPrefectures).toHaveLength(3);
    expect(result.notAccepted.map((entry) => entry.unitCode)).toEqual(reportingTree.root.children.slice(11, 14).map((prefecture) => prefecture.code));
  });

  it("include=accepted: accepted revisions only", async () => {
    const result = await fetchConsolidated("?include=accepted");
    const codes = reportingTree.root.children.slice(0, 10).map((prefecture) => prefecture.code);
    expect(result.include).toBe("accepted");
    expect(result.sheets).toEqual(JSON.parse(JSON.stringify(consolidate(currentFormSet, reportingTree.root, "2019", included(codes)).sheets)));
    expect(result.notAccepted).toEqual([]);
  });

  it("a newer returned revision does not hide the prefecture: its newest accepted revision stands in", async () => {
    const first = reportingTree.root.children[0]!;
    const clerk = await createToken("clerk", first.code);
    const changed = sampleReport(first, { seed: 999 });
    await submitOk(clerk.token, changed, { basedOnRevision: 1, resubmissionReason: "更正" });
    await review(province.token, "2019", first.code, 2, { action: "return", comment: "退回第二版" });
    const result = await fetchConsolidated();
    expect(result.provenance.find((entry) => entry.unitCode === first.code)).toMatchObject({ revision: 1, status: "accepted" });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM submissions WHERE unit_code = ?").bind(first.code).first("n")).toBe(2);
  });

  it("rejects an unknown include", async () => {
    expect((await api("/periods/2019/consolidated?include=everything", bearer(province.token))).status).toBe(400);
  });

  it("takes ?wait= as a whole number of seconds 0–10, digits only; anything else is a 400 naming wait, here and on the workbook", async () => {
    for (const wait of ["", "0x5", "+3", "-0", "3.0", "1e1", " 3", "03", "11", "99999999999"]) {
      for (const path of ["consolidated", "consolidated.xlsx"]) {
        const problem = await expectProblem(await api(`/periods/2019/${path}?wait=${encodeURIComponent(wait)}`, bearer(province.token)), 400);
        expect(problem.errors).toEqual([expect.objectContaining({ location: "query", field: "wait" })]);
        expect(problem.detail).toContain("wait");
      }
    }
    for (const wait of ["0", "3", "10"]) expect((await api(`/periods/2019/consolidated?wait=${wait}`, bearer(province.token))).status).toBe(200);
  });
});
