import { readFile, writeFile } from "node:fs/promises";
import { maskCitizenId } from "../../shared/roster/masked-id.ts";
import { RosterReadError, readRosterWorkbook } from "../../shared/roster/read-roster.ts";
import { renderRosterTemplate } from "../../shared/roster/render-roster-template.ts";
import type { RosterData } from "../../shared/roster/roster-data.ts";
import { rosterMaxRowsOf, validateRoster } from "../../shared/roster/validate-roster.ts";
import type { ValidationResult } from "../../shared/validate/validate-report.ts";
import { reportScopeOf } from "../../shared/units/report-scope.ts";
import { requireReportingUnit } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { beijingTime } from "../../shared/values/beijing-time.ts";
import { englishCount } from "../../shared/values/english-count.ts";
import { CliError, EXIT_FAILED, EXIT_UNUSABLE_INPUT, usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import {
  apiClientOf,
  parseCommandArguments,
  requirePeriodCode,
  required,
  serverOptions,
  unitOptionOf,
  unitOptions,
  unitUsageError,
} from "../command-arguments.ts";
import { issueLine } from "../issue-lines.ts";
import { listUploadLines, provinceComparisonLines, unitComparisonLines } from "../roster-comparison-lines.ts";
import { duplicatePairLines, rosterReceiptLines, rosterStatusLines } from "../roster-server.ts";
import { submitRosterData } from "../../shared/api/submit-roster-data.ts";

const usage = `tianbao roster template --unit 370102|370100 [--period 2019] [--out roster.xlsx]
       tianbao roster validate FILE.xlsx [--json]
       tianbao roster submit FILE.xlsx [--unit 370102] [--json] [--server URL] [--token TOKEN]
       tianbao roster status --period 2019 [--unit 370102] [--json] [--server URL] [--token TOKEN]
       tianbao roster compare --period 2019 [--unit 370102] [--json] [--server URL] [--token TOKEN]
       tianbao roster list-upload FILE.xlsx|FILE.csv --period 2019 [--dry-run] [--json] [--server URL] [--token TOKEN]
  template: the blank roster of registered poor students (教扶10) of a county, or of a prefecture for its counties;
  --period defaults to this year (Beijing time), --out to roster-<unit>-<period>.xlsx.
  validate: checks a filled roster offline (R10.1–R10.5), one line per issue; exit 0 when it could be submitted,
  1 when not, 2 when the file is not a readable roster.
  submit: the same check, then the roster without names (they never leave the workbook); --unit, if given, must be
  the workbook's. Prints the receipt and the students also on another unit's roster (masked IDs).
  status: the unit's roster revisions and the latest one's counts and duplicates (--unit defaults to the token's
  unit); for the province without --unit, the pairs of units sharing students.
  compare: the rosters against the poverty office's list: 核准 by stage, 名册有库无 (masked), 库有名册无 with the
  list's row numbers (the county's own clerk only); for the province without --unit, every prefecture and county.
  list-upload: the province uploads the poverty office's list (columns found by header name; IDs hashed on arrival,
  the file not kept), replacing the period's; --dry-run counts valid, invalid and repeated IDs and keeps nothing.`;

/** The blank roster workbook, rendered here: the roster needs nothing from the server. */
async function rosterTemplate(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { ...unitOptions, period: { type: "string" }, out: { type: "string", short: "o" } }, usage);
  if (positionals.length > 0) throw usageError(`多余的参数:${positionals.join(" ")}`, `unexpected arguments: ${positionals.join(" ")}\nusage: ${usage}`);
  const unit = requireReportingUnit(required(unitOptionOf(values, usage), "--unit", usage), unitUsageError);
  const period = requirePeriodCode(values.period ?? beijingTime(new Date().toISOString()).slice(0, 4), usage);
  const output = values.out ?? `roster-${unit.code}-${period}.xlsx`;
  await writeFile(output, renderRosterTemplate(unit, period));
  console.log(
    `已生成 / written: ${output} (${reportScopeOf(unit).title} ${period} 建档立卡学生名册 / roster, ≤ ${rosterMaxRowsOf(unit).toLocaleString("en-US")} students)`,
  );
  return 0;
}

