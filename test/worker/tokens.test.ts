import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { api, auditActions, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";

interface CreatedToken {
  id: string;
  token: string;
  role: string;
  unitCode: string | null;
  name: string;
}

describe("token management (admin)", () => {
  it("creates a token, returns the secret once, stores only its SHA-256", async () => {
    const admin = await createToken("admin");
    const response = await api("/tokens", jsonRequest("POST", { role: "clerk", unitCode: "370300", name: "张三" }, admin.token));
    expect(response.status).toBe(201);
    const created = (await response.json()) as CreatedToken;
    expect(created).toMatchObject({ role: "clerk", unitCode: "370300", name: "张三" });
    expect(created.token).toMatch(/^tb_[A-Za-z0-9_-]{43}$/);

    const row = await env.DB.prepare("SELECT * FROM tokens WHERE id = ?").bind(created.id).first<Record<string, unknown>>();
    expect(row?.token_sha256).toBe(await sha256Hex(created.token));
    expect(Object.values(row ?? {})).not.toContain(created.token);
    const everything =
      JSON.stringify(await env.DB.prepare("SELECT * FROM tokens").all()) + JSON.stringify(await env.DB.prepare("SELECT * FROM audit_log").all());
    expect(everything).not.toContain(created.token);

    const listed = JSON.stringify(await (await api("/tokens", bearer(admin.token))).json());
    expect(listed).toContain(created.id);
    expect(listed).not.toContain(created.token);
    expect(listed).not.toContain(await sha256Hex(created.token));

    expect(await (await api("/me", bearer(created.token))).json()).toMatchObject({ role: "clerk", unitCode: "370300", tokenName: "张三" });
    expect(await auditActions(`token:${created.id}`)).toEqual(["token.create"]);
  });

  it("rejects inconsistent role and prefecture", async () => {
    const admin = await createToken("admin");
    await expectProblem(await api("/tokens", jsonRequest("POST", { role: "clerk", name: "无地市" }, admin.token)), 400);
    await expectProblem(await api("/tokens", jsonRequest("POST", { role: "admin", unitCode: "370100", name: "x" }, admin.token)), 400);
    const unknown = await expectProblem(await api("/tokens", jsonRequest("POST", { role: "clerk", unitCode: "379900", name: "x" }, admin.token)), 400);
    expect(unknown.errors?.[0]).toMatchObject({ field: "unitCode", code: "unknown_unit" });
    // The province is no reporting unit of its own: its figures are consolidated, never typed.
    await expectProblem(await api("/tokens", jsonRequest("POST", { role: "clerk", unitCode: "370000", name: "x" }, admin.token)), 400);
  });

  it("revokes a token: it stops working; revoking again changes nothing", async () => {
    const admin = await createToken("admin");
    const clerk = await createToken("clerk", "370100");
    const response = await api(`/tokens/${clerk.id}`, { method: "DELETE", ...bearer(admin.token) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { revokedAt: string | null }).revokedAt).toBeTruthy();
    await expectProblem(await api("/me", bearer(clerk.token)), 401);

    expect((await api(`/tokens/${clerk.id}`, { method: "DELETE", ...bearer(admin.token) })).status).toBe(200);
    expect(await auditActions(`token:${clerk.id}`)).toEqual(["token.revoke"]);
    await expectProblem(await api("/tokens/no-such-token", { method: "DELETE", ...bearer(admin.token) }), 404);
  });
});
