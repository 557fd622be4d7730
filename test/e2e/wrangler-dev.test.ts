import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWranglerDev } from "./wrangler-dev.ts";
import type { WranglerDev } from "./wrangler-dev.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const tsxCli = fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url));

let dev: WranglerDev;
beforeAll(async () => {
  dev = await startWranglerDev();
});
afterAll(async () => {
  await dev?.stop();
});

describe("wrangler dev with a fresh local D1", () => {
  it("serves health, and a token made by scripts/token.ts works on /me", async () => {
    const health = await fetch(`${dev.baseUrl}/api/v1/health`);
    expect(await health.json()).toMatchObject({ status: "ok" });

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [tsxCli, "scripts/token.ts", "create", "--role", "admin", "--name", "e2e 管理员", "--local", "--persist-to", dev.persistTo, "--json"],
      { cwd: repoRoot },
    );
    const created = JSON.parse(stdout) as { id: string; token: string };
    expect(created.token).toMatch(/^tb_/);

    const me = await fetch(`${dev.baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${created.token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ tokenId: created.id, role: "admin", tokenName: "e2e 管理员" });

    const anonymous = await fetch(`${dev.baseUrl}/api/v1/me`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("Content-Type")).toContain("application/problem+json");
  });
});
