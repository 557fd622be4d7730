// `npx tianbao` as a clerk types it, with the machine's own Node and npm (whatever version runs npm):
// the command runs on the Node the project pins (node_modules/.bin/node, first on npx's PATH), so npm
// has no engine to warn about (issue 26: EBADENGINE printed twice).
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("npx tianbao", () => {
  it("prints its help and no npm warning, with the machine's Node on PATH instead of the pinned one", { timeout: 60_000 }, async () => {
    // vitest runs on the pinned Node: take node_modules/.bin off PATH, as in the clerk's shell.
    const path = (process.env.PATH ?? "")
      .split(delimiter)
      .filter((entry) => !entry.includes("node_modules"))
      .join(delimiter);
    // A fresh npm cache: npm checks engines once per project and cache, and a clerk's first run is what counts.
    const cache = await mkdtemp(join(tmpdir(), "tianbao-npm-cache-"));
    const env = { ...process.env, PATH: path, npm_config_cache: cache };
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile("npx", ["--no-install", "tianbao", "--help"], { cwd: root, env }, (error, out, err) =>
        error ? reject(Object.assign(error, { stderr: err })) : resolve({ stdout: out, stderr: err }),
      ),
    );
    await rm(cache, { recursive: true, force: true });
    expect(stdout).toContain("tianbao template");
    expect(stderr).not.toContain("EBADENGINE");
    expect(stderr).not.toMatch(/npm warn/i);
  });
});
