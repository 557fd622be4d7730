import { beijingTime } from "../../shared/values/beijing-time.ts";
import { roleSchema } from "../../shared/units/roles.ts";
import type { Role } from "../../shared/units/roles.ts";
import type { CreateTokenBody } from "../../shared/api/api-client.ts";
import { requireReportingUnit, unitNameOf } from "../../shared/units/reporting-tree.ts";
import { createTokenSql, LIST_TOKENS_SQL, revokeTokensSql } from "../local-d1/token-sql.ts";
import { sqlString } from "../local-d1/sql-literal.ts";
import { executeSql } from "../local-d1/wrangler.ts";
import type { D1Target } from "../local-d1/wrangler.ts";
import { CliError, usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, serverOptions, unitOptionOf, unitOptions, unitUsageError } from "../command-arguments.ts";

const usage = `tianbao token create --role clerk|province|admin [--unit 370100|370102] [--name 张三] [--expires-at 2027-06-30] (--local [--persist-to DIR] | --remote | --server URL --token ADMIN_TOKEN) [--json]
       tianbao token list (--local [--persist-to DIR] | --remote)
       tianbao token revoke <token id> (--local [--persist-to DIR] | --remote | --server URL --token ADMIN_TOKEN)
  --unit: a clerk's reporting unit, a prefecture (370100) or a county (370102); --prefecture is its older name.
  --local / --remote write the D1 of this checkout directly (wrangler d1 execute): how the first admin token comes to be;
  they check the token as POST /tokens does (shared/tokens/token-row.ts).
  --expires-at: a date (the token works through that day, Beijing time) or a timestamp; without it a clerk's token lasts 400 days, others never expire.`;

/** The printed part of a new token: who it is for, and the secret, shown this once. */
export interface NewToken {
  id: string;
  role: Role;
  unitCode: string | null;
  name: string;
  expiresAt: string | null;
  token: string;
}

/** --expires-at as a timestamp: a date means the end of that day in Beijing time; it must lie ahead. */
export function expiryOf(text: string, now = new Date()): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const time = date ? Date.parse(`${text}T00:00:00+08:00`) + 86_400_000 : /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time)) throw usageError(`--expires-at 应为日期或时间:${text}`, `--expires-at takes a date (2027-06-30) or a timestamp: ${text}`);
  if (time <= now.getTime()) throw usageError(`--expires-at 已过:${text}`, `--expires-at is not in the future: ${text}`);
  return new Date(time).toISOString();
}

/** A token written straight into a D1 (wrangler d1 execute): how the first admin token comes to be; refused as POST /tokens refuses. */
export async function createLocalToken(asked: CreateTokenBody, target: D1Target = {}): Promise<NewToken> {
  const { token, sql } = await createTokenSql(asked, "tianbao token create");
  await executeSql(target, sql);
  return token;
}

/** Who the token is for when --name is not given: 济南市填报员, 济南市历下区填报员. */
function defaultName(role: Role, unitCode: string | undefined): string {
  if (role === "clerk") return `${unitNameOf(unitCode ?? "")}填报员`;
  return role === "province" ? "省级审核员" : "管理员";
}

export const tokenCommand: Command = {
  usage,
  summary: "创建、列出或吊销访问令牌 / Creates, lists or revokes access tokens",
  async run(args) {
    const { values, positionals } = parseCommandArguments(
      args,
      {
        ...serverOptions,
        role: { type: "string" },
        ...unitOptions,
        name: { type: "string" },
        "expires-at": { type: "string" },
        local: { type: "boolean", default: false },
        remote: { type: "boolean", default: false },
        "persist-to": { type: "string" },
        json: { type: "boolean", default: false },
      },
      usage,
    );
    if (values.local && values.remote) throw usageError("--local 与 --remote 只能选一个", `choose --local or --remote, not both\nusage: ${usage}`);
    const target: D1Target | undefined = values.local || values.remote ? { remote: values.remote, persistTo: values["persist-to"] } : undefined;
    const [action, tokenId, ...extra] = positionals;
    if (action === "list" && target && !tokenId) {
      console.table((await executeSql(target, LIST_TOKENS_SQL))[0]);
      return 0;
    }
    if (action === "revoke" && target && tokenId && extra.length === 0) {
      const [, , rows] = await executeSql(
        target,
        `${revokeTokensSql(`id = ${sqlString(tokenId)}`, "tianbao token revoke")};\nSELECT id, name, revoked_at FROM tokens WHERE id = ${sqlString(tokenId)}`,
      );
      if (!rows?.length) throw new CliError(`没有令牌 ${tokenId}`, `no token ${tokenId}`, 1);
      console.table(rows);
      return 0;
    }
    if (action === "revoke" && !target && tokenId && extra.length === 0) {
      const revoked = await apiClientOf(values).revokeToken(tokenId);
      console.log(
        `已吊销 / revoked: ${revoked.role} “${revoked.name}” (id ${revoked.id}) at ${revoked.revokedAt === null ? "—" : beijingTime(revoked.revokedAt)}`,
      );
      return 0;
    }
    if (action !== "create" || positionals.length > 1) throw usageError("用法有误", `wrong usage\nusage: ${usage}`);
    const role = roleSchema.safeParse(values.role);
    if (!role.success) throw usageError("--role 应为 clerk、province 或 admin", `--role must be clerk, province or admin\nusage: ${usage}`);
    const unitCode = unitOptionOf(values, usage);
    if ((role.data === "clerk") !== (unitCode !== undefined))
      throw usageError(
        "填报员令牌须有 --unit(地市或县),其他令牌不能有",
        "a clerk token needs --unit (a prefecture or a county); province and admin tokens take none",
      );
    if (unitCode !== undefined) requireReportingUnit(unitCode, unitUsageError);
    const expiresAt = values["expires-at"] === undefined ? undefined : expiryOf(values["expires-at"]);
    // The body of POST /tokens, sent to the server or, with --local/--remote, built into a row by the same builder.
    const asked: CreateTokenBody = {
      role: role.data,
      ...(unitCode !== undefined && { unitCode: unitCode }),
      name: values.name?.trim() || defaultName(role.data, unitCode),
      ...(expiresAt && { expiresAt }),
    };
    const created: NewToken = target ? await createLocalToken(asked, target) : await apiClientOf(values).createToken(asked);
    const { id, role: createdRole, unitCode: createdFor, name, expiresAt: expires, token } = created;
    if (values.json) {
      console.log(JSON.stringify({ id, role: createdRole, unitCode: createdFor, name, expiresAt: expires, token }));
    } else {
      console.log(`已创建 / created: ${createdRole} “${name}”${createdFor ? ` ${createdFor}` : ""} (id ${id})`);
      console.log(expires ? `有效期至 / expires: ${beijingTime(expires)} (北京时间 / Beijing time)` : "长期有效 / never expires");
      console.log("令牌只显示这一次,请妥善保存 / the token is shown only now; keep it safe:");
      console.log(token);
    }
    return 0;
  },
};
