import { parseArgs } from "node:util";
import type { ParseArgsOptionsConfig } from "node:util";
import { ApiClient } from "../shared/api/api-client.ts";
import type { UnitRefusal } from "../shared/units/reporting-tree.ts";
import { usageError } from "./cli-error.ts";
import type { CliError } from "./cli-error.ts";

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

/** --unit, which names any reporting unit (a prefecture or a county), and --prefecture, its older name. */
export const unitOptions = {
  unit: { type: "string" },
  prefecture: { type: "string" },
} as const satisfies ParseArgsOptionsConfig;

/** The code given with --unit or with --prefecture, or undefined; a usage error when both are given. */
export function unitOptionOf(values: { unit?: string | undefined; prefecture?: string | undefined }, usage: string): string | undefined {
  if (values.unit !== undefined && values.prefecture !== undefined)
    throw usageError("--unit 与 --prefecture 只能给一个", `give --unit or --prefecture, not both\nusage: ${usage}`);
  return values.unit ?? values.prefecture;
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

/** A code given with --unit that names no reporting unit, as a usage error (for requireReportingUnit of shared/units/reporting-tree.ts). */
export function unitUsageError({ zh, en }: UnitRefusal): CliError {
  return usageError(zh, `${en} (the province's workbook is the consolidated one: tianbao pull)`);
}

/** The API client for --server/--token, which default to TIANBAO_SERVER/TIANBAO_TOKEN. */
export function apiClientOf(values: { server?: string | undefined; token?: string | undefined }): ApiClient {
  const server = values.server ?? process.env.TIANBAO_SERVER;
  const token = values.token ?? process.env.TIANBAO_TOKEN;
  if (!server) throw usageError("未指定服务器:请用 --server 或设置 TIANBAO_SERVER", "no server: pass --server or set TIANBAO_SERVER");
  if (!token) throw usageError("未指定访问令牌:请用 --token 或设置 TIANBAO_TOKEN", "no access token: pass --token or set TIANBAO_TOKEN");
  return new ApiClient(server, token);
}
