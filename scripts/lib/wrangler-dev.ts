import { generatedRosterIdKey } from "./dev-vars.ts";
import type { ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalToken } from "../../cli/commands/token.ts";
import { applyMigrations, spawnWrangler } from "../../cli/local-d1/wrangler.ts";

// Starts `wrangler dev` for a test: a free port, a fresh local D1 state dir (migrated first),
// ready once /api/v1/health answers. `stop()` kills its process group and removes the state;
// `pause()` and `resume()` take the server down and up again in between (tests of a server outage).

export interface WranglerDev {
  baseUrl: string;
  /** The local state dir; pass it to scripts as --persist-to. */
  persistTo: string;
  /** The id of wrangler's process, the leader of its process group (workerd included), while it runs. */
  pid: () => number | undefined;
  output: () => string;
  stop: () => Promise<void>;
  /** Stops the server and keeps its state; `resume()` starts it again on the same port and state. */
  pause: () => Promise<void>;
  resume: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface WranglerDevOptions {
  readyTimeoutMs?: number;
  /** Another Worker entry module than wrangler.toml's `main` (the bench adds a route that way). */
  entry?: string;
  /** `--var` overrides, e.g. ALLOWED_ORIGIN for a test's add-in origin. */
  vars?: Record<string, string>;
  /** The built site to serve (scripts/lib/site-build.ts); without it an empty one: the API alone. */
  assets?: string;
  /** An existing local state dir, served as it is: not migrated, and kept by `stop()` (the upgrade and restore tests). */
  state?: string;
}

export async function startWranglerDev({ readyTimeoutMs = 90_000, entry, vars = {}, assets, state }: WranglerDevOptions = {}): Promise<WranglerDev> {
  const persistTo = state ?? (await mkdtemp(join(tmpdir(), "tianbao-d1-")));
  if (!state) await applyMigrations({ persistTo });
  const assetsDir = assets ?? join(persistTo, "no-site");
  await mkdir(assetsDir, { recursive: true });

  const [port, inspectorPort] = [await freePort(), await freePort()];
  const args = [
    "dev",
    ...(entry ? [entry] : []),
    // A roster key of its own (no .dev.vars needed), unless the test gives one.
    ...Object.entries({ ROSTER_ID_KEY: generatedRosterIdKey(), ...vars }).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    ...[
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      persistTo,
      "--assets",
      assetsDir,
      "--show-interactive-dev-session=false",
    ],
  ];
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  let child: ChildProcess;
  let exited: Promise<void>;

  const spawnChild = () => {
    child = spawnWrangler(args, { detached: true });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  };

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
      const killer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // Already gone.
        }
      }, 5_000);
      await exited;
      clearTimeout(killer);
    }
  };

  const stop = async () => {
    await kill();
    if (!state) await rm(persistTo, { recursive: true, force: true });
  };

  const waitUntilReady = async () => {
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (child.exitCode !== null) {
        await stop();
        throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output}`);
      }
      try {
        const response = await fetch(`${baseUrl}/api/v1/health`);
        if (response.ok) break;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`wrangler dev not ready after ${readyTimeoutMs} ms:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  spawnChild();
  await waitUntilReady();
  return {
    baseUrl,
    persistTo,
    pid: () => child.pid,
    output: () => output,
    stop,
    pause: kill,
    resume: async () => {
      spawnChild();
      await waitUntilReady();
    },
  };
}

/** The first admin token of a fresh `wrangler dev`, written into its local D1 as an operator makes it. */
export async function firstAdminToken(dev: WranglerDev, name: string): Promise<string> {
  return (await createLocalToken({ role: "admin", name }, { persistTo: dev.persistTo })).token;
}
