// npm start: the local stack. Migrates the local D1, seeds period 2019 (its deadline a month from
// today, so the first screen tells a true story), gives demo tokens (one clerk per prefecture and one for 济南市历下区, one
// province reviewer, one admin: kept from the last run while they are valid, else fresh, and said),
// prints them, builds the site into dist/site/ (rebuilt as addin/ changes), then runs wrangler dev
// (http://127.0.0.1:8787: the API, the web page and the pane, as deployed) and its HTTPS door
// (https://localhost:3000, for Excel) in the foreground until Ctrl-C.
//   --port N / TIANBAO_PORT            the Worker's port (default 8787)
//   --addin-port N / TIANBAO_ADDIN_PORT the HTTPS door's port (default 3000; its manifest.xml follows)
//   --demo                             submits the 137 county rosters, then the 16 demo workbooks, once the Worker is up
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ApiClient } from "../shared/api/api-client.ts";
import { demoFormSet, demoReports } from "./demo/demo-reports.ts";
import { compareWithRosters, submitDemoRosters } from "./demo/demo-roster-submit.ts";
import { submitReport } from "../cli/submit-report.ts";
import { sha256Hex } from "../shared/values/sha256-hex.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import { sqlString } from "../cli/local-d1/sql-literal.ts";
import { runInForeground } from "./lib/foreground-children.ts";
import { siteDir, watchSite } from "./lib/site-build.ts";
import type { ForegroundChild } from "./lib/foreground-children.ts";
import { auditSql } from "../cli/local-d1/audit-sql.ts";
import { createTokenSql, revokeTokensSql } from "../cli/local-d1/token-sql.ts";
import type { CreatedToken } from "../cli/local-d1/token-sql.ts";
import type { CreateTokenBody } from "../shared/api/api-client.ts";
import { repoRoot } from "./lib/repo-root.ts";
import { ensureDevVars } from "./lib/dev-vars.ts";
import { applyMigrations, executeSql, spawnWrangler } from "../cli/local-d1/wrangler.ts";
import { startSkips, startSkipsLine } from "./lib/start-skips.ts";

const { values: flags } = parseArgs({ options: { port: { type: "string" }, "addin-port": { type: "string" }, demo: { type: "boolean", default: false } } });
const workerPort = Number(flags.port ?? process.env.TIANBAO_PORT ?? 8787);
const addinPort = Number(flags["addin-port"] ?? process.env.TIANBAO_ADDIN_PORT ?? 3000);
for (const [name, port] of [
  ["--port", workerPort],
  ["--addin-port", addinPort],
] as const) {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}: not a port number: ${port}`);
}
const apiUrl = `http://127.0.0.1:${workerPort}`;
const httpsOrigin = `https://localhost:${addinPort}`;

