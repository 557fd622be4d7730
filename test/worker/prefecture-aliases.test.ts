import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../shared/report/canonical-json.ts";
import { withLegacyUnitKey } from "../../shared/report/report-data.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { api, bearer, createToken, jsonRequest } from "./api-client.ts";
import { jinan, qingdao, reportOf, submitOk, usePeriod2019 } from "./submission-client.ts";
import type { Receipt } from "./submission-client.ts";

// Before issue 24 the API said "prefecture" for any reporting unit: the paths
// /periods/{period}/prefectures/{unit}/…, the bodies' prefectureCode, and the payloads stored before
// migration 0012. Older panes, scripts and databases keep working: the old paths answer the same,
// the old field name is read as unitCode, and a revision stored under the old name is still itself.

const { clerk, province, admin } = usePeriod2019();

const oldPath = (path: string) => path.replace("/units/", "/prefectures/");

async function answer(path: string, token: string): Promise<{ status: number; type: string | null; body: string }> {
  const response = await api(path, bearer(token));
  return { status: response.status, type: response.headers.get("Content-Type"), body: new TextDecoder().decode(await response.arrayBuffer()) };
}

describe("the old /prefectures/{unit} paths", () => {
  it("answer every read exactly as /units/{unit} does, for the unit's clerk and for a caller refused", async () => {
    const report = reportOf(jinan);
    await submitOk(clerk.token, report);
    const reads = [
      "/periods/2019/units/370100",
      "/periods/2019/units/370100/submissions",
      "/periods/2019/units/370100/submissions/1",
      "/periods/2019/units/370100/submissions/1/attachments",
      "/periods/2019/units/370100/submissions/1/workbook.xlsx",
      "/periods/2019/units/370100/template.xlsx",
      "/periods/2019/units/370100/completeness",
      "/periods/2019/units/370100/merged",
      "/periods/2019/units/370200/submissions",
    ];
    for (const path of reads) {
      const now = await answer(path, clerk.token);
      expect(await answer(oldPath(path), clerk.token), path).toEqual(now);
    }
    expect((await answer("/periods/2019/units/370200/submissions", clerk.token)).status).toBe(403);
  });

  it("take a submit with the report's unit under its old name, prefectureCode, and a review", async () => {
    const { unitCode, ...rest } = reportOf(qingdao, 2);
    const qingdaoClerk = await createToken("clerk", qingdao.code);
    const init = jsonRequest("POST", { report: { ...rest, prefectureCode: unitCode }, basedOnRevision: null }, qingdaoClerk.token);
    (init.headers as Record<string, string>)["Idempotency-Key"] = crypto.randomUUID();
    const response = await api("/periods/2019/prefectures/370200/submissions", init);
    expect(response.status).toBe(201);
    const detail = (await (await api("/periods/2019/units/370200/submissions/1", bearer(province.token))).json()) as { report: ReportData };
    expect(detail.report.unitCode).toBe("370200");
    expect(detail.report).not.toHaveProperty("prefectureCode");
    const reviewed = await api("/periods/2019/prefectures/370200/submissions/1/review", jsonRequest("POST", { action: "accept" }, province.token));
    expect(reviewed.status).toBe(200);

    const both = jsonRequest("POST", { report: { ...rest, unitCode, prefectureCode: unitCode }, basedOnRevision: 1 }, qingdaoClerk.token);
    (both.headers as Record<string, string>)["Idempotency-Key"] = crypto.randomUUID();
    const refused = await api("/periods/2019/units/370200/submissions", both);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("prefectureCode");
  });

  it("take a token and an unlock whose unit is named prefectureCode", async () => {
    const created = await api("/tokens", jsonRequest("POST", { role: "clerk", prefectureCode: "370102", name: "历下区填报员" }, admin.token));
    expect(created.status).toBe(201);
    expect(((await created.json()) as { unitCode: string }).unitCode).toBe("370102");
    await api("/periods/2019/lock", jsonRequest("POST", {}, admin.token));
    const unlocked = await api("/periods/2019/unlock", jsonRequest("POST", { prefectureCode: "370102", reason: "旧面板的解锁请求" }, admin.token));
    expect(unlocked.status).toBe(200);
    expect(JSON.stringify(await unlocked.json())).toContain('"unitCode":"370102"');
  });
});

describe("a revision stored before migration 0012", () => {
  it("reads with its unit as unitCode, and the same figures sent again give its receipt, not a new revision", async () => {
    // Stored as a Worker before issue 24 stored it: the payload's canonical JSON says prefectureCode.
    const report = reportOf(jinan, 7, "2020");
    await env.DB.prepare("INSERT INTO periods (code, edition_id) VALUES ('2020', '323/2019')").run();
    const legacyPayload = canonicalJson(withLegacyUnitKey(report));
    await env.DB.prepare(
      `INSERT INTO submissions (period_code, unit_code, revision, edition_id, submitted_by, submitted_at, payload, payload_sha256,
         status, explanations, idempotency_key, based_on_revision)
       VALUES ('2020', '370100', 1, '323/2019', ?, '2020-03-01T08:00:00.000Z', ?, ?, 'submitted', '[]', 'legacy-key-0001', NULL)`,
    )
      .bind(clerk.id, legacyPayload, await sha256Hex(legacyPayload))
      .run();

    const detail = (await (await api("/periods/2020/units/370100/submissions/1", bearer(clerk.token))).json()) as { report: ReportData };
    expect(detail.report.unitCode).toBe("370100");

    // A retry of that very request under its key, and the same figures under a new key: both its receipt.
    const send = async (basedOnRevision: number | null, key: string) => {
      const init = jsonRequest("POST", { report, basedOnRevision }, clerk.token);
      (init.headers as Record<string, string>)["Idempotency-Key"] = key;
      const response = await api("/periods/2020/units/370100/submissions", init);
      return { status: response.status, receipt: (await response.json()) as Receipt };
    };
    expect(await send(null, "legacy-key-0001")).toMatchObject({ status: 200, receipt: { revision: 1 } });
    expect(await send(1, crypto.randomUUID())).toMatchObject({ status: 200, receipt: { revision: 1 } });
    const count = await env.DB.prepare("SELECT count(*) AS n FROM submissions WHERE period_code = '2020'").first<{ n: number }>();
    expect(count?.n).toBe(1);
  });
});
