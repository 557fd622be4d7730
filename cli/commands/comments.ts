import type { ValueComment } from "../../shared/api/api-client.ts";
import { unitNameOf } from "../../shared/units/reporting-tree.ts";
import { beijingTime } from "../../shared/values/beijing-time.ts";
import type { Command } from "../command-arguments.ts";
import { valueCommandArguments } from "./history.ts";

const usage =
  "tianbao comments --unit 370100|370102 [--cell 教扶04!E7] [--period 2019] [--json] [--server URL] [--token TOKEN]  (a value's thread, every period; without --cell every thread of the unit; the cell is named in the period's layout, the newest by default)";

const roleWords: Record<ValueComment["role"], string> = { clerk: "填报员 / clerk", reviewer: "审核方 / reviewer" };
const kindWords: Record<ValueComment["kind"], string> = { comment: "", return: "  退回 / return", accept: "  通过 / accept" };

/** One entry: when (Beijing time), who, against which period and revision, then what was said. */
function entryLine(entry: ValueComment): string {
  const against = entry.revision === null ? entry.period : `${entry.period} 修订 / rev. ${entry.revision}`;
  return `  ${beijingTime(entry.at)}  ${roleWords[entry.role]} ${entry.authorName}  (${against})${kindWords[entry.kind]}: ${entry.text}`;
}

/** The threads as the terminal shows them: the unit, then each cell's thread, oldest first. */
export function commentLines(unitCode: string, comments: ValueComment[]): string[] {
  const byCell = new Map<string, ValueComment[]>();
  for (const entry of comments) byCell.set(entry.address, [...(byCell.get(entry.address) ?? []), entry]);
  if (byCell.size === 0) return [`${unitCode} ${unitNameOf(unitCode)}  尚无讨论 / nothing said yet`];
  return [`${unitCode} ${unitNameOf(unitCode)}`, ...[...byCell].flatMap(([address, thread]) => [`${address}:`, ...thread.map(entryLine)])];
}

export const commentsCommand: Command = {
  usage,
  summary:
    "一个数值的讨论：填报员与审核方跨修订、跨报告期的留言与退回意见 / A value's thread: what the clerk and the reviewers said, across revisions and periods",
  async run(args) {
    const { unitCode, cell, json, api, period } = await valueCommandArguments(args, usage, false);
    const comments = await api.valueComments(period, unitCode, cell);
    console.log(json ? JSON.stringify({ comments }, null, 2) : commentLines(unitCode, comments).join("\n"));
    return 0;
  },
};
