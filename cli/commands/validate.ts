import { checkReportFile } from "../checked-report.ts";
import { EXIT_FAILED, EXIT_UNUSABLE_INPUT, usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { parseCommandArguments } from "../command-arguments.ts";
import { checkedReportJson, checkedReportLines } from "../issue-lines.ts";
import { WorkbookReadError } from "../../shared/workbook/read-report.ts";

const usage = "tianbao validate FILE.xlsx [--json]";

/** Exit 0 when the workbook could be submitted, 1 when not, 2 when it is not a readable template. */
export const validateCommand: Command = {
  usage,
  summary: "离线校验工作簿，问题逐条列出；可报送时退出码为 0 / Checks a workbook offline and lists its issues; exit 0 when it could be submitted",
  async run(args) {
    const { values, positionals } = parseCommandArguments(args, { json: { type: "boolean", default: false } }, usage);
    const [file] = positionals;
    if (!file || positionals.length > 1) throw usageError("请给出一个 .xlsx 文件", `give one .xlsx file\nusage: ${usage}`);
    try {
      const checked = await checkReportFile(file);
      console.log(values.json ? JSON.stringify(checkedReportJson(checked), null, 2) : checkedReportLines(checked).join("\n"));
      return checked.validation.canSubmit ? 0 : EXIT_FAILED;
    } catch (error) {
      // A script asking for JSON gets the reason as JSON too; the one-line message goes to stderr either way.
      if (values.json && error instanceof WorkbookReadError) {
        console.log(JSON.stringify({ readable: false, reason: error.code, messageZh: error.messageZh, messageEn: error.messageEn }, null, 2));
        console.error(error.message);
        return EXIT_UNUSABLE_INPUT;
      }
      throw error;
    }
  },
};
