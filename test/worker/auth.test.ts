import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";

describe("authentication", () => {
  it("no token → 401 with a Bearer challenge", async () => {
    const response = await api("/me");
    const problem = await expectProblem(response, 401);
    expect(problem.title).toBe("未认证 / Unauthorized");
    expect(response.headers.get("WWW-Authenticate")).toContain("Bearer");
  });

  it("a malformed Authorization header → 401", async () => {
    await expectProblem(await api("/me", { headers: { Authorization: "Basic dXNlcjpwYXNz" } }), 401);
    await expectProblem(await api("/me", { headers: { Authorization: "Bearer" } }), 401);
  });

  it("an unknown token → 401", async () => {
    await expectProblem(await api("/me", bearer("tb_not-a-real-token")), 401);
  });

  it("a revoked token → 401, the same answer as an unknown one", async () => {
    const clerk = await createToken("clerk", "370100");
    expect((await api("/me", bearer(clerk.token))).status).toBe(200);
    await env.DB.prepare("UPDATE tokens SET revoked_at = ? WHERE id = ?").bind(new Date().toISOString(), clerk.id).run();
    const problem = await expectProblem(await api("/me", bearer(clerk.token)), 401);
    expect(problem).toEqual(await expectProblem(await api("/me", bearer("tb_not-a-real-token")), 401));
  });

  it("GET /me tells who the caller is", async () => {
    const clerk = await createToken("clerk", "370200");
    expect(await (await api("/me", bearer(clerk.token))).json()).toMatchObject({
      tokenId: clerk.id,
      role: "clerk",
      unitCode: "370200",
      unitName: "青岛市",
    });
  });
});

describe("authorisation", () => {
  it("a wrong role → 403", async () => {
    const clerk = await createToken("clerk", "370100");
    const province = await createToken("province");
    const problem = await expectProblem(await api("/periods", jsonRequest("POST", { code: "2020" }, clerk.token)), 403);
    expect(problem.requiredRoles).toEqual(["admin"]);
    await expectProblem(await api("/tokens", bearer(province.token)), 403);
    await expectProblem(await api("/periods/2019/lock", { method: "POST", ...bearer(province.token) }), 403);
  });

  it("a clerk of another prefecture → 403; own prefecture, province and admin → allowed", async () => {
    const admin = await createToken("admin");
    await api("/periods", jsonRequest("POST", { code: "2019", deadline: "2020-01-31" }, admin.token));
    const jinanClerk = await createToken("clerk", "370100");

    const other = await api("/periods/2019/units/370200", bearer(jinanClerk.token));
    expect((await expectProblem(other, 403)).ownUnitCode).toBe("370100");

    const own = await api("/periods/2019/units/370100", bearer(jinanClerk.token));
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ periodCode: "2019", unitCode: "370100", acceptsSubmissions: true });

    const province = await createToken("province");
    expect((await api("/periods/2019/units/370200", bearer(province.token))).status).toBe(200);
  });
});
