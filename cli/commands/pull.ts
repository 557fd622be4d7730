import { writeFile } from "node:fs/promises";
import { usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, requirePeriodCode, serverOptions } from "../command-arguments.ts";
import { terminalProgress } from "../progress.ts";

const usage = "tianbao pull --period 2019 -o province.xlsx | --json [-o province.json] [--server URL] [--token TOKEN]";

/** The consolidated workbook of the province (as the Worker renders it), or the consolidated totals as JSON. */
export const pullCommand: Command = {
  usage,
  summary: "全省汇总工作簿，或以 JSON 输出汇总数 / The province's consolidated workbook, or its totals as JSON",
  async run(args) {
    const { values } = parseCommandArguments(
      args,
      { ...serverOptions, period: { type: "string" }, output: { type: "string", short: "o" }, json: { type: "boolean", default: false } },
      usage,
    );
    const period = requirePeriodCode(values.period, usage);
    if (!values.json && !values.output) throw usageError("请用 -o 指定输出文件,或用 --json", `give -o FILE or --json\nusage: ${usage}`);
    const api = apiClientOf(values);
    const progress = terminalProgress();
    progress.step(`取回全省汇总 / pulling the consolidation of ${period} …`);
    try {
      if (values.json) {
        const text = JSON.stringify(await api.consolidated(period), null, 2);
        if (values.output) await writeFile(values.output, `${text}\n`);
        else console.log(text);
      } else {
        await writeFile(values.output as string, await api.consolidatedWorkbookBytes(period));
      }
    } finally {
      progress.done();
    }
    if (values.output) console.error(`已保存 / written: ${values.output}`);
    return 0;
  },
};
