import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import { repoRoot } from "../../scripts/lib/repo-root.ts";
import { startWranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import type { WranglerDev, WranglerDevOptions } from "../../scripts/lib/wrangler-dev.ts";

// The vitest side of scripts/lib/wrangler-dev.ts (which scripts and benches import without vitest): one
// `wrangler dev` per test file, and the first admin token made as an operator makes it.

/**
 * Starts `wrangler dev` before the file's tests and stops it after them. The returned object
 * stands for the running server: read it in tests and hooks, not while the file is collected.
 */
export function useWranglerDev(options?: WranglerDevOptions): WranglerDev {
  let started: WranglerDev | undefined;
  beforeAll(async () => {
    started = await startWranglerDev(options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  const dev = () => {
    if (!started) throw new Error("wrangler dev has not started: use it inside a test or a hook");
    return started;
  };
  return {
    get baseUrl() {
      return dev().baseUrl;
    },
    get persistTo() {
      return dev().persistTo;
    },
    pid: () => dev().pid(),
    output: () => dev().output(),
    stop: () => dev().stop(),
    pause: () => dev().pause(),
    resume: () => dev().resume(),
  };
}

/** An admin token written into the server's local D1 by `tianbao token create --local`, as an operator makes the first one. */
export async function adminTokenFromScript(dev: WranglerDev, name: string): Promise<{ id: string; token: string }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(repoRoot, "cli", "bin", "tianbao.mjs"), "token", "create", "--role", "admin", "--name", name, "--local", "--persist-to", dev.persistTo, "--json"],
    { cwd: repoRoot },
  );
  return JSON.parse(stdout) as { id: string; token: string };
}
