import type { AuditPage, AuditQuery } from "../../shared/api/api-client.ts";
import { beijingTime } from "../../shared/values/beijing-time.ts";
import { usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, serverOptions, unitOptionOf, unitOptions } from "../command-arguments.ts";

const usage =
  "tianbao audit [--from 2026-12-01] [--to 2026-12-07] [--unit 370100|370102] [--action submission|token.revoke|sign-in.fail] [--json]  (admin token; --prefecture is --unit's older name)";

type AuditEntry = AuditPage["entries"][number];

/** One entry as one line: when (Beijing time), what, on what, by whom, and the detail. */
export function auditLine(entry: AuditEntry): string {
  const who = entry.tokenId ? `${entry.tokenName ?? "?"} (${entry.tokenId})` : "—";
  return [beijingTime(entry.at), entry.action, entry.target, who, JSON.stringify(entry.detail)].join("  ");
}

/** Admin: the audit log, oldest first, every page of it; --json prints one JSON object a line. */
export const auditCommand: Command = {
  summary: "管理员：审计日志（谁在何时做了什么），从旧到新 / Admin: the audit log (who did what, when), oldest first",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArguments(
      args,
      {
        ...serverOptions,
        from: { type: "string" },
        to: { type: "string" },
        ...unitOptions,
        action: { type: "string" },
        json: { type: "boolean", default: false },
      },
      usage,
    );
    if (positionals.length > 0) throw usageError("audit 不接受位置参数", `audit takes no positional arguments\nusage: ${usage}`);
    const api = apiClientOf(values);
    const query: AuditQuery = { from: values.from, to: values.to, unit: unitOptionOf(values, usage), action: values.action, limit: "500" };
    let cursor: string | null = null;
    do {
      const page: AuditPage = await api.auditPage({ ...query, ...(cursor && { cursor }) });
      for (const entry of page.entries) console.log(values.json ? JSON.stringify(entry) : auditLine(entry));
      cursor = page.nextCursor;
    } while (cursor);
    return 0;
  },
};
