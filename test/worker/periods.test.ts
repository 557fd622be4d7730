import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, auditActions, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";

interface Period {
  code: string;
  status: "open" | "locked";
  deadline: string | null;
  lockedAt: string | null;
  openUnlocks: { unitCode: string; reason: string }[];
}

const post = (path: string, token: string, body?: unknown) =>
  api(path, body === undefined ? { method: "POST", ...bearer(token) } : jsonRequest("POST", body, token));

describe("periods", () => {
  it("open → lock → unlock one prefecture with a reason → lock again, every write audited", async () => {
    const admin = await createToken("admin");
    const jinan = await createToken("clerk", "370100");
    const qingdao = await createToken("clerk", "370200");

    const opened = await post("/periods", admin.token, { code: "2019", deadline: "2020-01-31" });
    expect(opened.status).toBe(201);
    expect(await opened.json()).toMatchObject({ code: "2019", editionId: "323/2019", status: "open", deadline: "2020-01-31", openUnlocks: [] });
    await expectProblem(await post("/periods", admin.token, { code: "2019" }), 409);

    const listed = (await (await api("/periods", bearer(jinan.token))).json()) as { periods: Period[] };
    expect(listed.periods.map((period) => period.code)).toEqual(["2019"]);

    await expectProblem(await post("/periods/2019/unlock", admin.token, { unitCode: "370100", reason: "晚报" }), 409);

    const locked = (await (await post("/periods/2019/lock", admin.token)).json()) as Period;
    expect(locked.status).toBe("locked");
    expect(locked.lockedAt).toBeTruthy();
    await expectProblem(await post("/periods/2019/lock", admin.token), 409);
    expect(await (await api("/periods/2019/units/370100", bearer(jinan.token))).json()).toMatchObject({ acceptsSubmissions: false });

    const missingReason = await expectProblem(await post("/periods/2019/unlock", admin.token, { unitCode: "370100" }), 400);
    expect(missingReason.errors?.map((issue) => issue.field)).toEqual(["reason"]);
    await expectProblem(await post("/periods/2019/unlock", admin.token, { unitCode: "370100", reason: "   " }), 400);
    await expectProblem(await post("/periods/2019/unlock", admin.token, { unitCode: "379900", reason: "x" }), 400);

    const unlocked = (await (await post("/periods/2019/unlock", admin.token, { unitCode: "370100", reason: "济南市更正第3表" })).json()) as Period;
    expect(unlocked.status).toBe("locked");
    expect(unlocked.openUnlocks).toMatchObject([{ unitCode: "370100", reason: "济南市更正第3表" }]);
    await expectProblem(await post("/periods/2019/unlock", admin.token, { unitCode: "370100", reason: "again" }), 409);
    expect(await (await api("/periods/2019/units/370100", bearer(jinan.token))).json()).toMatchObject({
      acceptsSubmissions: true,
      unlock: { reason: "济南市更正第3表" },
    });
    expect(await (await api("/periods/2019/units/370200", bearer(qingdao.token))).json()).toMatchObject({ acceptsSubmissions: false });

    const relocked = (await (await post("/periods/2019/lock", admin.token)).json()) as Period;
    expect(relocked.openUnlocks).toEqual([]);

    expect(await auditActions("period:2019")).toEqual(["period.open", "period.lock", "period.lock"]);
    expect(await auditActions("period:2019/prefecture:370100")).toEqual(["period.unlock"]);
  });

  it("PATCH changes or removes the deadline; unknown periods are 404", async () => {
    const admin = await createToken("admin");
    await post("/periods", admin.token, { code: "2020" });
    const patch = (deadline: string | null) => api("/periods/2020", jsonRequest("PATCH", { deadline }, admin.token));
    expect(await (await patch("2021-02-28")).json()).toMatchObject({ deadline: "2021-02-28" });
    expect(await (await patch(null)).json()).toMatchObject({ deadline: null });
    await expectProblem(await patch("2021-02-30"), 400);
    await expectProblem(await api("/periods/2020", jsonRequest("PATCH", {}, admin.token)), 400);
    await expectProblem(await api("/periods/2030", jsonRequest("PATCH", { deadline: null }, admin.token)), 404);
    await expectProblem(await post("/periods/2030/lock", admin.token), 404);
    expect(await auditActions("period:2020")).toEqual(["period.open", "period.update", "period.update"]);
  });

  it("a PATCH that changes nothing answers 200 with the period and writes no audit row; one that changes a part audits only that part", async () => {
    const admin = await createToken("admin");
    await post("/periods", admin.token, { code: "2021", deadline: "2022-01-31" });
    await api("/periods/2021", jsonRequest("PATCH", { levelDeadlines: { county: "2022-01-15" } }, admin.token));
    const patch = (body: unknown) => api("/periods/2021", jsonRequest("PATCH", body, admin.token));
    const audited = async () =>
      (await env.DB.prepare("SELECT detail FROM audit_log WHERE target = 'period:2021' ORDER BY id").all<{ detail: string }>()).results;
    const before = (await audited()).length;

    for (const same of [
      { deadline: "2022-01-31" },
      { requireStampedCopy: false },
      { levelDeadlines: { county: "2022-01-15" } },
      { deadline: "2022-01-31", requireStampedCopy: false, levelDeadlines: { county: "2022-01-15" } },
    ]) {
      const response = await patch(same);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        code: "2021",
        deadline: "2022-01-31",
        requireStampedCopy: false,
        levelDeadlines: { county: "2022-01-15" },
      });
    }
    expect(await audited()).toHaveLength(before);

    expect((await patch({ deadline: "2022-01-31", requireStampedCopy: true })).status).toBe(200);
    const rows = await audited();
    expect(rows).toHaveLength(before + 1);
    expect(JSON.parse(rows.at(-1)?.detail ?? "{}")).toEqual({ requireStampedCopy: { from: false, to: true } });
  });

  it("refuses an unknown edition", async () => {
    const admin = await createToken("admin");
    const problem = await expectProblem(await post("/periods", admin.token, { code: "2022", editionId: "323/1999" }), 400);
    expect(problem.errors?.[0]).toMatchObject({ field: "editionId" });
  });
});
