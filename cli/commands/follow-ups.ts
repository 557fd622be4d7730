import type { ApiClient, FollowUp } from "../../shared/api/api-client.ts";
import { ApiError } from "../../shared/api/api-client.ts";
import { followUpSchema } from "../../shared/api/follow-ups.ts";
import { requireReportingUnit, unitNameOf } from "../../shared/units/reporting-tree.ts";
import { beijingTime } from "../../shared/values/beijing-time.ts";
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
import { newestPeriod } from "./history.ts";

// 跟进 (issue 30) from the command line: list a unit's marks (or, without --unit, every unit's: the
// province's list), mark a value, clear a mark. The server's 409s come back as one line naming the mark.

const usage = `tianbao follow-ups --unit 370100|370102 [--period 2019] [--all] [--json] [--server URL] [--token TOKEN]  (the unit's 跟进 marks, open ones unless --all; the period defaults to the newest)
       tianbao follow-ups --period 2019 [--all] [--json]  (province, admin: every unit's marks)
       tianbao follow-ups mark --unit 370100|370102 --cell 教扶04!E7 --note 请核实 [--period 2019] [--json]  (whoever the unit reports to; one open mark per value)
       tianbao follow-ups clear --unit 370100|370102 --id 3 --note 已核实 [--period 2019] [--json]  (the unit's clerk or its reviewer)
  --prefecture is --unit's older name; the cell is named in the period's layout.`;

const options = {
  ...serverOptions,
  ...unitOptions,
  period: { type: "string" },
  all: { type: "boolean" },
  json: { type: "boolean" },
  cell: { type: "string" },
  id: { type: "string" },
  note: { type: "string" },
} as const;

type Action = "list" | "mark" | "clear";
type Option = keyof typeof options;

const common: Option[] = ["server", "token", "unit", "prefecture", "period", "json"];
const allowed: Record<Action, Option[]> = { list: [...common, "all"], mark: [...common, "cell", "note"], clear: [...common, "id", "note"] };

/** A mark as one line: its id (what clear takes), the cell, its state, who marked it, when (Beijing time) and why, then who cleared it, when and why. */
export function followUpLine(followUp: FollowUp): string {
  const state = followUp.open ? "跟进中 / open" : "已解除 / cleared";
  const marked = `#${followUp.id}  ${followUp.address}  ${state}  标记 / marked: ${followUp.markedByName} ${beijingTime(followUp.markedAt)}: ${followUp.note}`;
  if (followUp.open) return marked;
  return `${marked}  — 解除 / cleared: ${followUp.clearedByName ?? ""} ${beijingTime(followUp.clearedAt ?? "")}: ${followUp.clearNote ?? ""}`;
}

const noneWords = (all: boolean) => (all ? "尚无跟进 / no follow-up" : "无未解除的跟进 / no open follow-up");

/** One unit's marks: the unit and period, then a line each, oldest first. */
export function unitFollowUpLines(unitCode: string, period: string, followUps: FollowUp[], all: boolean): string[] {
  const title = `${unitCode} ${unitNameOf(unitCode)}  ${period}`;
  if (followUps.length === 0) return [`${title}  ${noneWords(all)}`];
  return [`${title}  跟进 / follow-ups:`, ...followUps.map((followUp) => `  ${followUpLine(followUp)}`)];
}

/** The province's list: every unit's marks, each line led by its unit. */
export function periodFollowUpLines(period: string, followUps: FollowUp[], all: boolean): string[] {
  if (followUps.length === 0) return [`${period} 全省 / province-wide  ${noneWords(all)}`];
  return [
    `${period} 全省跟进 / every unit's follow-ups:`,
    ...followUps.map((followUp) => `  ${followUp.unitCode} ${unitNameOf(followUp.unitCode)}  ${followUpLine(followUp)}`),
  ];
}

/** The server's 409 on a mark: the value has an open mark already, named in the answer. */
function alreadyMarked(open: FollowUp): CliError {
  const when = beijingTime(open.markedAt);
  return new CliError(
    `${open.address} 已在跟进中：#${open.id}，${open.markedByName} ${when} 标记：${open.note}`,
    `${open.address} is already marked for follow-up: #${open.id}, by ${open.markedByName} at ${when}`,
  );
}

