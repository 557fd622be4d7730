import { requireReportingUnit, unitNameOf } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { ApiClient, Completeness, UnitCompleteness } from "../../shared/api/api-client.ts";
import { beijingTime } from "../../shared/values/beijing-time.ts";
import { CliError } from "../cli-error.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { stalenessLines } from "../merged-report.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, requirePeriodCode, unitOptionOf, unitOptions, unitUsageError, serverOptions } from "../command-arguments.ts";

const usage = "tianbao status --period 2019 [--unit 370100|370102] [--json] [--server URL] [--token TOKEN]  (--prefecture is --unit's older name)";

type UnitState = Completeness["units"][number];

/** The second facts beside the state: 逾期 (still owes after the deadline) when the state does not say it, 迟报 (submitted after it). */
const lateness = (entry: UnitState) => `${entry.overdue && entry.status !== "逾期" ? " 逾期" : ""}${entry.late ? " 迟报" : ""}`;

/** 催报 N 次 (last one when), and who holds the unit up: its units that still owe after their deadline. */
const chasing = (entry: UnitState) =>
  `${entry.reminders.count > 0 ? `  催报 ${entry.reminders.count} 次 / reminded ×${entry.reminders.count} (${beijingTime(entry.reminders.lastAt ?? "")})` : ""}${
    entry.waitingOn.length > 0 ? `  待下级 / waiting on: ${entry.waitingOn.map((code) => unitNameOf(code)).join("、")}` : ""
  }`;

/** One line of the table: code, name, state and lateness, revisions, stamped copy, time in Beijing time (as the page shows it), reminders. */
const stateLine = (entry: UnitState) =>
  `${entry.unitCode}  ${entry.name.padEnd(5, "　")}  ${entry.status}${lateness(entry)}  修订 / revisions ${entry.revision}  ${entry.stampedCopy ?? ""}  ${entry.submittedAt === null ? "" : beijingTime(entry.submittedAt)}${chasing(entry)}`;

/** The --json row of one unit (times as the API gives them, ISO UTC). */
const jsonRow = (key: "unit" | "prefecture", entry: UnitState) => ({
  [key]: entry.unitCode,
  status: entry.status,
  overdue: entry.overdue,
  late: entry.late,
  revision: entry.revision,
  submittedAt: entry.submittedAt,
  stampedCopy: entry.stampedCopy,
  reminders: entry.reminders,
  waitingOn: entry.waitingOn,
});

/**
 * A unit with no units reporting to it (a county): its own line, against its level's deadline. Its
 * clerk finds it in their completeness (their own unit); the prefecture's clerk or the province in
 * the completeness of its parent's children.
 */
async function ownCompleteness(api: ApiClient, period: string, unit: ReportingUnit): Promise<{ deadline: string | null; entry: UnitState }> {
  const own = await api.completeness(period);
  const mine = own.units.find((entry) => entry.unitCode === unit.code);
  if (mine) return { deadline: own.deadline, entry: mine };
  const parent = unit.parent;
  const siblings = parent?.level.report ? await api.unitCompleteness(period, parent.code) : undefined;
  const entry = siblings?.units.find((sibling) => sibling.unitCode === unit.code);
  if (!siblings || !entry)
    throw new CliError(`看不到 ${unit.code} ${unit.name} 的报送进度`, `no completeness of ${unit.code} ${unit.nameEn} is visible to this token`);
  return { deadline: siblings.deadline, entry };
}

/**
 * The completeness table: per prefecture 未报 / 已报 / 退回 / 通过 / 逾期 (and 迟报), how many
 * revisions, when the latest came, whether its stamped copy is attached. With --unit, the same for
 * the units reporting to that one (a prefecture's counties, against the counties' deadline), or, for
 * a county, the county's own line against the county deadline.
 */
export const statusCommand: Command = {
  usage,
  summary:
    "各单位报送进度：未报 / 已报 / 退回 / 通过 / 逾期（迟报）；--unit 为其下级或该县本身 / Completeness per unit: 未报 / 已报 / 退回 / 通过 / 逾期 (迟报, late); with --unit, of the units reporting to it, or of that county itself",
  async run(args) {
    const { values } = parseCommandArguments(
      args,
      { ...serverOptions, period: { type: "string" }, ...unitOptions, json: { type: "boolean", default: false } },
      usage,
    );
    const period = requirePeriodCode(values.period, usage);
    const unitCode = unitOptionOf(values, usage);
    const api = apiClientOf(values);
    if (unitCode !== undefined) {
      const unit = requireReportingUnit(unitCode, unitUsageError);
      if (!unit.children[0]?.level.report) {
        const { deadline, entry } = await ownCompleteness(api, period, unit);
        if (values.json) console.log(JSON.stringify([jsonRow("unit", entry)], null, 2));
        else console.log(`报告期 / period ${period}  ${unit.code} ${unit.name}  截止 / deadline ${deadline ?? "—"}\n${stateLine(entry)}`);
        return 0;
      }
      const children: UnitCompleteness = await api.unitCompleteness(period, unit.code);
      if (values.json) {
        console.log(
          JSON.stringify(
            children.units.map((entry) => jsonRow("unit", entry)),
            null,
            2,
          ),
        );
        return 0;
      }
      console.log(
        `报告期 / period ${children.period}  ${children.unitCode} 的下级 / units reporting to ${children.unitCode}  截止 / deadline ${children.deadline ?? "—"}`,
      );
      for (const entry of children.units) console.log(stateLine(entry));
      // Whether the unit's own report still carries what its counties contribute now.
      const merged = await api.merged(period, unit.code);
      for (const line of stalenessLines(unit, merged, formSetOf(merged.report.edition), period)) console.log(line);
      return 0;
    }
    const completeness = await api.completeness(period);
    if (values.json) {
      console.log(
        JSON.stringify(
          completeness.units.map((entry) => jsonRow("prefecture", entry)),
          null,
          2,
        ),
      );
      return 0;
    }
    console.log(`报告期 / period ${completeness.period}  截止 / deadline ${completeness.deadline ?? "—"}`);
    for (const entry of completeness.units) console.log(stateLine(entry));
    return 0;
  },
};
