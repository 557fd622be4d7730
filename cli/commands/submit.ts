import { checkReportFile } from "../checked-report.ts";
import { CliError, EXIT_FAILED, usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, serverOptions } from "../command-arguments.ts";
import { checkedReportLines } from "../issue-lines.ts";
import { terminalProgress } from "../progress.ts";
import { submitReport } from "../submit-report.ts";

const usage = "tianbao submit FILE.xlsx [--reason 重报原因] [--json] [--server URL] [--token TOKEN]";

/** Validates the workbook, then submits it with the explanations typed on its 说明 sheet; prints the receipt. */
export const submitCommand: Command = {
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArguments(
      args,
      { ...serverOptions, reason: { type: "string" }, json: { type: "boolean", default: false } },
      usage,
    );
    const [file] = positionals;
    if (!file || positionals.length > 1) throw usageError("请给出一个 .xlsx 文件", `give one .xlsx file\nusage: ${usage}`);
    const api = apiClientOf(values);
    const progress = terminalProgress();
    try {
      progress.step(`读取并审核 / reading and validating ${file} …`);
      const checked = await checkReportFile(file);
      if (!checked.validation.canSubmit) {
        progress.done();
        console.error(checkedReportLines(checked).join("\n"));
        console.error("未报送:请先改正错误并在“说明”表中说明警告 / not submitted: fix the errors and explain the warnings on the 说明 sheet first");
        return EXIT_FAILED;
      }
      // The server takes prefecture reports only, until county clerks have their tokens and routes (issue 12).
      if (checked.unit.level.code !== "prefecture")
        throw new CliError(
          `${checked.unitName} 的报表暂不能报送:服务器目前只接收地市报表`,
          `${checked.unitName}'s report cannot be submitted yet: the server takes prefecture reports only`,
          EXIT_FAILED,
        );
      progress.step(`报送 / submitting ${checked.unitName} ${checked.report.period} …`);
      const { receipt, repeated } = await submitReport(api, checked.report, values.reason);
      progress.done();
      if (values.json) {
        console.log(JSON.stringify({ ...receipt, repeated }, null, 2));
      } else {
        const what = repeated ? "此前已报送,未产生新修订 / already submitted, no new revision" : "已报送 / submitted";
        console.log(`${what}: ${checked.unitName} ${checked.report.period} 修订 / revision ${receipt.revision}`);
        console.log(`  submissionId ${receipt.submissionId}  submittedAt ${receipt.submittedAt}  status ${receipt.status}  sha256 ${receipt.sha256}`);
      }
      return 0;
    } finally {
      progress.done();
    }
  },
};
