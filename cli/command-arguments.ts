import { parseArgs } from "node:util";
import type { ParseArgsOptionsConfig } from "node:util";
import { ApiClient } from "../shared/api/api-client.ts";
import { regionTable } from "../shared/regions/region-table.ts";
import type { Prefecture } from "../shared/regions/region-table.ts";
import { unitTreeOf } from "../shared/units/unit-tree.ts";
import type { ReportingUnit } from "../shared/units/unit-tree.ts";
import { usageError } from "./cli-error.ts";

/** One subcommand: its usage line, what it is for (Chinese / English) and what it does; resolves with the exit code. */
export interface Command {
  usage: string;
  /** One line, Chinese first, then English: what the command is for (its --help). */
  summary: string;
  run(args: string[]): Promise<number>;
}

/** Whether the arguments ask for help (--help or -h before a `--`): then the command prints its help and does nothing else. */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

/** A command's --help: what it is for, its usage, and where --server and --token default from when it takes them. */
export function commandHelp(name: string, command: Command): string {
  return [
    `tianbao ${name} — ${command.summary}`,
    `用法 / usage: ${command.usage}`,
    ...(command.usage.includes("--server")
      ? ["--server 与 --token 默认取 TIANBAO_SERVER 与 TIANBAO_TOKEN / --server and --token default to TIANBAO_SERVER and TIANBAO_TOKEN."]
      : []),
  ].join("\n");
}

/** Options of every command that talks to the server. */
export const serverOptions = {
  server: { type: "string" },
  token: { type: "string" },
} as const satisfies ParseArgsOptionsConfig;

/** node:util parseArgs, strict, with bad arguments reported as a usage error that shows the command's usage. */
export function parseCommandArguments<const Options extends ParseArgsOptionsConfig>(args: string[], options: Options, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw usageError(`参数有误:${message}`, `bad arguments: ${message}\nusage: ${usage}`);
  }
}

/** A required option's value, or a usage error naming it. */
export function required(value: string | undefined, option: string, usage: string): string {
  if (value === undefined || value.trim() === "") throw usageError(`缺少 ${option}`, `${option} is required\nusage: ${usage}`);
  return value;
}

export function requirePeriodCode(value: string | undefined, usage: string): string {
  const period = required(value, "--period", usage);
  if (!/^\d{4}$/.test(period)) throw usageError(`报告期应为四位年份:${period}`, `the period is a year, e.g. 2019: ${period}`);
  return period;
}

/** The prefecture of a code given on the command line, or a usage error saying it is not one of Shandong's. */
export function requirePrefecture(prefectureCode: string): Prefecture {
  const prefecture = regionTable.prefecture(prefectureCode);
  if (!prefecture) throw usageError(`${prefectureCode} 不是山东省的地市代码`, `${prefectureCode} is not a prefecture of Shandong`);
  return prefecture;
}

/** The reporting unit (a prefecture or a county) of a code given on the command line, or a usage error saying it reports no workbook. */
export function requireReportingUnit(unitCode: string): ReportingUnit {
  const unit = unitTreeOf(regionTable).unit(unitCode);
  if (!unit?.level.report)
    throw usageError(
      `${unitCode} 不是山东省的地市或县(市、区)代码`,
      `${unitCode} is not a prefecture or county of Shandong (the province's workbook is the consolidated one: tianbao pull)`,
    );
  return unit;
}

/** The API client for --server/--token, which default to TIANBAO_SERVER/TIANBAO_TOKEN. */
export function apiClientOf(values: { server?: string | undefined; token?: string | undefined }): ApiClient {
  const server = values.server ?? process.env.TIANBAO_SERVER;
  const token = values.token ?? process.env.TIANBAO_TOKEN;
  if (!server) throw usageError("未指定服务器:请用 --server 或设置 TIANBAO_SERVER", "no server: pass --server or set TIANBAO_SERVER");
  if (!token) throw usageError("未指定访问令牌:请用 --token 或设置 TIANBAO_TOKEN", "no access token: pass --token or set TIANBAO_TOKEN");
  return new ApiClient(server, token);
}
