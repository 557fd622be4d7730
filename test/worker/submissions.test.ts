import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { currentFormSet } from "../support/current-form-set.ts";
import { canonicalJson } from "../../shared/report/canonical-json.ts";
import { reportValues } from "../../shared/report/report-values.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { withValue } from "../support/sample-report.ts";
import { api, auditActions, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import { jinan, qingdao, reportOf, rowCounts, submissionsPath, submitOk, submitRequest, usePeriod2019 } from "./submission-client.ts";
import type { Receipt } from "./submission-client.ts";

const { clerk, province } = usePeriod2019();

describe("POST …/submissions", () => {
  it("stores a valid report as revision 1: receipt, ETag, Location, normalised values and an audit row, in one batch", async () => {
    const report = reportOf(jinan);
    const response = await submitRequest(clerk.token, report);
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as Receipt;
    expect(receipt).toMatchObject({ revision: 1, status: "submitted", sha256: await sha256Hex(canonicalJson(report)) });
    expect(response.headers.get("ETag")).toBe(`"${receipt.sha256}"`);
    expect(response.headers.get("Location")).toBe(`/api/v1${submissionsPath("2019", "370100")}/1`);

    const expected = reportValues(currentFormSet, jinan, report);
    expect(expected.length).toBeGreaterThan(100); // more values than D1 binds parameters to one statement
    const stored = await env.DB.prepare(
      "SELECT sheet_code, row_key, field_code, number_value, text_value FROM submission_values WHERE submission_id = ? ORDER BY sheet_code, row_key, field_code",
    )
      .bind(Number(receipt.submissionId))
      .all<{ sheet_code: string; row_key: string; field_code: string; number_value: number | null; text_value: string | null }>();
    const asStored = (value: { sheetCode: string; rowKey: string; fieldCode: string; numberValue: number | null; textValue: string | null }) =>
      [value.sheetCode, value.rowKey, value.fieldCode, value.numberValue, value.textValue].join("|");
    expect(stored.results.map((row) => [row.sheet_code, row.row_key, row.field_code, row.number_value, row.text_value].join("|")).sort()).toEqual(
      expected.map(asStored).sort(),
    );
    // Money in hundredths, as integers.
    const money = stored.results.find((row) => row.field_code === "E02_INV_PLAN" && row.row_key === "370102");
    const typed = report.sheets["教扶02"]!.find((row) => row.key === "370102")!.values.E02_INV_PLAN as number;
    expect(money?.number_value).toBe(Math.round(typed * 100));
    expect(await auditActions("period:2019/prefecture:370100")).toEqual(["submission.create"]);
  });

  it("lists revisions and reads one back with its payload, warnings and reviews", async () => {
    const list = (await (await api(submissionsPath("2019", "370100"), bearer(province.token))).json()) as { submissions: Record<string, unknown>[] };
    expect(list.submissions).toEqual([
      expect.objectContaining({ revision: 1, status: "submitted", submittedBy: clerk.id, basedOnRevision: null, resubmissionReason: null }),
    ]);
    const response = await api(`${submissionsPath("2019", "370100")}/1`, bearer(clerk.token));
    const detail = (await response.json()) as { report: unknown; warnings: unknown[]; reviews: unknown[]; sha256: string };
    expect(detail.report).toEqual(reportOf(jinan));
    expect(detail).toMatchObject({ warnings: [], reviews: [] });
    expect(response.headers.get("ETag")).toBe(`"${detail.sha256}"`);
    await expectProblem(await api(`${submissionsPath("2019", "370100")}/9`, bearer(clerk.token)), 404);
    await expectProblem(await api(`${submissionsPath("2018", "370100")}`, bearer(clerk.token)), 404);
  });

  it("an idempotent retry returns the same receipt (200) and stores nothing more; the key with another body → 422", async () => {
    const clerkQingdao = await createToken("clerk", "370200");
    const report = reportOf(qingdao);
    const first = await submitRequest(clerkQingdao.token, report, { idempotencyKey: "retry-key-0001" });
    expect(first.status).toBe(201);
    const receipt = await first.json();
    const before = await rowCounts();
    const retry = await submitRequest(clerkQingdao.token, report, { idempotencyKey: "retry-key-0001" });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(receipt);
    expect(await rowCounts()).toEqual(before);

    const changed = withValue(report, "教扶01", "370202", "E01_PRE", 1);
    const reused = await expectProblem(await submitRequest(clerkQingdao.token, changed, { idempotencyKey: "retry-key-0001" }), 422);
    expect(reused.type).toBe("urn:tianbao:problem:idempotency-key-reused");
    expect(await rowCounts()).toEqual(before);
  });

  it("a report identical to the latest revision is answered with that revision's receipt (200), whatever it was based on and under any key; nothing stored", async () => {
    const yantai = (await import("../../shared/units/reporting-tree.ts")).reportingTree.unit("370600")!;
    const clerkYantai = await createToken("clerk", "370600");
    const report = reportOf(yantai);
    const receipt = await submitOk(clerkYantai.token, report);
    const before = await rowCounts();
    // A second click that did not know of revision 1 (based on none), and one that did (based on 1), each under a new key.
    for (const basedOnRevision of [null, 1]) {
      const again = await submitRequest(clerkYantai.token, report, { basedOnRevision });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(receipt);
    }
    expect(await rowCounts()).toEqual(before);
    // After a return, the clerk checked the figures and found them right: the same figures with a reason
    // are a new revision awaiting review, whose diff shows no figure changed; without a reason, 422.
    const returned = await api(
      `${submissionsPath("2019", "370600")}/1/review`,
      jsonRequest("POST", { action: "return", comment: "请核对教扶01" }, province.token),
    );
    expect(returned.status).toBe(200);
    expect((await expectProblem(await submitRequest(clerkYantai.token, report, { basedOnRevision: 1 }), 422)).type).toBe(
      "urn:tianbao:problem:resubmission-reason-required",
    );
    const sameAfterReturn = await submitRequest(clerkYantai.token, report, { basedOnRevision: 1, resubmissionReason: "已核实，数据无误" });
    expect(sameAfterReturn.status).toBe(201);
    expect(await sameAfterReturn.json()).toMatchObject({ revision: 2, status: "submitted", sha256: receipt.sha256 });
    const detail = (await (await api(`${submissionsPath("2019", "370600")}/2`, bearer(clerkYantai.token))).json()) as { resubmissionReason: string };
    expect(detail.resubmissionReason).toBe("已核实，数据无误");
    const diff = (await (await api(`${submissionsPath("2019", "370600")}/2/diff?against=1`, bearer(province.token))).json()) as { changes: unknown[] };
    expect(diff).toEqual({ revision: 2, against: 1, changes: [], resubmissionReason: "已核实，数据无误" });
    // A second click on it stores nothing: revision 2 awaits review.
    const secondClick = await submitRequest(clerkYantai.token, report, { basedOnRevision: 2 });
    expect(secondClick.status).toBe(200);
    expect(await secondClick.json()).toMatchObject({ revision: 2, status: "submitted" });
    // Changed figures are a new revision as before.
    const changed = await submitRequest(clerkYantai.token, withValue(report, "教扶01", "370602", "E01_PRE", 1), { basedOnRevision: 2 });
    expect(changed.status).toBe(201);
  });

  it("two concurrent submits based on the same revision: exactly one is stored, the other gets 409", async () => {
    const zibo = (await import("../../shared/units/reporting-tree.ts")).reportingTree.unit("370300")!;
    const clerkA = await createToken("clerk", "370300");
    const clerkB = await createToken("clerk", "370300");
    await submitOk(clerkA.token, reportOf(zibo));
    const responses = await Promise.all([
      submitRequest(clerkA.token, reportOf(zibo, 2), { basedOnRevision: 1 }),
      submitRequest(clerkB.token, reportOf(zibo, 3), { basedOnRevision: 1 }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    const loser = await expectProblem(responses.find((response) => response.status === 409)!, 409);
    expect(loser).toMatchObject({ type: "urn:tianbao:problem:stale-revision", currentRevision: 2, basedOnRevision: 1 });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM submissions WHERE unit_code = '370300'").first("n")).toBe(2);
  });

  it("the largest report (every list row of 教扶06 filled) is stored whole, by a batch of three statements", async () => {
    const { insertSubmissionStatements } = await import("../../worker/db/submissions-repository.ts");
    const { sampleReport } = await import("../support/sample-report.ts");
    const linyi = (await import("../../shared/units/reporting-tree.ts")).reportingTree.unit("371300")!;
    const clerkLinyi = await createToken("clerk", "371300");
    const report = sampleReport(linyi, { listRows: 200 });
    const values = reportValues(currentFormSet, linyi, report);
    const statements = insertSubmissionStatements(
      env.DB,
      {
        periodCode: "2019",
        unitCode: "371300",
        editionId: "323/2019",
        submittedBy: clerkLinyi.id,
        submittedAt: "",
        payload: "{}",
        payloadSha256: "0".repeat(64),
        explanations: "[]",
        resubmissionReason: null,
        idempotencyKey: "size-probe",
        basedOnRevision: null,
        sources: null,
      },
      values,
    );
    // The revision, all of its values, the audit row: within D1's free-plan 50 queries whatever the size.
    expect(statements).toHaveLength(3);
    const receipt = await submitOk(clerkLinyi.token, report);
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM submission_values WHERE submission_id = ?").bind(Number(receipt.submissionId)).first("n");
    expect(stored).toBe(values.length);
    expect(values.length).toBeGreaterThan(1400); // the 200 list rows alone hold 1,400 values
  });

  it("a stale basedOnRevision → 409 naming the current revision", async () => {
    const problem = await expectProblem(await submitRequest(clerk.token, reportOf(jinan, 5), { basedOnRevision: null }), 409);
    expect(problem).toMatchObject({ currentRevision: 1, current: { revision: 1 } });
    await expectProblem(await submitRequest(clerk.token, reportOf(jinan, 5), { basedOnRevision: 7 }), 409);
  });

  it("a report failing an error rule → 422 with the issues, nothing stored", async () => {
    const before = await rowCounts();
    const bad = withValue(reportOf(jinan, 6), "教扶04", "370102", "E04_PRIN", 999_999);
    const problem = await expectProblem(await submitRequest(clerk.token, bad, { basedOnRevision: 1 }), 422);
    expect(problem.type).toBe("urn:tianbao:problem:report-invalid");
    // The workbook's own checks are 校验 (审核 is the reviewer's decision); no "0 个未说明的警告", no "1 errors".
    expect([problem.title, problem.detail]).toEqual([
      "报表未通过校验 / The report fails validation",
      "报表有 1 个错误，未保存 / The report has 1 error; nothing was stored",
    ]);
    expect(problem.issues).toEqual([
      expect.objectContaining({ ruleId: "R04.1", severity: "error", sheetCode: "教扶04", rowKey: "370102", cell: expect.stringMatching(/^[A-Z]+\d+$/) }),
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it("a warning needs its explanation (422 without); with it, the explained warning is stored with the revision and its reason code", async () => {
    const county = "370102";
    const row = reportOf(jinan, 7).sheets["教扶05"]!.find((candidate) => candidate.key === county)!;
    const uncovered = withValue(reportOf(jinan, 7), "教扶05", county, "E05_COVERED", (row.values.E05_KEY_SCH as number) - 1);
    const problem = await expectProblem(await submitRequest(clerk.token, uncovered, { basedOnRevision: 1 }), 422);
    const warning = (problem.issues as { ruleId: string; severity: string; fieldCode: string }[]).find((issue) => issue.ruleId === "R05.2");
    expect(warning).toMatchObject({ severity: "warning" });

    const explained = {
      ...uncovered,
      explanations: [
        {
          ruleId: "R05.2",
          sheetCode: "教扶05",
          rowKey: county,
          fieldCode: warning!.fieldCode,
          text: "一所学校已撤并，正在重新结对",
          reason: "actual" as const,
        },
      ],
    };
    const receipt = await submitOk(clerk.token, explained, { basedOnRevision: 1 });
    expect(receipt.revision).toBe(2);
    const detail = (await (await api(`${submissionsPath("2019", "370100")}/2`, bearer(province.token))).json()) as {
      warnings: unknown[];
      basedOnRevision: number;
    };
    expect(detail.basedOnRevision).toBe(1);
    expect(detail.warnings).toEqual([expect.objectContaining({ ruleId: "R05.2", explanation: "一所学校已撤并，正在重新结对", explanationReason: "actual" })]);
  });

  it("diff: the changed input cells between two revisions, with A1 addresses from the layout", async () => {
    const response = await api(`${submissionsPath("2019", "370100")}/2/diff?against=1`, bearer(clerk.token));
    expect(response.status).toBe(200);
    const diff = (await response.json()) as {
      changes: { sheetCode: string; rowKey: string; fieldCode: string; cell: string; before: unknown; after: unknown }[];
    };
    const first = reportOf(jinan);
    const second = reportOf(jinan, 7);
    const changedCovered = diff.changes.find((change) => change.sheetCode === "教扶05" && change.rowKey === "370102" && change.fieldCode === "E05_COVERED");
    expect(changedCovered).toMatchObject({ cell: "D7", before: first.sheets["教扶05"]![0]!.values.E05_COVERED });
    expect(changedCovered!.after).toBe((second.sheets["教扶05"]![0]!.values.E05_KEY_SCH as number) - 1);
    expect(diff.changes.every((change) => /^[A-Z]+\d+$/.test(change.cell))).toBe(true);
    expect(await (await api(`${submissionsPath("2019", "370100")}/2/diff?against=2`, bearer(clerk.token))).json()).toMatchObject({ changes: [] });
    await expectProblem(await api(`${submissionsPath("2019", "370100")}/2/diff?against=5`, bearer(clerk.token)), 404);
    await expectProblem(await api(`${submissionsPath("2019", "370100")}/2/diff`, bearer(clerk.token)), 400);
  });
});

describe("the revision guard in SQL", () => {
  it("a batch based on a revision that is no longer the latest aborts as a whole: stale, never a second revision", async () => {
    const { insertSubmissionStatements, isStaleRevisionError } = await import("../../worker/db/submissions-repository.ts");
    const weifang = (await import("../../shared/units/reporting-tree.ts")).reportingTree.unit("370700")!;
    const clerkWeifang = await createToken("clerk", "370700");
    const report = reportOf(weifang);
    const values = reportValues(currentFormSet, weifang, report);
    const batch = (idempotencyKey: string) =>
      insertSubmissionStatements(
        env.DB,
        {
          periodCode: "2019",
          unitCode: "370700",
          editionId: "323/2019",
          submittedBy: clerkWeifang.id,
          submittedAt: new Date().toISOString(),
          payload: canonicalJson(report),
          payloadSha256: "0".repeat(64),
          explanations: "[]",
          resubmissionReason: null,
          idempotencyKey,
          basedOnRevision: null,
          sources: null,
        },
        values,
      );
    // Both built from the same state (no revision yet); the first one wins.
    const [winner, loser] = [batch("guard-key-0001"), batch("guard-key-0002")];
    await env.DB.batch(winner);
    const before = await rowCounts();
    const failure = await env.DB.batch(loser).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isStaleRevisionError(failure)).toBe(true);
    expect(await rowCounts()).toEqual(before);
  });
});
