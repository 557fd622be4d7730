import { spawn } from "node:child_process";
import type { ChildProcess, SpawnOptions } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { reconcileSql, renamesToReconcile } from "./renamed-migrations.ts";

// Runs the project's own wrangler with the current Node (the pinned Node 22), never prompting: how
// `tianbao token --local` reaches the local D1 of a development checkout, and how the scripts run it.

/** The checkout's root, where wrangler.toml is: wrangler runs there. */
const checkoutRoot = fileURLToPath(new URL("../..", import.meta.url));
const wranglerBin = fileURLToPath(new URL("../../node_modules/wrangler/bin/wrangler.js", import.meta.url));

/** Which D1 to talk to: the local one (optionally in another state dir) or the deployed one. */
export interface D1Target {
  remote?: boolean;
  /** A local state directory instead of .wrangler/state (tests use a fresh one). */
  persistTo?: string;
}

export function d1TargetArgs(target: D1Target): string[] {
  if (target.remote) return ["--remote"];
  return ["--local", ...(target.persistTo ? ["--persist-to", target.persistTo] : [])];
}

const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: "false" };

/** Starts wrangler; stdin is closed, so wrangler never waits for an answer. */
export function spawnWrangler(args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [wranglerBin, ...args], {
    cwd: checkoutRoot,
    env: quietEnv,
    stdio: ["ignore", "pipe", "pipe"],
    ...options,
  });
}

/** Runs wrangler to completion; resolves with stdout, rejects with the output on failure. */
export function runWrangler(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnWrangler(args);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`wrangler ${args.join(" ")} exited with ${code}\n${stdout}\n${stderr}`));
    });
  });
}

/** A local target whose state dir holds no D1 yet (a test's fresh one): nothing to reconcile, no wrangler call to ask. */
function hasNoLocalD1(target: D1Target): boolean {
  if (target.remote) return false;
  return !existsSync(join(resolve(checkoutRoot, target.persistTo ?? ".wrangler/state"), "v3", "d1"));
}

/**
 * `wrangler d1 migrations apply`, after reconciling migrations a database applied under a name they
 * no longer have (./renamed-migrations.ts). Every path that migrates goes through here: npm run
 * db:migrate, npm start, deploy, the tests' wrangler dev.
 */
export async function applyMigrations(target: D1Target): Promise<string> {
  const reconciled: string[] = [];
  const [migrationsTable] = hasNoLocalD1(target)
    ? [[]]
    : await executeSql(target, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'");
  if (migrationsTable?.length) {
    const [applied] = await executeSql<{ name: string }>(target, "SELECT name FROM d1_migrations");
    for (const rename of renamesToReconcile((applied ?? []).map((row) => row.name))) {
      // One `d1 execute` is one batch, one transaction: the delta and its record land together.
      await runWrangler(["d1", "execute", "DB", ...d1TargetArgs(target), "--command", reconcileSql(rename)]);
      reconciled.push(`Reconciled ${rename.landedAs} (applied under its old name) with ${rename.now}: applied what it adds, recorded it as applied.\n`);
    }
  }
  return reconciled.join("") + (await runWrangler(["d1", "migrations", "apply", "DB", ...d1TargetArgs(target)]));
}

/** Executes SQL (statements separated by `;`) and returns the rows of each statement. */
export async function executeSql<Row = Record<string, unknown>>(target: D1Target, sql: string): Promise<Row[][]> {
  const stdout = await runWrangler(["d1", "execute", "DB", ...d1TargetArgs(target), "--json", "--command", sql]);
  const results = JSON.parse(stdout) as { results: Row[] }[];
  return results.map((result) => result.results);
}
