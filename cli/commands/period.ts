import { editionIdSchema } from "../../shared/api/editions.ts";
import type { Period } from "../../shared/api/api-client.ts";
import { REPORTING_LEVELS_323 } from "../../shared/units/unit-levels.ts";
import { beijingTime } from "../../shared/values/beijing-time.ts";
import { usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, requirePeriodCode, serverOptions } from "../command-arguments.ts";

const usage =
  "tianbao period open 2019 [--deadline 2020-01-31] [--edition 323/2019] | tianbao period lock 2019 | tianbao period deadline 2020-01-15|none --period 2019 [--level prefecture|county]  [--server URL] [--token TOKEN]  (admin token)";

/** The levels that report, by code: the prefectures' deadline is the period's own, the levels below have their own (levelDeadlines). */
const reportingLevels = REPORTING_LEVELS_323.filter((level) => level.report);
const topLevel = reportingLevels[0]?.code;

/** Every deadline of the period, one line: the period's (the prefectures') and each level's below. */
const deadlinesLine = (period: Period) =>
  [
    `${period.code} 截止 / deadlines: 市 / prefecture ${period.deadline ?? "—"}`,
    ...Object.entries(period.levelDeadlines).map(([code, date]) => `${reportingLevels.find((level) => level.code === code)?.nameZh ?? code} / ${code} ${date}`),
  ].join("  ");

/**
 * Admin: open a reporting period (with its deadline, in a given edition: by default the one the
 * server gives new periods), lock it against further submissions, or set one level's deadline (the
 * prefectures': the period's own; a county's to its prefecture: PATCH /periods/{period} levelDeadlines).
 */
export const periodCommand: Command = {
  usage,
  summary:
    "管理员：开启报告期（可设截止日期和报表版本）、锁定报告期，或设某一级的截止日期 / Admin: opens a reporting period (with its deadline and edition), locks it, or sets one level's deadline",
  async run(args) {
    const { values, positionals } = parseCommandArguments(
      args,
      { ...serverOptions, deadline: { type: "string" }, edition: { type: "string" }, period: { type: "string" }, level: { type: "string" } },
      usage,
    );
    const [action, code] = positionals;
    if (action === "deadline") return setDeadline(values, positionals.slice(1));
    if (values.period !== undefined || values.level !== undefined)
      throw usageError("--period 与 --level 只用于 deadline", `--period and --level go with deadline\nusage: ${usage}`);
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
      console.log(`已锁定 / locked: ${period.code} at ${period.lockedAt === null ? "—" : beijingTime(period.lockedAt)}`);
    } else {
      throw usageError(`未知操作 ${action ?? ""}`, `unknown action ${action ?? "(none)"}\nusage: ${usage}`);
    }
    return 0;
  },
};

/** `period deadline DATE|none --period 2019 [--level county]`: one level's deadline set or removed; the server checks the order of the levels. */
async function setDeadline(
  values: { server?: string; token?: string; deadline?: string; edition?: string; period?: string; level?: string },
  dates: string[],
): Promise<number> {
  if (values.deadline !== undefined || values.edition !== undefined)
    throw usageError(
      "deadline 的日期直接写在后面,不用 --deadline 或 --edition",
      `deadline takes the date itself, not --deadline or --edition\nusage: ${usage}`,
    );
  const period = requirePeriodCode(values.period, usage);
  const [date] = dates;
  if (dates.length !== 1 || !(date === "none" || /^\d{4}-\d{2}-\d{2}$/.test(date ?? "")))
    throw usageError("请给出一个截止日期,如 2020-01-15,或 none 取消", `give one deadline, e.g. 2020-01-15, or none to remove it\nusage: ${usage}`);
  const level = values.level ?? topLevel;
  if (!reportingLevels.some((known) => known.code === level))
    throw usageError(
      `未知的层级 ${level}:应为 ${reportingLevels.map((known) => known.code).join(" 或 ")}`,
      `unknown level ${level}: give ${reportingLevels.map((known) => known.code).join(" or ")}\nusage: ${usage}`,
    );
  const deadline = date === "none" ? null : (date as string);
  const updated = await apiClientOf(values).updatePeriod(period, level === topLevel ? { deadline } : { levelDeadlines: { [level as string]: deadline } });
  console.log(`已设截止 / deadline set: ${deadlinesLine(updated)}`);
  return 0;
}
