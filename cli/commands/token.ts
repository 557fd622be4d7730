import { regionTable } from "../../shared/regions/region-table.ts";
import { roleSchema } from "../../shared/api/common.ts";
import { createTokenSql } from "../../scripts/lib/token-sql.ts";
import type { TokenRequest } from "../../scripts/lib/token-sql.ts";
import { executeSql } from "../../scripts/lib/wrangler.ts";
import { usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, requirePrefecture, serverOptions } from "../command-arguments.ts";

const usage =
  "tianbao token create --role clerk|province|admin [--prefecture 370100] [--name 张三] (--local [--persist-to DIR] | --server URL --token ADMIN_TOKEN) [--json]";

/** The printed part of a new token: who it is for, and the secret, shown this once. */
export interface NewToken {
  id: string;
  role: TokenRequest["role"];
  prefectureCode: string | null;
  name: string;
  token: string;
}

/** A token written straight into the local D1 (wrangler d1 execute --local), as `npm run token` does: how the first admin token comes to be. */
export async function createLocalToken(request: TokenRequest, persistTo?: string): Promise<NewToken> {
  const { token, sql } = await createTokenSql(request, "tianbao token create --local");
  await executeSql({ persistTo }, sql);
  return token;
}

/** Who the token is for when --name is not given. */
function defaultName(role: TokenRequest["role"], prefectureCode: string | null): string {
  if (role === "clerk") return `${regionTable.prefecture(prefectureCode ?? "")?.name ?? prefectureCode}填报员`;
  return role === "province" ? "省级审核员" : "管理员";
}

export const tokenCommand: Command = {
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArguments(
      args,
      {
        ...serverOptions,
        role: { type: "string" },
        prefecture: { type: "string" },
        name: { type: "string" },
        local: { type: "boolean", default: false },
        "persist-to": { type: "string" },
        json: { type: "boolean", default: false },
      },
      usage,
    );
    if (positionals[0] !== "create" || positionals.length > 1) throw usageError("只支持 token create", `only token create is supported\nusage: ${usage}`);
    const role = roleSchema.safeParse(values.role);
    if (!role.success) throw usageError("--role 应为 clerk、province 或 admin", `--role must be clerk, province or admin\nusage: ${usage}`);
    const prefectureCode = values.prefecture ?? null;
    if ((role.data === "clerk") !== (prefectureCode !== null))
      throw usageError("填报员令牌须有 --prefecture,其他令牌不能有", "a clerk token needs --prefecture; province and admin tokens take none");
    if (prefectureCode !== null) requirePrefecture(prefectureCode);
    const request: TokenRequest = { role: role.data, prefectureCode, name: values.name?.trim() || defaultName(role.data, prefectureCode) };

    const created: NewToken = values.local
      ? await createLocalToken(request, values["persist-to"])
      : await apiClientOf(values).createToken({ role: request.role, name: request.name, ...(prefectureCode !== null && { prefectureCode }) });
    const { id, role: createdRole, prefectureCode: createdFor, name, token } = created;
    if (values.json) {
      console.log(JSON.stringify({ id, role: createdRole, prefectureCode: createdFor, name, token }));
    } else {
      console.log(`已创建 / created: ${createdRole} “${name}”${createdFor ? ` ${createdFor}` : ""} (id ${id})`);
      console.log("令牌只显示这一次,请妥善保存 / the token is shown only now; keep it safe:");
      console.log(token);
    }
    return 0;
  },
};
