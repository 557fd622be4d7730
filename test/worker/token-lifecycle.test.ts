import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SIGN_IN_FAILURE_LIMIT, SIGN_IN_WINDOW_SECONDS } from "../../worker/auth/sign-in-throttle.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { api, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";

// Issue 23, tokens: an expiry, one 401 for every bad token, failed sign-ins throttled and audited,
// the last admin token kept.

const dayMs = 86_400_000;
const fromAddress = (address: string, token: string): RequestInit => ({ headers: { Authorization: `Bearer ${token}`, "CF-Connecting-IP": address } });

/** A token whose expiry has passed, inserted so (an expiry, once set, is never moved). */
async function createExpiredToken(role: "clerk" | "admin", unitCode: string | null = null): Promise<TestToken> {
  const token = `tb_expired-${crypto.randomUUID()}`;
  const id = `expired-${crypto.randomUUID()}`;
  await env.DB.prepare("INSERT INTO tokens (id, token_sha256, role, unit_code, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .bind(id, await sha256Hex(token), role, unitCode, "过期的令牌", new Date(Date.now() - 2 * dayMs).toISOString(), new Date(Date.now() - 1000).toISOString())
    .run();
  return { id, token };
}

async function auditRows(action: string) {
  const { results } = await env.DB.prepare("SELECT token_id, target, detail FROM audit_log WHERE action = ? ORDER BY id").bind(action).all<{
    token_id: string | null;
    target: string;
    detail: string;
  }>();
  return results.map((row) => ({ tokenId: row.token_id, target: row.target, detail: JSON.parse(row.detail) as Record<string, unknown> }));
}

describe("token expiry", () => {
  it("a clerk's token lasts 400 days unless told otherwise; admin and province tokens never expire unless told", async () => {
    const admin = await createToken("admin");
    const before = Date.now();
    const clerk = await (await api("/tokens", jsonRequest("POST", { role: "clerk", unitCode: "370100", name: "张三" }, admin.token))).json();
    const expiresAt = Date.parse((clerk as { expiresAt: string }).expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 400 * dayMs);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 400 * dayMs);

    const province = await (await api("/tokens", jsonRequest("POST", { role: "province", name: "省厅" }, admin.token))).json();
    expect(province).toMatchObject({ expiresAt: null });

    const chosen = "2031-06-30T16:00:00.000Z";
    const response = await api("/tokens", jsonRequest("POST", { role: "clerk", unitCode: "370200", name: "李四", expiresAt: chosen }, admin.token));
    const created = (await response.json()) as { id: string; token: string; expiresAt: string };
    expect(created.expiresAt).toBe(chosen);
    expect(await (await api("/me", bearer(created.token))).json()).toMatchObject({ expiresAt: chosen });
    const listed = (await (await api("/tokens", bearer(admin.token))).json()) as { tokens: { id: string; expiresAt: string | null }[] };
    expect(listed.tokens.find((token) => token.id === created.id)?.expiresAt).toBe(chosen);
  });

  it("an expiry in the past is refused, naming the field", async () => {
    const admin = await createToken("admin");
    const problem = await expectProblem(
      await api("/tokens", jsonRequest("POST", { role: "clerk", unitCode: "370100", name: "张三", expiresAt: "2020-01-01T00:00:00Z" }, admin.token)),
      400,
    );
    expect(problem.errors?.[0]).toMatchObject({ field: "expiresAt", code: "expiry_in_past" });
  });

  it("an expiry, once set, is never moved (D1 refuses the UPDATE)", async () => {
    const expired = await createExpiredToken("clerk", "370100");
    await expect(env.DB.prepare("UPDATE tokens SET expires_at = NULL WHERE id = ?").bind(expired.id).run()).rejects.toThrow(/expiry cannot be changed/);
  });
});

describe("one 401 for every bad token", () => {
  it("unknown, revoked and expired tokens get the same answer; the audit log says why, without the secret", async () => {
    const revoked = await createToken("clerk", "370100");
    await env.DB.prepare("UPDATE tokens SET revoked_at = ? WHERE id = ?").bind(new Date().toISOString(), revoked.id).run();
    const expired = await createExpiredToken("clerk", "370200");
    const unknown = "tb_not-a-real-token";

    const answers = [];
    for (const token of [unknown, revoked.token, expired.token]) {
      const response = await api("/me", fromAddress("198.51.100.1", token));
      expect(response.headers.get("WWW-Authenticate")).toContain("Bearer");
      answers.push(await expectProblem(response, 401));
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);

    const failures = await auditRows("sign-in.fail");
    expect(failures).toEqual([
      { tokenId: null, target: "client:198.51.100.1", detail: { reason: "unknown", tokenSha256Prefix: (await sha256Hex(unknown)).slice(0, 12) } },
      { tokenId: revoked.id, target: "client:198.51.100.1", detail: { reason: "revoked", tokenSha256Prefix: (await sha256Hex(revoked.token)).slice(0, 12) } },
      { tokenId: expired.id, target: "client:198.51.100.1", detail: { reason: "expired", tokenSha256Prefix: (await sha256Hex(expired.token)).slice(0, 12) } },
    ]);
    const log = JSON.stringify((await env.DB.prepare("SELECT * FROM audit_log").all()).results);
    for (const secret of [unknown, revoked.token, expired.token]) {
      expect(log).not.toContain(secret);
      expect(log).not.toContain(await sha256Hex(secret));
    }
  });
});

