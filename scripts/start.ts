// npm start: the local demo. Migrates the local D1, seeds period 2019, issues fresh demo
// tokens (one clerk per prefecture, one province reviewer, one admin), prints them, then runs
// wrangler dev on http://127.0.0.1:8787 in the foreground until Ctrl-C.
// The add-in's HTTPS server (https://localhost:3000) runs beside it.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { regionTable } from "../shared/regions/region-table.ts";
import { sqlString } from "./lib/sql-literal.ts";
import { runInForeground } from "./lib/foreground-children.ts";
import type { ForegroundChild } from "./lib/foreground-children.ts";
import { createTokenSql } from "./lib/token-sql.ts";
import type { CreatedToken, TokenRequest } from "./lib/token-sql.ts";
import { applyMigrations, executeSql, repoRoot, spawnWrangler } from "./lib/wrangler.ts";

const local = {};
const demoPeriod = { code: "2019", editionId: "323/2019", deadline: "2020-01-31" };
/** Demo tokens are named with this prefix, so a rerun can revoke the previous ones. */
const demoTokenPrefix = "演示·";
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
      `INSERT INTO audit_log (at, token_id, action, target, detail) SELECT ${sqlString(at)}, NULL, 'period.open', ${sqlString(`period:${code}`)}, ${sqlString(JSON.stringify({ editionId, deadline, via: "scripts/start.ts" }))} WHERE changes() > 0`,
    ].join(";\n"),
  );
}

async function issueDemoTokens(): Promise<CreatedToken[]> {
  const requests: TokenRequest[] = [
    ...regionTable.prefectures.map((prefecture) => ({
      role: "clerk" as const,
      prefectureCode: prefecture.code,
      name: `${demoTokenPrefix}${prefecture.name}填报员`,
    })),
    { role: "province", prefectureCode: null, name: `${demoTokenPrefix}省教育厅审核员` },
    { role: "admin", prefectureCode: null, name: `${demoTokenPrefix}管理员` },
  ];
  const created = await Promise.all(requests.map((request) => createTokenSql(request, "scripts/start.ts")));
  const at = new Date().toISOString();
  const revokePrevious = [
    `INSERT INTO audit_log (at, token_id, action, target, detail) SELECT ${sqlString(at)}, NULL, 'token.revoke', 'token:' || id, '{"via":"scripts/start.ts"}' FROM tokens WHERE name LIKE ${sqlString(`${demoTokenPrefix}%`)} AND revoked_at IS NULL`,
    `UPDATE tokens SET revoked_at = ${sqlString(at)} WHERE name LIKE ${sqlString(`${demoTokenPrefix}%`)} AND revoked_at IS NULL`,
  ];
  await executeSql(local, [...revokePrevious, ...created.map((entry) => entry.sql)].join(";\n"));
  return created.map((entry) => entry.token);
}

function printTokens(tokens: CreatedToken[]): void {
  console.log("\nDemo tokens (fresh on every npm start; earlier ones are revoked):");
  console.table(tokens.map(({ role, prefectureCode, name, token }) => ({ role, prefecture: prefectureCode ?? "", name, token })));
  mkdirSync(join(repoRoot, ".wrangler"), { recursive: true });
  writeFileSync(demoTokensFile, JSON.stringify(tokens, null, 2) + "\n", { mode: 0o600 });
  console.log(`Also written to ${demoTokensFile} (git-ignored).\n`);
}

console.log("Migrating the local D1 …");
await applyMigrations(local);
await seedPeriod();
printTokens(await issueDemoTokens());

const children: ForegroundChild[] = [
  {
    label: "worker",
    process: spawnWrangler(["dev", "--ip", "127.0.0.1", "--port", "8787", "--show-interactive-dev-session=false"], {
      detached: true,
    }),
  },
  {
    label: "add-in",
    process: spawn(process.execPath, [join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs"), join(repoRoot, "scripts", "serve-addin.ts")], {
      cwd: repoRoot,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    }),
  },
];
console.log("API on http://127.0.0.1:8787/api/v1 (OpenAPI: /api/v1/openapi.json). Ctrl-C stops.");
process.exitCode = await runInForeground(children);
