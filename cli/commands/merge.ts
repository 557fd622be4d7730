import { requireReportingUnit } from "../../shared/units/reporting-tree.ts";
import { readFile, writeFile } from "node:fs/promises";
import type { FormSet } from "../../shared/forms/form-set.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { reportScopeOf } from "../../shared/units/report-scope.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { mergedWorkbookInput } from "../../shared/workbook/merged-workbook.ts";
import { CliError, EXIT_FAILED, usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import {
  apiClientOf,
  parseCommandArguments,
  requirePeriodCode,
  unitOptionOf,
  unitOptions,
  unitUsageError,
  required,
  serverOptions,
} from "../command-arguments.ts";
import { checkedReportLines } from "../issue-lines.ts";
import { provenanceLines, rebuildLines, requireOwnCover, unfinishedMergeLines } from "../merged-report.ts";
import { terminalProgress } from "../progress.ts";
import { receiptLines, submitReport } from "../submit-report.ts";

const usage =
  "tianbao merge --period 2019 --unit 370100 --cover-from jinan.xlsx [-o merged.json|merged.xlsx] [--submit [--reason 重报原因]] [--json] [--server URL] [--token TOKEN]  (--prefecture is --unit's older name)";

/**
 * The prefecture's clerk: the report merged on the server from the counties' included revisions
 * (shared/consolidate/inclusion.ts), with the prefecture's own cover (and its 合计 rows' explanations) from a
 * workbook of the prefecture, written as the prefecture's standard workbook — the same one the page's
 * merge gives (shared/workbook/merged-workbook.ts: 各县来源, the counties' rows locked) — or JSON
 * and/or submitted as the prefecture's next revision (the same idempotency as `submit`). Prints which
 * county revision each row came from and the counties missing (returned, or never submitted).
 */
export const mergeCommand: Command = {
  usage,
  summary:
    "由各县最新未退回的修订合成本市报表，附本市封面，写成文件或报送 / Builds the prefecture's report from its counties' newest revisions not returned, with its own cover; writes it or submits it",
  async run(args) {
    const { values, positionals } = parseCommandArguments(
      args,
      {
        ...serverOptions,
        period: { type: "string" },
        ...unitOptions,
        "cover-from": { type: "string" },
        output: { type: "string", short: "o" },
        submit: { type: "boolean", default: false },
        reason: { type: "string" },
        json: { type: "boolean", default: false },
      },
      usage,
    );
    if (positionals.length > 0) throw usageError(`多余的参数:${positionals.join(" ")}`, `unexpected arguments: ${positionals.join(" ")}\nusage: ${usage}`);
    const period = requirePeriodCode(values.period, usage);
    const unit = requireReportingUnit(required(unitOptionOf(values, usage), "--unit", usage), unitUsageError);
    const unitName = reportScopeOf(unit).title;
    if (!unit.children[0]?.level.report)
      throw usageError(`${unitName} 没有下级报送单位,无可合成`, `${unit.nameEn} has no units reporting to it: nothing to merge\nusage: ${usage}`);
    const output = values.output;
    if (output !== undefined && !/\.(json|xlsx)$/i.test(output))
      throw usageError(`输出文件须为 .json 或 .xlsx:${output}`, `the output is a .json or .xlsx file: ${output}\nusage: ${usage}`);
    if (!output && !values.submit) throw usageError("请用 -o 指定输出文件,或用 --submit 报送", `give -o FILE or --submit\nusage: ${usage}`);
    if (values.reason !== undefined && !values.submit) throw usageError("--reason 只用于 --submit", `--reason goes with --submit\nusage: ${usage}`);
    const coverFrom = values["cover-from"];
    if (!coverFrom)
      throw usageError(
        `缺少 ${unitName} 的封面(单位负责人、填表人等):请用 --cover-from 指定 ${unitName} 的工作簿`,
        `${unit.nameEn}'s cover (head of unit, filled by, …) is missing: give --cover-from with a workbook of ${unit.nameEn}\nusage: ${usage}`,
      );
    const coverSource = readReportWorkbookContents(new Uint8Array(await readFile(coverFrom)), { formSetOf }).report;

    const api = apiClientOf(values);
    const progress = terminalProgress();
    try {
      progress.step(`取回下级合成的报表 / fetching ${unitName}'s report merged from its counties …`);
      const merged = await api.merged(period, unit.code);
      const formSet = formSetOf(merged.report.edition) as FormSet;
      requireOwnCover(formSet, unit, coverSource);
      const xlsx = output?.toLowerCase().endsWith(".xlsx") === true;
      // The server's template of the unit carries last period's accepted figures (_prev), as the page's merged workbook does.
      const previous = xlsx ? readReportWorkbookContents(await api.templateBytes(period, unit.code), { formSetOf }).previous : undefined;
      // The unit's latest revision: the rows its clerk typed there for counties still without a revision are kept, as the page's rebuild keeps them.
      const latestRevision = (await api.submissions(period, unit.code)).at(-1)?.revision;
      const latest = latestRevision === undefined ? undefined : await api.submission(period, unit.code, latestRevision);
      const workbook = mergedWorkbookInput({ formSet, unit, period, merged, own: coverSource, latest, previous });
      const { report } = workbook;
      progress.done();
      if (!values.json) for (const line of [...provenanceLines(merged), ...rebuildLines(merged, workbook.kept, latestRevision)]) console.log(line);

      if (xlsx && output) await writeFile(output, renderReportTemplate(workbook));
      else if (output) await writeFile(output, `${JSON.stringify({ ...merged, report }, null, 2)}\n`);
      if (output) console.error(`已保存 / written: ${output}`);
      // Where the merged report's rows came from, as --json prints it with or without the receipt.
      const sources = {
        provenance: merged.provenance,
        missingUnits: merged.missingUnits,
        returnedUnits: merged.returnedUnits,
        notAccepted: merged.notAccepted,
        keptUnits: workbook.kept,
      };
      if (!values.submit) {
        if (values.json) console.log(JSON.stringify(sources, null, 2));
        return 0;
      }

      const validation = validateReport({ formSet, unit, report });
      if (!validation.canSubmit) {
        // The counties whose rows are blank: missing, and none typed for them in the latest revision.
        const blank = { ...merged, missingUnits: merged.missingUnits.filter((code) => !workbook.kept.includes(code)) };
        if (blank.missingUnits.length > 0) {
          const again = `tianbao merge --period ${period} --unit ${unit.code} --cover-from ${coverFrom}`;
          console.error(unfinishedMergeLines(blank, validation, { mergeCommand: again, file: `${unit.code}-${period}.xlsx` }).join("\n"));
        } else {
          console.error(checkedReportLines({ report, formSet, unit, unitName, validation, previous: undefined, notes: [] }).join("\n"));
        }
        throw new CliError(
          `未报送:合成的报表有错误或未说明的警告(未纳入 ${merged.missingUnits.length} 个下级)`,
          `not submitted: the merged report has errors or unexplained warnings (${merged.missingUnits.length} units below missing)`,
          EXIT_FAILED,
        );
      }
      progress.step(`报送 / submitting ${unitName} ${period} …`);
      const outcome = await submitReport(api, report, values.reason);
      progress.done();
      if (values.json) {
        console.log(JSON.stringify({ ...outcome.receipt, repeated: outcome.repeated, ...sources }, null, 2));
      } else {
        for (const line of receiptLines(unitName, period, outcome, unit.code)) console.log(line);
      }
      return 0;
    } finally {
      progress.done();
    }
  },
};
