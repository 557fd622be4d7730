// API tokens from the command line, against the local D1 (or --remote):
//   npm run token -- create --role clerk --prefecture 370100 --name 张三 --local [--persist-to dir] [--json]
//   npm run token -- list [--local|--remote]
//   npm run token -- revoke <id> [--local|--remote]
// Only the SHA-256 of a token is stored; `create` prints the token once.
import { parseArgs } from "node:util";
import { regionTable } from "../shared/regions/region-table.ts";
import { roles } from "../worker/auth/caller.ts";
import type { Role } from "../worker/auth/caller.ts";
import { sqlString } from "./lib/sql-literal.ts";
import { createTokenSql } from "./lib/token-sql.ts";
import { executeSql } from "./lib/wrangler.ts";
import type { D1Target } from "./lib/wrangler.ts";

const usage = `usage: npm run token -- create --role clerk|province|admin [--prefecture 370100] --name 张三 [--local | --remote] [--persist-to dir] [--json]
       npm run token -- list [--local | --remote] [--persist-to dir]
       npm run token -- revoke <token id> [--local | --remote] [--persist-to dir]`;

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    role: { type: "string" },
    prefecture: { type: "string" },
    name: { type: "string" },
    local: { type: "boolean" },
    remote: { type: "boolean", default: false },
    "persist-to": { type: "string" },
    json: { type: "boolean", default: false },
  },
});
if (values.local && values.remote) fail("choose --local or --remote, not both");
const target: D1Target = { remote: values.remote, persistTo: values["persist-to"] };
const [command, ...rest] = positionals;

async function create(): Promise<void> {
  const role = values.role as Role | undefined;
  if (!role || !roles.includes(role)) fail(`--role must be one of ${roles.join(", ")}`);
  const name = values.name?.trim();
  if (!name) fail("--name is required");
  const prefectureCode = values.prefecture ?? null;
  if ((role === "clerk") !== (prefectureCode !== null)) fail("a clerk needs --prefecture; province and admin tokens take none");
  if (prefectureCode && !regionTable.prefecture(prefectureCode)) fail(`${prefectureCode} is not a prefecture of Shandong`);
  const { token, sql } = await createTokenSql({ role, prefectureCode, name }, "scripts/token.ts");
  await executeSql(target, sql);
  if (values.json) {
    console.log(JSON.stringify(token));
  } else {
    console.log(`Created ${role} token "${name}"${prefectureCode ? ` for ${prefectureCode}` : ""} (id ${token.id}).`);
    console.log("The token is shown only now; keep it safe:\n");
    console.log(`  ${token.token}\n`);
  }
}

async function list(): Promise<void> {
  const [rows] = await executeSql(target, "SELECT id, role, prefecture_code, name, created_at, revoked_at FROM tokens ORDER BY created_at");
  console.table(rows);
}

async function revoke(): Promise<void> {
  const id = rest[0] ?? fail("revoke needs a token id");
  const at = new Date().toISOString();
  const [, , rows] = await executeSql(
    target,
    [
      `UPDATE tokens SET revoked_at = ${sqlString(at)} WHERE id = ${sqlString(id)} AND revoked_at IS NULL`,
      `INSERT INTO audit_log (at, token_id, action, target, detail) SELECT ${sqlString(at)}, NULL, 'token.revoke', ${sqlString(`token:${id}`)}, '{"via":"scripts/token.ts"}' WHERE changes() > 0`,
      `SELECT id, name, revoked_at FROM tokens WHERE id = ${sqlString(id)}`,
    ].join(";\n"),
  );
  if (!rows?.length) fail(`no token ${id}`);
  console.table(rows);
}

switch (command) {
  case "create":
    await create();
    break;
  case "list":
    await list();
    break;
  case "revoke":
    await revoke();
    break;
  default:
    fail(command ? `unknown command ${command}` : "missing command");
}
