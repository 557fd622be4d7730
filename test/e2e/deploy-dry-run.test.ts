import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { runWrangler } from "../../cli/local-d1/wrangler.ts";

let outdir: string | undefined;
afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

it("wrangler deploy --dry-run bundles the Worker", async () => {
  outdir = await mkdtemp(join(tmpdir(), "tianbao-bundle-"));
  const output = await runWrangler(["deploy", "--dry-run", "--outdir", outdir]);
  expect(output).toContain("--dry-run: exiting now.");
  expect(await readdir(outdir)).toContain("index.js");
  expect(existsSync(join(outdir, "index.js"))).toBe(true);
});
