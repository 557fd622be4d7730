import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, auditActions, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import { jinan, openPeriod, qingdao, reportOf, review, rowCounts, submissionsPath, submitOk, submitRequest, usePeriod2019 } from "./submission-client.ts";

const { clerk, province, admin } = usePeriod2019();

describe("return → resubmit with a reason → accept", () => {
  it("runs the whole review cycle, every write audited", async () => {
    await submitOk(clerk.token, reportOf(jinan));

    const noComment = await expectProblem(await review(province.token, "2019", "370100", 1, { action: "return" }), 400);
    expect(noComment.errors?.map((issue) => issue.field)).toEqual(["comment"]);
    await expectProblem(
      await review(province.token, "2019", "370100", 1, { action: "return", comment: "见单元格", cells: [{ sheetCode: "教扶04", cell: "ZZ999" }] }),
      400,
    );
    await expectProblem(
      await review(province.token, "2019", "370100", 1, { action: "return", comment: "x", cells: [{ sheetCode: "教扶04", cell: "A99999999" }] }),
      400,
    );

    const returned = await review(province.token, "2019", "370100", 1, {
      action: "return",
      comment: "教扶04 交流教师数偏低，请核实",
      cells: [{ sheetCode: "教扶04", cell: "D7" }],
    });
    expect(returned.status).toBe(200);
    expect(await returned.json()).toMatchObject({
      revision: 1,
      status: "returned",
      review: { action: "return", comment: "教扶04 交流教师数偏低，请核实", cells: [{ sheetCode: "教扶04", cell: "D7" }], actedBy: province.id },
    });
    await expectProblem(await review(province.token, "2019", "370100", 1, { action: "accept" }), 409);

    const before = await rowCounts();
    const withoutReason = await expectProblem(await submitRequest(clerk.token, reportOf(jinan, 2), { basedOnRevision: 1 }), 422);
    expect(withoutReason.type).toBe("urn:tianbao:problem:resubmission-reason-required");
    expect(await rowCounts()).toEqual(before);

    const second = await submitOk(clerk.token, reportOf(jinan, 2), { basedOnRevision: 1, resubmissionReason: "已按审核意见核实教扶04" });
    expect(second).toMatchObject({ revision: 2, status: "submitted" });
    await expectProblem(await review(province.token, "2019", "370100", 1, { action: "accept" }), 409);

    const accepted = await review(province.token, "2019", "370100", 2, { action: "accept" });
    expect(await accepted.json()).toMatchObject({
      revision: 2,
      status: "accepted",
      resubmissionReason: "已按审核意见核实教扶04",
      review: { action: "accept", comment: null, cells: [] },
    });

    const detail = (await (await api(`${submissionsPath("2019", "370100")}/1`, bearer(clerk.token))).json()) as { status: string; reviews: unknown[] };
    expect(detail).toMatchObject({
      status: "returned",
      reviews: [{ action: "return", comment: "教扶04 交流教师数偏低，请核实", actedByName: expect.any(String) }],
    });
    expect(await auditActions("period:2019/prefecture:370100")).toEqual(["submission.create", "submission.return", "submission.create", "submission.accept"]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM review_actions").first("n")).toBe(2);
  });

  it("a revision after an accepted one also needs a reason", async () => {
    await expectProblem(await submitRequest(clerk.token, reportOf(jinan, 3), { basedOnRevision: 2 }), 422);
    expect(await submitOk(clerk.token, reportOf(jinan, 3), { basedOnRevision: 2, resubmissionReason: "补报更正" })).toMatchObject({ revision: 3 });
  });

  it("two concurrent reviews of one revision: one wins, the other gets 409", async () => {
    const clerkQingdao = await createToken("clerk", "370200");
    await submitOk(clerkQingdao.token, reportOf(qingdao));
    const responses = await Promise.all([
      review(province.token, "2019", "370200", 1, { action: "accept" }),
      review(province.token, "2019", "370200", 1, { action: "return", comment: "请核实" }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM review_actions r JOIN submissions s ON s.id = r.submission_id WHERE s.unit_code = '370200'").first("n"),
    ).toBe(1);
  });
});

describe("locked periods", () => {
  it("locked → 423 and nothing stored; unlocked for one prefecture → that one may submit, the others still 423", async () => {
    // 2030: no accepted 2029 revision, so no history rules apply.
    await openPeriod("2030");
    const clerkQingdao = await createToken("clerk", "370200");
    const lock = await api("/periods/2030/lock", { method: "POST", ...bearer(admin.token) });
    expect(lock.status).toBe(200);

    const before = await rowCounts();
    const locked = await expectProblem(await submitRequest(clerk.token, reportOf(jinan, 1, "2030"), { period: "2030" }), 423);
    expect(locked.type).toBe("urn:tianbao:problem:period-locked");
    expect(await rowCounts()).toEqual(before);

    await api("/periods/2030/unlock", jsonRequest("POST", { unitCode: "370100", reason: "济南市补报" }, admin.token));
    expect(await submitOk(clerk.token, reportOf(jinan, 1, "2030"), { period: "2030" })).toMatchObject({ revision: 1 });
    await expectProblem(await submitRequest(clerkQingdao.token, reportOf(qingdao, 1, "2030"), { period: "2030" }), 423);
  });

  it("the previous period's accepted revision feeds the history rules (R02.3: a cumulative figure may not fall)", async () => {
    // Jinan's accepted 2019 revision is reportOf(jinan, 2); the same figures in 2020 raise nothing.
    await openPeriod("2020");
    const same = reportOf(jinan, 2, "2020");
    const fallen = structuredClone(same);
    for (const row of fallen.sheets["教扶02"]!) row.values.E02_SCH = 0;
    const problem = await expectProblem(await submitRequest(clerk.token, fallen, { period: "2020" }), 422);
    expect(new Set((problem.issues as { ruleId: string }[]).map((issue) => issue.ruleId))).toEqual(new Set(["R02.3"]));
    expect(await submitOk(clerk.token, same, { period: "2020" })).toMatchObject({ revision: 1 });
  });
});
