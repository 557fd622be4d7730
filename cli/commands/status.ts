import { requireReportingUnit } from "../../shared/units/reporting-tree.ts";
import type { Completeness, UnitCompleteness } from "../../shared/api/api-client.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, requirePeriodCode, unitUsageError, serverOptions } from "../command-arguments.ts";

const usage = "tianbao status --period 2019 [--unit 370100] [--json] [--server URL] [--token TOKEN]";

type UnitState = Completeness["prefectures"][number];

/** One line of the table: code, name, state (and 逾期 when a returned report is overdue), revisions, stamped copy, time. */
const stateLine = (entry: UnitState) =>
  `${entry.prefectureCode}  ${entry.name.padEnd(5, "　")}  ${entry.status}${entry.overdue && entry.status !== "逾期" ? " 逾期" : ""}  修订 / revisions ${entry.revision}  ${entry.stampedCopy ?? ""}  ${entry.submittedAt ?? ""}`;

/**
 * The completeness table: per prefecture 未报 / 已报 / 退回 / 通过 / 逾期, how many revisions, when the
 * latest came, whether its stamped copy is attached. With --unit, the same for the units reporting
 * to that one (a prefecture's counties, against the counties' deadline).
 */
export const statusCommand: Command = {
  usage,
  summary:
    "各单位报送进度：未报 / 已报 / 退回 / 通过 / 逾期；--unit 为其下级 / Completeness per unit: 未报 / 已报 / 退回 / 通过 / 逾期; with --unit, of the units reporting to it",
  async run(args) {
    const { values } = parseCommandArguments(
      args,
      { ...serverOptions, period: { type: "string" }, unit: { type: "string" }, json: { type: "boolean", default: false } },
      usage,
    );
    const period = requirePeriodCode(values.period, usage);
    const api = apiClientOf(values);
    if (values.unit !== undefined) {
      const children: UnitCompleteness = await api.unitCompleteness(period, requireReportingUnit(values.unit, unitUsageError).code);
      if (values.json) {
        const rows = children.units.map((entry) => ({
          unit: entry.prefectureCode,
          status: entry.status,
          revision: entry.revision,
          submittedAt: entry.submittedAt,
          stampedCopy: entry.stampedCopy,
        }));
        console.log(JSON.stringify(rows, null, 2));
        return 0;
      }
      console.log(
        `报告期 / period ${children.period}  ${children.unitCode} 的下级 / units reporting to ${children.unitCode}  截止 / deadline ${children.deadline ?? "—"}`,
      );
      for (const entry of children.units) console.log(stateLine(entry));
      return 0;
    }
    const completeness = await api.completeness(period);
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
    for (const entry of completeness.prefectures) console.log(stateLine(entry));
    return 0;
  },
};