const local = {};
/** A month from today (Beijing): the demo period is open and on time, as a clerk's first day would be. */
const demoDeadline = new Date(Date.now() + 8 * 3_600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
const demoPeriod = { code: "2019", editionId: demoFormSet.edition, deadline: demoDeadline };
/** Demo tokens are named with this prefix, so a rerun can revoke the previous ones. */
const demoTokenPrefix = "演示·";
/** The county whose clerk gets a demo token too: 济南市历下区. */
const demoCounty = reportingTree.root.children[0]?.children[0] as { code: string; name: string };
/** The tokens, for the add-in demo; .wrangler/ is git-ignored. */
const demoTokensFile = join(repoRoot, ".wrangler", "demo-tokens.json");

async function seedPeriod(): Promise<void> {
  const at = new Date().toISOString();
  const { code, editionId, deadline } = demoPeriod;
  // Idempotent: insert (and audit) only when the period is not there yet.
  await executeSql(
    local,
    [
      `INSERT OR IGNORE INTO periods (code, edition_id, status, deadline, opened_at) VALUES (${sqlString(code)}, ${sqlString(editionId)}, 'open', ${sqlString(deadline)}, ${sqlString(at)})`,
      auditSql(
        { at, tokenId: null, action: "period.open", target: `period:${code}`, detail: { editionId, deadline, via: "scripts/start.ts" } },
        { tail: "WHERE changes() > 0" },
      ),
    ].join(";\n"),
  );
}

/** The tokens the last run wrote, when every one of them is still in the local D1 and not revoked. */
async function keptDemoTokens(): Promise<CreatedToken[] | undefined> {
  if (!existsSync(demoTokensFile)) return undefined;
  let saved: CreatedToken[];
  try {
    saved = JSON.parse(readFileSync(demoTokensFile, "utf8")) as CreatedToken[];
  } catch {
    return undefined;
  }
  if (!Array.isArray(saved) || saved.length !== reportingTree.root.children.length + 3) return undefined;
  const [valid = []] = await executeSql<{ id: string; token_sha256: string }>(
    local,
    `SELECT id, token_sha256 FROM tokens WHERE revoked_at IS NULL AND id IN (${saved.map((token) => sqlString(token.id)).join(", ")})`,
  );
  const hashById = new Map(valid.map((row) => [row.id, row.token_sha256]));
  for (const token of saved) if (hashById.get(token.id) !== (await sha256Hex(token.token))) return undefined;
  return saved;
}

async function issueDemoTokens(): Promise<CreatedToken[]> {
  const requests: CreateTokenBody[] = [
    ...reportingTree.root.children.map((prefecture) => ({
      role: "clerk" as const,
      unitCode: prefecture.code,
      name: `${demoTokenPrefix}${prefecture.name}填报员`,
    })),
    // One county's clerk, to try the county → prefecture → province path (济南's clerk reviews it on 各县审核).
    { role: "clerk" as const, unitCode: demoCounty.code, name: `${demoTokenPrefix}${reportingTree.root.children[0]?.name ?? ""}${demoCounty.name}填报员` },
    { role: "province", name: `${demoTokenPrefix}省教育厅审核员` },
    { role: "admin", name: `${demoTokenPrefix}管理员` },
  ];
  const created = await Promise.all(requests.map((request) => createTokenSql(request, "scripts/start.ts")));
  const revokePrevious = revokeTokensSql(`name LIKE ${sqlString(`${demoTokenPrefix}%`)}`, "scripts/start.ts");
  await executeSql(local, [revokePrevious, ...created.map((entry) => entry.sql)].join(";\n"));
  return created.map((entry) => entry.token);
}

function printTokens(tokens: CreatedToken[], kept: boolean): void {
  console.log(
    kept
      ? "\nDemo tokens (the same as last time: panes connected before stay connected):"
      : "\n*** NEW demo tokens: earlier ones are revoked; a pane connected before must connect again with one of these ***",
  );
  console.table(tokens.map(({ role, unitCode, name, token }) => ({ role, unit: unitCode ?? "", name, token })));
  mkdirSync(join(repoRoot, ".wrangler"), { recursive: true });
  writeFileSync(demoTokensFile, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  console.log(`Also written to ${demoTokensFile} (git-ignored).\n`);
}

ensureDevVars();
console.log("Migrating the local D1 …");
await applyMigrations(local);
await seedPeriod();
const kept = await keptDemoTokens();
const tokens = kept ?? (await issueDemoTokens());
printTokens(tokens, kept !== undefined);

// Found before anything starts: offline, wrangler dev does not try to fetch Request.cf (two stack traces); without sudo, nothing tries to trust the CA.
const skips = await startSkips();
const skipped = startSkipsLine(skips);
if (skipped) console.log(skipped);

console.log("Building the site (the web page and the task pane) into dist/site/ …");
const site = await watchSite({ outDir: siteDir, origin: httpsOrigin, deploy: false });
const children: ForegroundChild[] = [
  {
    label: "worker",
    process: spawnWrangler(["dev", "--ip", "127.0.0.1", "--port", String(workerPort), "--show-interactive-dev-session=false"], {
      detached: true,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", ...(skips.includes("request-cf") && { CLOUDFLARE_CF_FETCH_ENABLED: "false" }) },
    }),
  },
  {
    label: "https",
    process: spawn(process.execPath, [join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs"), join(repoRoot, "scripts", "serve-https.ts")], {
      cwd: repoRoot,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        TIANBAO_WORKER_URL: apiUrl,
        TIANBAO_HTTPS_PORT: String(addinPort),
        ...(skips.includes("trust-ca") && { TIANBAO_TRUST_CA: "skip" }),
      },
    }),
  },
];
console.log(
  [
    `One Worker serves everything, at ${apiUrl} and (for Excel, over HTTPS) at ${httpsOrigin}:`,
    `  the web page (WPS, LibreOffice, any browser)  ${apiUrl}/`,
    `  the task pane in Excel                         sideload ${httpsOrigin}/manifest.xml (docs/excel.md)`,
    `  the API                                        ${apiUrl}/api/v1 (OpenAPI: /api/v1/openapi.json)`,
    "Ctrl-C stops.",
  ].join("\n"),
);
if (flags.demo) void submitDemoReports();
process.exitCode = await runInForeground(children);
await site.stop();

/**
 * --demo: once the Worker answers, each county's clerk submits its roster, then each prefecture's clerk
 * its demo report (an identical one again is no new revision); the pull's 教扶01 is checked against the rosters.
 */
async function submitDemoReports(): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${apiUrl}/api/v1/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (attempt > 120) return console.error("--demo: the Worker did not come up; no demo reports submitted");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const tokenOf = (role: string) => tokens.find((token) => token.role === role)?.token ?? "";
  const plan = await submitDemoRosters(apiUrl, { admin: tokenOf("admin"), province: tokenOf("province") }, demoPeriod.code, console.log);
  const clerkToken = new Map(tokens.filter((token) => token.role === "clerk").map((token) => [token.unitCode, token.token]));
  for (const report of demoReports(demoFormSet, reportingTree)) {
    const receipt = (await submitReport(new ApiClient(apiUrl, clerkToken.get(report.unitCode) as string), report)).receipt;
    console.log(`--demo: ${reportingTree.unit(report.unitCode)?.name} ${report.period} revision ${receipt.revision} (${receipt.status})`);
  }
  console.log("--demo: the 16 demo reports are in; the province view shows them.");
  console.log(await compareWithRosters(apiUrl, tokenOf("province"), demoPeriod.code, plan));
}
