import type { ApiClient, SubmissionSummary } from "../../shared/api/api-client.ts";
import { requireReportingUnit } from "../../shared/units/reporting-tree.ts";
import { CliError, usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import {
  apiClientOf,
  parseCommandArguments,
  required,
  requirePeriodCode,
  serverOptions,
  unitOptionOf,
  unitOptions,
  unitUsageError,
} from "../command-arguments.ts";

const usage =
  "tianbao review --period 2019 --unit 370100|370102 accept|return [--comment 意见] [--server URL] [--token TOKEN]  (the parent's token: the province for a prefecture, the prefecture's clerk for its county; --prefecture is --unit's older name)";

/** Accepts or returns a unit's latest revision (the only one that can be reviewed): a prefecture's as the province, a county's as its prefecture's clerk. */
export async function reviewLatest(
  api: ApiClient,
  period: string,
  unitCode: string,
  action: "accept" | "return",
  comment?: string,
): Promise<SubmissionSummary> {
  const latest = (await api.submissions(period, unitCode)).at(-1);
  if (!latest) throw new CliError(`${unitCode} 在 ${period} 尚未报送`, `${unitCode} has not submitted for ${period}`);
  return api.review(period, unitCode, latest.revision, { action, ...(comment !== undefined && { comment }) });
}

export const reviewCommand: Command = {
  usage,
  summary:
    "通过或退回一个单位的最新修订（地市由省审核，县由所属地市审核） / Accepts or returns a unit's latest revision (a prefecture's by the province, a county's by its prefecture)",
  async run(args) {
    const { values, positionals } = parseCommandArguments(
      args,
      { ...serverOptions, period: { type: "string" }, ...unitOptions, comment: { type: "string" } },
      usage,
    );
    const period = requirePeriodCode(values.period, usage);
    const unitCode = requireReportingUnit(required(unitOptionOf(values, usage), "--unit", usage), unitUsageError).code;
    const [action] = positionals;
    if ((action !== "accept" && action !== "return") || positionals.length > 1)
      throw usageError("请给出 accept 或 return", `give accept or return\nusage: ${usage}`);
    if (action === "return" && !values.comment?.trim()) throw usageError("退回须用 --comment 填写意见", `a return needs --comment\nusage: ${usage}`);
    const reviewed = await reviewLatest(apiClientOf(values), period, unitCode, action, values.comment);
    console.log(`${action === "accept" ? "已通过 / accepted" : "已退回 / returned"}: ${unitCode} ${period} 修订 / revision ${reviewed.revision}`);
    return 0;
  },
};
