import { describe, expect, it } from "vitest";
import { consolidate } from "../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { sampleReport } from "../support/sample-report.ts";
import { adminTokenFromScript, useWranglerDev } from "./wrangler-dev-fixture.ts";

// The whole reporting cycle over HTTP against `wrangler dev` and its local D1: an admin opens the
// period and issues tokens, all 16 clerks submit at once, the province returns one, it resubmits
// with a reason, the province accepts all 16, completeness is all 通过, and the consolidated
// totals equal consolidate() of the 16 reports.

const dev = useWranglerDev();

async function call(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${dev.baseUrl}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && { "Content-Type": "application/json" }), ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const submit = (token: string, report: ReportData, basedOnRevision: number | null, resubmissionReason?: string) =>
  call(
    "POST",
    `/periods/2019/units/${report.unitCode}/submissions`,
    token,
    { report, basedOnRevision, ...(resubmissionReason && { resubmissionReason }) },
    {
      "Idempotency-Key": crypto.randomUUID(),
    },
  );

describe("the full reporting cycle for 16 prefectures", () => {
  it("open → 16 submit → return one → resubmit with a reason → accept all → complete, and the totals are consolidate()'s", async () => {
    const admin = (await adminTokenFromScript(dev, "e2e 管理员")).token;

    expect((await call("POST", "/periods", admin, { code: "2019", deadline: "2999-12-31" })).status).toBe(201);
    const province = (await call("POST", "/tokens", admin, { role: "province", name: "省审核员" })).body.token as string;
    const clerks = new Map<string, string>();
    for (const prefecture of reportingTree.root.children) {
      const created = await call("POST", "/tokens", admin, { role: "clerk", unitCode: prefecture.code, name: `${prefecture.name}填报员` });
      clerks.set(prefecture.code, created.body.token as string);
    }

    const reports = new Map(
      reportingTree.root.children.map((prefecture, index) => [prefecture.code, sampleReport(prefecture, { seed: 300 + index, listRows: 6 })]),
    );
    const receipts = await Promise.all([...reports.values()].map((report) => submit(clerks.get(report.unitCode)!, report, null)));
    expect(receipts.map((receipt) => receipt.status)).toEqual(Array(16).fill(201));

    const returnedCode = "370800";
    const returned = await call("POST", `/periods/2019/units/${returnedCode}/submissions/1/review`, province, {
      action: "return",
      comment: "教扶01 数据请核实",
      cells: [{ sheetCode: "教扶01", cell: "C7" }],
    });
    expect(returned.body).toMatchObject({ status: "returned" });
    const corrected = sampleReport(reportingTree.unit(returnedCode)!, { seed: 999, listRows: 6 });
    expect((await submit(clerks.get(returnedCode)!, corrected, 1)).status).toBe(422);
    expect((await submit(clerks.get(returnedCode)!, corrected, 1, "已按意见核实更正")).body).toMatchObject({ revision: 2 });
    reports.set(returnedCode, corrected);

    for (const prefecture of reportingTree.root.children) {
      const revision = prefecture.code === returnedCode ? 2 : 1;
      const accepted = await call("POST", `/periods/2019/units/${prefecture.code}/submissions/${revision}/review`, province, { action: "accept" });
      expect(accepted.status).toBe(200);
    }

    const completeness = (await call("GET", "/periods/2019/completeness", province)).body;
    expect(completeness.units.map((entry: { status: string }) => entry.status)).toEqual(Array(16).fill("通过"));
    expect(completeness.units.find((entry: { unitCode: string }) => entry.unitCode === returnedCode)).toMatchObject({ revision: 2 });

    const consolidated = (await call("GET", "/periods/2019/consolidated?include=accepted", province)).body;
    const expected = consolidate(
      currentFormSet,
      reportingTree.root,
      "2019",
      consolidated.provenance.map((provenance: { unitCode: string }) => ({ report: reports.get(provenance.unitCode)!, provenance })),
    );
    expect(consolidated.sheets).toEqual(JSON.parse(JSON.stringify(expected.sheets)));
    expect(consolidated.provenance).toHaveLength(16);
    expect(consolidated.missingPrefectures).toEqual([]);
    expect(consolidated.notAccepted).toEqual([]);

    const diff = (await call("GET", `/periods/2019/units/${returnedCode}/submissions/2/diff?against=1`, province)).body;
    expect(diff.changes.length).toBeGreaterThan(0);
  });
});