function summaryLine(unit: ReportingUnit, roster: RosterData, validation: ValidationResult): string {
  const unexplained = validation.unexplainedWarnings.length;
  const counts = `${roster.rows.length} 名学生,${validation.errorCount} 个错误、${validation.warningCount} 个警告(${unexplained} 个未说明) / ${englishCount(roster.rows.length, "student")}, ${englishCount(validation.errorCount, "error")}, ${englishCount(validation.warningCount, "warning")} (${unexplained} unexplained)`;
  const name = `${reportScopeOf(unit).title} ${roster.period} 名册`;
  return validation.canSubmit ? `${name} 可以报送 / the roster can be submitted: ${counts}` : `${name} 不能报送 / the roster cannot be submitted: ${counts}`;
}

/** The roster of a workbook file, or exit 2 (with --json, the reason as JSON too). */
async function readRosterFile(file: string, json: boolean | undefined): Promise<RosterData> {
  try {
    return readRosterWorkbook(new Uint8Array(await readFile(file)));
  } catch (error) {
    if (!(error instanceof RosterReadError)) throw error;
    if (json) console.log(JSON.stringify({ readable: false, reason: error.code, messageZh: error.messageZh, messageEn: error.messageEn }, null, 2));
    throw new CliError("不是可读取的名册", `not a readable roster: ${error.message}`, EXIT_UNUSABLE_INPUT);
  }
}

/** Reads and checks a filled roster as the pane will: every issue one line (the cell, the rule, Chinese / English), then a summary. */
async function rosterValidate(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { json: { type: "boolean", default: false } }, usage);
  const [file] = positionals;
  if (!file || positionals.length > 1) throw usageError("请给出一个名册 .xlsx 文件", `give one roster .xlsx file\nusage: ${usage}`);
  const roster = await readRosterFile(file, values.json);
  // The reader has checked that _meta names a reporting unit.
  const unit = requireReportingUnit(roster.unitCode, unitUsageError);
  const validation = validateRoster({ unit, roster });
  const unexplained = new Set(validation.unexplainedWarnings);
  if (values.json) {
    const { issues, errorCount, warningCount, canSubmit } = validation;
    // Output ends up in scripts' logs: a student is named by the masked ID, never the raw one.
    const listed = issues.map((issue) => ({
      ...issue,
      rowKey: issue.rowKey && maskCitizenId(issue.rowKey),
      explained: issue.severity === "warning" && !unexplained.has(issue),
    }));
    console.log(
      JSON.stringify(
        { unitCode: roster.unitCode, period: roster.period, students: roster.rows.length, canSubmit, errorCount, warningCount, issues: listed },
        null,
        2,
      ),
    );
  } else console.log([...validation.issues.map((issue) => issueLine(issue, !unexplained.has(issue))), summaryLine(unit, roster, validation)].join("\n"));
  return validation.canSubmit ? 0 : EXIT_FAILED;
}

/** Checks the roster as validate does, then submits it without names; prints the receipt with the cross-unit duplicates. */
async function rosterSubmit(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { ...serverOptions, ...unitOptions, json: { type: "boolean", default: false } }, usage);
  const [file] = positionals;
  if (!file || positionals.length > 1) throw usageError("请给出一个名册 .xlsx 文件", `give one roster .xlsx file\nusage: ${usage}`);
  const api = apiClientOf(values);
  const roster = await readRosterFile(file, false);
  const named = unitOptionOf(values, usage);
  if (named !== undefined && named !== roster.unitCode)
    throw usageError(`--unit ${named} 与名册的单位 ${roster.unitCode} 不符`, `--unit ${named} is not the roster's unit ${roster.unitCode}\nusage: ${usage}`);
  const unit = requireReportingUnit(roster.unitCode, unitUsageError);
  const validation = validateRoster({ unit, roster });
  if (!validation.canSubmit) {
    const unexplained = new Set(validation.unexplainedWarnings);
    console.error([...validation.issues.map((issue) => issueLine(issue, !unexplained.has(issue))), summaryLine(unit, roster, validation)].join("\n"));
    return EXIT_FAILED;
  }
  const receipt = await submitRosterData(api, roster);
  console.log(values.json ? JSON.stringify(receipt, null, 2) : rosterReceiptLines(reportScopeOf(unit).title, roster.period, receipt).join("\n"));
  return 0;
}

