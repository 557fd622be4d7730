import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, requirePeriodCode, serverOptions } from "../command-arguments.ts";

const usage = "tianbao status --period 2019 [--json] [--server URL] [--token TOKEN]";

/** The completeness table: per prefecture 未报 / 已报 / 退回 / 通过 / 逾期, how many revisions, when the latest came, whether its stamped copy is attached. */
export const statusCommand: Command = {
  usage,
  async run(args) {
    const { values } = parseCommandArguments(args, { ...serverOptions, period: { type: "string" }, json: { type: "boolean", default: false } }, usage);
    const period = requirePeriodCode(values.period, usage);
    const completeness = await apiClientOf(values).completeness(period);
    const rows = completeness.prefectures.map((entry) => ({
      prefecture: entry.prefectureCode,
      status: entry.status,
      revision: entry.revision,
      submittedAt: entry.submittedAt,
      stampedCopy: entry.stampedCopy,
    }));
    if (values.json) {
      console.log(JSON.stringify(rows, null, 2));
      return 0;
    }
    console.log(`报告期 / period ${completeness.period}  截止 / deadline ${completeness.deadline ?? "—"}`);
    completeness.prefectures.forEach((entry) => {
      console.log(
        `${entry.prefectureCode}  ${entry.name.padEnd(5, "　")}  ${entry.status}${entry.overdue && entry.status !== "逾期" ? " 逾期" : ""}  修订 / revisions ${entry.revision}  ${entry.stampedCopy ?? ""}  ${entry.submittedAt ?? ""}`,
      );
    });
    return 0;
  },
};
