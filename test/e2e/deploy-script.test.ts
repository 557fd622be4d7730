import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

// npm run deploy cannot reach Cloudflare here: without credentials it must say what to do and
// stop before touching anything; --dry-run must bundle the Worker.

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const tsxCli = fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url));
const { CLOUDFLARE_API_TOKEN: _token, ...envWithoutToken } = process.env;
const deploy = (args: string[]) =>
  promisify(execFile)(process.execPath, [tsxCli, "scripts/deploy.ts", ...args], {
    cwd: repoRoot,
    env: { ...envWithoutToken, WRANGLER_SEND_METRICS: "false" },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );

let outdir: string | undefined;
afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

it("without an origin or without CLOUDFLARE_API_TOKEN it prints the steps and exits 2", async () => {
  const noOrigin = await deploy([]);
  expect(noOrigin.code).toBe(2);
  expect(noOrigin.output).toContain("--origin is required");
  const noToken = await deploy(["--origin", "https://tianbao.example.cn"]);
  expect(noToken.code).toBe(2);
  expect(noToken.output).toContain("CLOUDFLARE_API_TOKEN is not set");
  for (const step of [
    "wrangler d1 create tianbao",
    "wrangler r2 bucket create tianbao-attachments",
    "wrangler r2 bucket create tianbao-workbooks",
    "wrangler r2 bucket lifecycle add tianbao-workbooks expire-kept-workbooks --expire-days 30",
    "wrangler queues create tianbao-consolidation",
    "wrangler d1 migrations apply DB --remote",
    "npm run build -- --origin https://tianbao.example.cn",
    "npx wrangler deploy ",
    "https://tianbao.example.cn/manifest.xml",
  ]) {
    expect(noToken.output).toContain(step);
  }
});

it("--dry-run bundles the Worker with its site (the page, the pane, the manifest) without an account", async () => {
  outdir = await mkdtemp(join(tmpdir(), "tianbao-deploy-"));
  const dryRun = await deploy(["--dry-run", "--origin", "https://tianbao.example.cn", "--outdir", outdir]);
  expect(dryRun.code).toBe(0);
  expect(dryRun.output).toContain("nothing was deployed");
  // The bucket of the stamped copies: created by a real deploy, bound as ATTACHMENTS in the bundle's bindings.
  expect(dryRun.output).toContain("would create the R2 bucket for the stamped copies: wrangler r2 bucket create tianbao-attachments");
  expect(dryRun.output).toMatch(/env\.ATTACHMENTS \(tianbao-attachments\)\s+R2 Bucket/);
  // The bucket of rendered workbooks, disposable: created with a rule that expires them.
  expect(dryRun.output).toContain(
    "would create the R2 bucket for rendered workbooks: wrangler r2 bucket create tianbao-workbooks, expiring objects after 30 days",
  );
  expect(dryRun.output).toMatch(/env\.WORKBOOKS \(tianbao-workbooks\)\s+R2 Bucket/);
  // The queue consolidation is folded through: created by a real deploy, bound as CONSOLIDATION (producer; the Worker is its consumer).
  expect(dryRun.output).toContain("would create the queue of consolidation: wrangler queues create tianbao-consolidation");
  expect(dryRun.output).toMatch(/env\.CONSOLIDATION \(tianbao-consolidation\)\s+Queue/);
  expect(existsSync(join(outdir, "worker", "index.js"))).toBe(true);
  const files = Number(/Read (\d+) files from the assets directory/.exec(dryRun.output)?.[1]);
  for (const file of ["index.html", "page.js", "taskpane.html", "taskpane.js", "manifest.xml"]) expect(existsSync(join(outdir, "site", file))).toBe(true);
  // Every file of the site is uploaded (wrangler's count also takes in an entry of its own).
  expect(files).toBeGreaterThanOrEqual(
    (await readdir(join(outdir, "site"), { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length,
  );
  expect(await readFile(join(outdir, "site", "manifest.xml"), "utf8")).toContain('<SourceLocation DefaultValue="https://tianbao.example.cn/taskpane"/>');
});