/** The server's 409 on a clear: the mark was cleared already (nothing changed), by whom, when and why. */
function alreadyCleared(cleared: FollowUp): CliError {
  const who = cleared.clearedByName ?? "";
  const when = beijingTime(cleared.clearedAt ?? "");
  return new CliError(
    `跟进 #${cleared.id}（${cleared.address}）已由 ${who} 于 ${when} 解除：${cleared.clearNote ?? ""}；未作改动`,
    `follow-up #${cleared.id} (${cleared.address}) was already cleared by ${who} at ${when}; nothing changed`,
  );
}

/** A write's answer, or its 409 (the mark in the problem's body) as the one line `refusal` makes of it; any other failure as it is. */
async function refusedAsOneLine(write: Promise<FollowUp>, refusal: (followUp: FollowUp) => CliError): Promise<FollowUp> {
  try {
    return await write;
  } catch (error) {
    const named = error instanceof ApiError && error.status === 409 ? followUpSchema.safeParse(error.problem.followUp) : undefined;
    throw named?.success ? refusal(named.data) : error;
  }
}

/** The subcommand (none: list), with a usage error for another word or an option it does not take, before any request. */
function actionOf(positionals: string[], given: string[]): Action {
  const [word, ...rest] = positionals;
  const action = word === undefined ? "list" : word === "mark" || word === "clear" ? word : undefined;
  if (action === undefined || rest.length > 0)
    throw usageError(`未知的子命令 ${positionals.join(" ")}`, `unknown subcommand ${positionals.join(" ")}\nusage: ${usage}`);
  const stray = given.find((option) => !(allowed[action] as string[]).includes(option));
  if (stray !== undefined) throw usageError(`${action === "list" ? "列出跟进" : action} 不接受 --${stray}`, `${action} takes no --${stray}\nusage: ${usage}`);
  return action;
}

function printList(followUps: FollowUp[], json: boolean, lines: () => string[]): number {
  console.log(json ? JSON.stringify({ followUps }, null, 2) : lines().join("\n"));
  return 0;
}

type Values = ReturnType<typeof parseCommandArguments<typeof options>>["values"];

/** A write's request and the line its 409 becomes, its arguments checked (a usage error) before any request. */
function writeOf(action: "mark" | "clear", values: Values, unitCode: string): (api: ApiClient, period: string) => Promise<FollowUp> {
  const note = required(values.note, "--note", usage);
  if (action === "mark") {
    const cell = required(values.cell, "--cell", usage);
    return (api, period) => refusedAsOneLine(api.markFollowUp(period, unitCode, cell, note), alreadyMarked);
  }
  const id = required(values.id, "--id", usage);
  if (!/^[1-9]\d{0,9}$/.test(id)) throw usageError(`--id 应为跟进编号：${id}`, `--id is a follow-up's number, e.g. 3: ${id}`);
  return (api, period) => refusedAsOneLine(api.clearFollowUp(period, unitCode, Number(id), note), alreadyCleared);
}

export const followUpsCommand: Command = {
  usage,
  summary:
    "跟进：列出、标记、解除需要跟进的数值（审核方标记并写明原因，填报员或审核方写明说明后解除） / Follow-ups: list, mark and clear values marked for follow-up, each with a note",
  async run(args) {
    const { values, positionals } = parseCommandArguments(args, options, usage);
    const action = actionOf(positionals, Object.keys(values));
    const given = unitOptionOf(values, usage);
    const json = values.json === true;
    const all = values.all === true;
    if (action === "list" && given === undefined) {
      if (values.period === undefined)
        throw usageError("缺少 --unit（或省级用 --period 列出全省的跟进）", `give --unit (a unit's marks) or --period (every unit's)\nusage: ${usage}`);
      const period = requirePeriodCode(values.period, usage);
      const followUps = await apiClientOf(values).periodFollowUps(period, all);
      return printList(followUps, json, () => periodFollowUpLines(period, followUps, all));
    }
    const unitCode = requireReportingUnit(required(given, "--unit", usage), unitUsageError).code;
    if (values.period !== undefined) requirePeriodCode(values.period, usage);
    const write = action === "list" ? undefined : writeOf(action, values, unitCode);
    const api = apiClientOf(values);
    const period = values.period ?? (await newestPeriod(api));
    if (write === undefined) {
      const followUps = await api.followUps(period, unitCode, all);
      return printList(followUps, json, () => unitFollowUpLines(unitCode, period, followUps, all));
    }
    const written = await write(api, period);
    const done = action === "mark" ? "已标记跟进 / marked for follow-up" : "已解除跟进 / cleared";
    console.log(json ? JSON.stringify(written, null, 2) : `${done}: ${unitCode} ${unitNameOf(unitCode)}  ${written.periodCode}  ${followUpLine(written)}`);
    return 0;
  },
};
