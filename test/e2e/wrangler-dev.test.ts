import { describe, expect, it } from "vitest";
import { adminTokenFromScript, useWranglerDev } from "./wrangler-dev-fixture.ts";

const dev = useWranglerDev();

describe("wrangler dev with a fresh local D1", () => {
  it("serves health, and a token made by `tianbao token create --local` works on /me", async () => {
    const health = await fetch(`${dev.baseUrl}/api/v1/health`);
    expect(await health.json()).toMatchObject({ status: "ok" });

    const created = await adminTokenFromScript(dev, "e2e 管理员");
    expect(created.token).toMatch(/^tb_/);

    const me = await fetch(`${dev.baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${created.token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ tokenId: created.id, role: "admin", tokenName: "e2e 管理员" });

    const anonymous = await fetch(`${dev.baseUrl}/api/v1/me`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("Content-Type")).toContain("application/problem+json");
  });
});
