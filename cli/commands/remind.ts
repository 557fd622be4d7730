import type { ApiClient } from "../../shared/api/api-client.ts";
import { requireReportingUnit, unitNameOf } from "../../shared/units/reporting-tree.ts";
import { beijingTime } from "../../shared/values/beijing-time.ts";
import { usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, requirePeriodCode, serverOptions, unitOptionOf, unitOptions, unitUsageError } from "../command-arguments.ts";

const usage =
  "tianbao remind --period 2019 (--unit 370100|370102 | --late [--unit 370100]) [--note 附言] [--server URL] [--token TOKEN]  (the reviewer's token: the province reminds prefectures, a prefecture's clerk its counties)";

/**
 * The units the caller may chase that still owe their report after their deadline: the province's
 * late prefectures, or (with --unit, a prefecture's clerk) its late counties.
 */
async function lateUnits(api: ApiClient, period: string, parentCode: string | undefined): Promise<string[]> {
  const lines = parentCode === undefined ? (await api.completeness(period)).units : (await api.unitCompleteness(period, parentCode)).units;
  return lines.filter((line) => line.overdue).map((line) => line.unitCode);
}

export const remindCommand: Command = {
  usage,
  summary: "催报：提醒尚未报送的单位（一个，或全部逾期的） / Reminds a unit that still owes its report, or every late one",
  async run(args) {
    const { values } = parseCommandArguments(
      args,
      { ...serverOptions, period: { type: "string" }, ...unitOptions, late: { type: "boolean" }, note: { type: "string" } },
      usage,
    );
    const period = requirePeriodCode(values.period, usage);
    const named = unitOptionOf(values, usage);
    const unitCode = named === undefined ? undefined : requireReportingUnit(named, unitUsageError).code;
    if (!values.late && unitCode === undefined)
      throw usageError("请用 --unit 指定单位，或用 --late 催报全部逾期单位", `give --unit, or --late for every late unit\nusage: ${usage}`);
    const api = apiClientOf(values);
    const targets = values.late ? await lateUnits(api, period, unitCode) : [unitCode as string];
    if (targets.length === 0) {
      console.log(`${period} 没有逾期未报的单位，无需催报 / no unit is late for ${period}: nothing to remind`);
      return 0;
    }
    const outcome = await api.remindUnits(period, targets, values.note);
    for (const reminder of outcome.reminded)
      console.log(
        `已催报 / reminded: ${reminder.unitCode} ${unitNameOf(reminder.unitCode)}  ${beijingTime(reminder.sentAt)}${reminder.note ? `  附言 / note: ${reminder.note}` : ""}`,
      );
    for (const code of outcome.alreadySubmitted) console.log(`未催报 / skipped: ${code} ${unitNameOf(code)} 已报送 / has submitted`);
    return outcome.reminded.length > 0 ? 0 : 1;
  },
};