describe("failed sign-ins are throttled per client address", () => {
  it(`after ${SIGN_IN_FAILURE_LIMIT} failures the address gets 429 with Retry-After, even with a good token; another address is not held up`, async () => {
    const clerk = await createToken("clerk", "370100");
    const attacker = "203.0.113.7";
    for (let attempt = 1; attempt <= SIGN_IN_FAILURE_LIMIT; attempt++) {
      await expectProblem(await api("/me", fromAddress(attacker, `tb_guess-${attempt}`)), 401);
    }
    for (const token of ["tb_guess-again", clerk.token]) {
      const response = await api("/me", fromAddress(attacker, token));
      const problem = await expectProblem(response, 429);
      expect(problem.type).toBe("urn:tianbao:problem:too-many-sign-in-failures");
      expect(problem.detail).toMatch(/^此地址登录失败过多.* \/ Too many failed sign-ins/);
      const retryAfter = Number(response.headers.get("Retry-After"));
      expect(retryAfter).toBeGreaterThan(SIGN_IN_WINDOW_SECONDS - 60);
      expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_WINDOW_SECONDS);
    }
    // Refused before the token was looked at: the throttled attempts are neither counted nor audited.
    expect((await auditRows("sign-in.fail")).filter((row) => row.target === `client:${attacker}`)).toHaveLength(SIGN_IN_FAILURE_LIMIT);

    expect((await api("/me", fromAddress("203.0.113.8", clerk.token))).status).toBe(200);
  });

  it("a window that has closed starts over: the address signs in again", async () => {
    const clerk = await createToken("clerk", "370100");
    const address = "203.0.113.9";
    const closedLongAgo = new Date(Date.now() - (SIGN_IN_WINDOW_SECONDS + 1) * 1000).toISOString();
    await env.DB.prepare("INSERT INTO sign_in_failures (client_key, window_started_at, failures) VALUES (?, ?, ?)")
      .bind(address, closedLongAgo, SIGN_IN_FAILURE_LIMIT * 3)
      .run();
    expect((await api("/me", fromAddress(address, clerk.token))).status).toBe(200);
    await expectProblem(await api("/me", fromAddress(address, "tb_one-more-guess")), 401);
    expect(await env.DB.prepare("SELECT failures FROM sign_in_failures WHERE client_key = ?").bind(address).first("failures")).toBe(1);
  });

  it("failures counted at once are all counted (one statement per failure)", async () => {
    const address = "203.0.113.10";
    const responses = await Promise.all(Array.from({ length: 8 }, (_, index) => api("/me", fromAddress(address, `tb_burst-${index}`))));
    for (const response of responses) await expectProblem(response, 401);
    expect(await env.DB.prepare("SELECT failures FROM sign_in_failures WHERE client_key = ?").bind(address).first("failures")).toBe(8);
  });
});

/** Revokes every admin token straight in D1: the earlier tests' tokens are not under test. */
const revokeAllAdmins = () =>
  env.DB.prepare("UPDATE tokens SET revoked_at = ? WHERE role = 'admin' AND revoked_at IS NULL").bind(new Date().toISOString()).run();

describe("the last admin token", () => {
  it("cannot be revoked; an expired admin token does not count as another", async () => {
    await revokeAllAdmins();
    const admin = await createToken("admin");
    await createExpiredToken("admin");
    const problem = await expectProblem(await api(`/tokens/${admin.id}`, { method: "DELETE", ...bearer(admin.token) }), 409);
    expect(problem.type).toBe("urn:tianbao:problem:last-admin-token");
    expect(problem.detail).toMatch(/^令牌 .*最后一个有效的管理员令牌.* \/ .*last working admin token/);
    expect((await api("/me", bearer(admin.token))).status).toBe(200);
    expect((await auditRows("token.revoke")).filter((row) => row.target === `token:${admin.id}`)).toEqual([]);

    const second = await createToken("admin");
    expect((await api(`/tokens/${admin.id}`, { method: "DELETE", ...bearer(second.token) })).status).toBe(200);
    await expectProblem(await api(`/tokens/${second.id}`, { method: "DELETE", ...bearer(second.token) }), 409);
  });

  it("two revocations at once of the last two admin tokens: exactly one succeeds", async () => {
    for (let round = 0; round < 5; round++) {
      await revokeAllAdmins();
      const first = await createToken("admin");
      const second = await createToken("admin");
      const [one, other] = await Promise.all([
        api(`/tokens/${second.id}`, { method: "DELETE", ...bearer(first.token) }),
        api(`/tokens/${first.id}`, { method: "DELETE", ...bearer(second.token) }),
      ]);
      const statuses = [one.status, other.status].sort();
      // The loser is refused as the last admin (409), or, if the winner's revocation landed before it signed in, as revoked (401).
      expect(statuses[0]).toBe(200);
      expect([401, 409]).toContain(statuses[1]);
      const active = await env.DB.prepare("SELECT count(*) AS n FROM tokens WHERE role = 'admin' AND revoked_at IS NULL").first("n");
      expect(active).toBe(1);
    }
  });
});
