import type { ApiClient, ValueHistory } from "../../shared/api/api-client.ts";
import { requireReportingUnit, unitNameOf } from "../../shared/units/reporting-tree.ts";
import { beijingTime } from "../../shared/values/beijing-time.ts";
import { CliError } from "../cli-error.ts";
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
  "tianbao history --unit 370100|370102 --cell 教扶04!E7 [--period 2019] [--json] [--server URL] [--token TOKEN]  (a value's history; the period defaults to the newest; --prefecture is --unit's older name)";

type Entry = ValueHistory["revisions"][number];

const statusWords: Record<Entry["status"], string> = { submitted: "已报 / submitted", returned: "退回 / returned", accepted: "通过 / accepted" };
const shown = (value: Entry["value"]) => (value === null ? "（空）/ (blank)" : String(value));

/** One revision: its value, state, who and when (Beijing time), then what was said of it: the reason, the explanations, the reviews on the cell. */
function entryLines(entry: Entry, label: string): string[] {
  return [
    `  ${label}  ${shown(entry.value)}  ${statusWords[entry.status]}  ${entry.submittedByName}  ${beijingTime(entry.submittedAt)}`,
    ...(entry.resubmissionReason ? [`      重报原因 / reason: ${entry.resubmissionReason}`] : []),
    ...entry.explanations.map((issue) => `      ${issue.ruleId} ${issue.messageZh}  说明 / explanation: ${issue.explanation ?? "（无）/ (none)"}`),
    ...entry.reviews.map(
      (review) =>
        `      ${review.action === "return" ? "退回意见 / returned" : "通过 / accepted"} (${review.actedByName}, ${beijingTime(review.actedAt)}): ${review.comment ?? ""}`,
    ),
  ];
}

/** The history as the terminal shows it: the cell, the accepted values of earlier periods (newest first), this period's revisions (oldest first). */
export function historyLines(history: ValueHistory): string[] {
  return [
    `${history.unitCode} ${unitNameOf(history.unitCode)}  ${history.period}  ${history.address}  ${history.labelZh} / ${history.labelEn}`,
    history.earlier.length === 0 ? "往期无通过的数 / no accepted value in earlier periods" : "往期通过 / accepted in earlier periods:",
    ...history.earlier.flatMap((entry) => entryLines(entry, `${entry.period} 修订 / rev. ${entry.revision}`)),
    history.revisions.length === 0 ? `${history.period} 尚未报送 / nothing submitted for ${history.period}` : `${history.period} 各修订 / revisions:`,
    ...history.revisions.flatMap((entry) => entryLines(entry, `修订 / rev. ${entry.revision}`)),
  ];
}

/** The newest period (by its code, a year): where a history (or a thread's cell) is read when --period is not given. */
export async function newestPeriod(api: ApiClient): Promise<string> {
  const codes = (await api.periods()).map((period) => period.code).sort();
  const newest = codes.at(-1);
  if (newest === undefined) throw new CliError("服务器上还没有报告期", "the server has no period yet");
  return newest;
}

/** A value command's arguments; `Cell` is string where --cell is required. */
interface ValueCommandArguments<Cell> {
  unitCode: string;
  cell: Cell;
  json: boolean;
  api: ApiClient;
  period: string;
}

/**
 * What `tianbao history` and `tianbao comments` both read from their arguments: the unit (--unit),
 * the cell (--cell; `cellRequired`: a usage error without it, before any request), --json, the client,
 * and the period whose layout names the cell (--period, else the newest on the server).
 */
export async function valueCommandArguments(args: string[], usage: string, cellRequired: true): Promise<ValueCommandArguments<string>>;
export async function valueCommandArguments(args: string[], usage: string, cellRequired: false): Promise<ValueCommandArguments<string | undefined>>;
export async function valueCommandArguments(args: string[], usage: string, cellRequired: boolean): Promise<ValueCommandArguments<string | undefined>> {
  const { values } = parseCommandArguments(
    args,
    { ...serverOptions, period: { type: "string" }, ...unitOptions, cell: { type: "string" }, json: { type: "boolean" } },
    usage,
  );
  const unitCode = requireReportingUnit(required(unitOptionOf(values, usage), "--unit", usage), unitUsageError).code;
  const cell = cellRequired ? required(values.cell, "--cell", usage) : values.cell;
  const api = apiClientOf(values);
  const period = values.period === undefined ? await newestPeriod(api) : requirePeriodCode(values.period, usage);
  return { unitCode, cell, json: values.json === true, api, period };
}

export const historyCommand: Command = {
  usage,
  summary:
    "一个数值的历史：往期通过数、本期各修订、报送人、说明与审核意见 / A value's history: earlier accepted values, this period's revisions, who, and what was said",
  async run(args) {
    const { unitCode, cell, json, api, period } = await valueCommandArguments(args, usage, true);
    const history = await api.valueHistory(period, unitCode, cell);
    console.log(json ? JSON.stringify(history, null, 2) : historyLines(history).join("\n"));
    return 0;
  },
};
