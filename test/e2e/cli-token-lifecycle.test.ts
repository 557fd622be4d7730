// Issue 23 through the real command against `wrangler dev` and its local D1: a clerk's token made
// on the server carries its expiry, a wrong token is refused with one line and lands in the audit
// log without its secret, `tianbao audit` reads the log by action and unit, and the last admin token
// cannot be revoked.
import { describe, expect, it } from "vitest";
import { tianbao } from "./run-tianbao.ts";
import { adminTokenFromScript, useWranglerDev } from "./wrangler-dev-fixture.ts";

const dev = useWranglerDev();
const as = (token: string) => ({ TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: token });
const dayMs = 86_400_000;

describe("tokens and the audit log from the command line", () => {
  it("expiry, one refusal for a wrong token, tianbao audit, and the last admin kept", async () => {
    const admin = await adminTokenFromScript(dev, "e2e 管理员");

    const before = Date.now();
    const clerk = await tianbao(["token", "create", "--role", "clerk", "--prefecture", "370100", "--name", "张三", "--json"], as(admin.token));
    expect(clerk.exitCode, clerk.stderr).toBe(0);
    const created = JSON.parse(clerk.stdout) as { id: string; expiresAt: string };
    expect(Date.parse(created.expiresAt)).toBeGreaterThanOrEqual(before + 400 * dayMs);

    const wrong = "tb_this-is-not-a-token-of-this-server";
    const refused = await tianbao(["audit"], as(wrong));
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^HTTP 401 令牌无效、已吊销或已过期 \/ The token is not valid: unknown, revoked or expired — 请检查 --token/);

    const failures = await tianbao(["audit", "--action", "sign-in", "--json"], as(admin.token));
    expect(failures.exitCode, failures.stderr).toBe(0);
    const rows = failures.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { action: string; target: string; detail: Record<string, unknown> });
    expect(rows).toEqual([expect.objectContaining({ action: "sign-in.fail", detail: expect.objectContaining({ reason: "unknown" }) })]);
    expect(rows[0]?.target).toMatch(/^client:/);
    expect(failures.stdout).not.toContain(wrong);

    const tokenLines = await tianbao(["audit", "--action", "token"], as(admin.token));
    expect(tokenLines.exitCode, tokenLines.stderr).toBe(0);
    const lines = tokenLines.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]?.split("  ")).toEqual([
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      "token.create",
      `token:${admin.id}`,
      "—",
      expect.stringMatching(/^\{"role":"admin"/),
    ]);
    expect(lines[1]).toContain(`token.create  token:${created.id}  e2e 管理员 (${admin.id})`);

    const lastAdmin = await tianbao(["token", "revoke", admin.id], as(admin.token));
    expect(lastAdmin.exitCode).toBe(1);
    expect(lastAdmin.stderr.trim()).toMatch(/^HTTP 409 .*最后一个有效的管理员令牌.*请先创建另一个管理员令牌/);
    const revokeClerk = await tianbao(["token", "revoke", created.id], as(admin.token));
    expect(revokeClerk.exitCode, revokeClerk.stderr).toBe(0);
    expect(revokeClerk.stdout).toContain(`已吊销 / revoked: clerk “张三” (id ${created.id})`);
  });
});