/** status and compare: --period, the unit of --unit or else the token's own (null for a province token), --json. */
async function periodAndUnit(args: string[]) {
  const { values, positionals } = parseCommandArguments(
    args,
    { ...serverOptions, period: { type: "string" }, ...unitOptions, json: { type: "boolean", default: false } },
    usage,
  );
  if (positionals.length > 0) throw usageError(`多余的参数:${positionals.join(" ")}`, `unexpected arguments: ${positionals.join(" ")}\nusage: ${usage}`);
  const period = requirePeriodCode(values.period, usage);
  const api = apiClientOf(values);
  const unitCode = unitOptionOf(values, usage) ?? (await api.me()).unitCode;
  return { values, period, api, unitCode };
}

/** A unit's roster revisions and its latest roster's counts and duplicates; for the province without --unit, the duplicate pairs. */
async function rosterStatus(args: string[]): Promise<number> {
  const { values, period, api, unitCode } = await periodAndUnit(args);
  if (unitCode === null) {
    const duplicates = await api.rosterDuplicates(period);
    console.log(values.json ? JSON.stringify(duplicates, null, 2) : duplicatePairLines(duplicates).join("\n"));
    return 0;
  }
  const unit = requireReportingUnit(unitCode, unitUsageError);
  const revisions = await api.rosterRevisions(period, unit.code);
  const newest = revisions.at(-1);
  const latest = newest && (await api.rosterRevision(period, unit.code, newest.revision));
  if (values.json) console.log(JSON.stringify({ unitCode: unit.code, period, revisions, latest: latest && { ...latest, rows: undefined } }, null, 2));
  else console.log(rosterStatusLines(reportScopeOf(unit).title, revisions, latest).join("\n"));
  return 0;
}

/** The comparison of a unit, or of the province (every prefecture and county) for a token without a unit and no --unit. */
async function rosterCompare(args: string[]): Promise<number> {
  const { values, period, api, unitCode } = await periodAndUnit(args);
  const comparison =
    unitCode === null ? await api.provinceRosterComparison(period) : await api.rosterComparison(period, requireReportingUnit(unitCode, unitUsageError).code);
  if (values.json) console.log(JSON.stringify(comparison, null, 2));
  else console.log(("province" in comparison ? provinceComparisonLines(comparison) : unitComparisonLines(comparison)).join("\n"));
  return 0;
}

/** The province uploads the period's poverty list, or with --dry-run only learns its counts. */
async function rosterListUpload(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArguments(
    args,
    { ...serverOptions, period: { type: "string" }, "dry-run": { type: "boolean", default: false }, json: { type: "boolean", default: false } },
    usage,
  );
  const [file] = positionals;
  if (!file || positionals.length > 1) throw usageError("请给出一个名单 .xlsx 或 .csv 文件", `give one list .xlsx or .csv file\nusage: ${usage}`);
  const period = requirePeriodCode(values.period, usage);
  const api = apiClientOf(values);
  const upload = await api.uploadPovertyList(period, new Uint8Array(await readFile(file)), values["dry-run"]);
  console.log(values.json ? JSON.stringify(upload, null, 2) : listUploadLines(upload).join("\n"));
  return 0;
}

const subcommands: Record<string, (args: string[]) => Promise<number>> = {
  template: rosterTemplate,
  validate: rosterValidate,
  submit: rosterSubmit,
  status: rosterStatus,
  compare: rosterCompare,
  "list-upload": rosterListUpload,
};

export const rosterCommand: Command = {
  usage,
  summary:
    "建档立卡学生名册:生成模板、离线校验、报送(不含姓名)、查看状态、与扶贫名单比对 / The roster of registered poor students: its template, an offline check, submit (no names), status, the comparison with the poverty list",
  async run(args) {
    const [name, ...rest] = args;
    const subcommand = name !== undefined && Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
    if (!subcommand)
      throw usageError(
        `请给出 template、validate、submit、status、compare 或 list-upload:${name ?? ""}`,
        `give template, validate, submit, status, compare or list-upload: ${name ?? "(none)"}\nusage: ${usage}`,
      );
    return subcommand(rest);
  },
};
