import { usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, serverOptions } from "../command-arguments.ts";

const usage = "tianbao period open 2019 [--deadline 2020-01-31] | tianbao period lock 2019  [--server URL] [--token TOKEN]  (admin token)";

/** Admin: open a reporting period (with its deadline) or lock it against further submissions. */
export const periodCommand: Command = {
  usage,
  summary: "管理员：开启报告期（可设截止日期）或锁定报告期 / Admin: opens a reporting period (with its deadline) or locks it",
  async run(args) {
    const { values, positionals } = parseCommandArguments(args, { ...serverOptions, deadline: { type: "string" } }, usage);
    const [action, code] = positionals;
    if (!code || !/^\d{4}$/.test(code) || positionals.length > 2) throw usageError("请给出报告期,如 2019", `give the period, e.g. 2019\nusage: ${usage}`);
    const api = apiClientOf(values);
    if (action === "open") {
      const period = await api.openPeriod({ code, ...(values.deadline && { deadline: values.deadline }) });
      console.log(`已开启 / opened: ${period.code} (${period.editionId}), 截止 / deadline ${period.deadline ?? "—"}`);
    } else if (action === "lock") {
      if (values.deadline) throw usageError("lock 不接受 --deadline", `lock takes no --deadline\nusage: ${usage}`);
      const period = await api.lockPeriod(code);
      console.log(`已锁定 / locked: ${period.code} at ${period.lockedAt}`);
    } else {
      throw usageError(`未知操作 ${action ?? ""}`, `unknown action ${action ?? "(none)"}\nusage: ${usage}`);
    }
    return 0;
  },
};
