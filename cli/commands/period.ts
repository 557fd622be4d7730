import { editionIdSchema } from "../../shared/api/editions.ts";
import { usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, serverOptions } from "../command-arguments.ts";

const usage = "tianbao period open 2019 [--deadline 2020-01-31] [--edition 323/2019] | tianbao period lock 2019  [--server URL] [--token TOKEN]  (admin token)";

/**
 * Admin: open a reporting period (with its deadline, in a given edition: by default the one the
 * server gives new periods) or lock it against further submissions. The server says which editions it has.
 */
export const periodCommand: Command = {
  usage,
  summary: "管理员：开启报告期（可设截止日期和报表版本）或锁定报告期 / Admin: opens a reporting period (with its deadline and edition) or locks it",
  async run(args) {
    const { values, positionals } = parseCommandArguments(args, { ...serverOptions, deadline: { type: "string" }, edition: { type: "string" } }, usage);
    const [action, code] = positionals;
    if (!code || !/^\d{4}$/.test(code) || positionals.length > 2) throw usageError("请给出报告期,如 2019", `give the period, e.g. 2019\nusage: ${usage}`);
    const api = apiClientOf(values);
    if (action === "open") {
      if (values.edition !== undefined && !editionIdSchema.safeParse(values.edition).success)
        throw usageError(`报表版本应形如 323/2019:${values.edition}`, `an edition looks like 323/2019: ${values.edition}\nusage: ${usage}`);
      const period = await api.openPeriod({
        code,
        ...(values.deadline && { deadline: values.deadline }),
        ...(values.edition && { editionId: values.edition }),
      });
      console.log(`已开启 / opened: ${period.code} (${period.editionId}), 截止 / deadline ${period.deadline ?? "—"}`);
    } else if (action === "lock") {
      if (values.deadline || values.edition) throw usageError("lock 不接受 --deadline 或 --edition", `lock takes no --deadline or --edition\nusage: ${usage}`);
      const period = await api.lockPeriod(code);
      console.log(`已锁定 / locked: ${period.code} at ${period.lockedAt}`);
    } else {
      throw usageError(`未知操作 ${action ?? ""}`, `unknown action ${action ?? "(none)"}\nusage: ${usage}`);
    }
    return 0;
  },
};
