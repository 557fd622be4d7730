import { checkReportFile } from "../checked-report.ts";
import { EXIT_FAILED, usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, serverOptions } from "../command-arguments.ts";
import { checkedReportLines } from "../issue-lines.ts";
import { terminalProgress } from "../progress.ts";
import { receiptLines, submitReport } from "../submit-report.ts";

const usage = "tianbao submit FILE.xlsx [--reason 重报原因] [--json] [--server URL] [--token TOKEN]";

/** Validates the workbook (a prefecture's or a county's), then submits it with the explanations typed on its 说明 sheet; prints the receipt. */
export const submitCommand: Command = {
  usage,
  summary: "校验工作簿并连同说明表的说明报送，打印回执 / Validates the workbook and submits it with the explanations on its 说明 sheet; prints the receipt",
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
      progress.step(`报送 / submitting ${checked.unitName} ${checked.report.period} …`);
      const outcome = await submitReport(api, checked.report, values.reason);
      progress.done();
      if (values.json) {
        console.log(JSON.stringify({ ...outcome.receipt, repeated: outcome.repeated }, null, 2));
      } else {
        for (const line of receiptLines(checked.unitName, checked.report.period, outcome, checked.report.unitCode)) console.log(line);
      }
      return 0;
    } finally {
      progress.done();
    }
  },
};
