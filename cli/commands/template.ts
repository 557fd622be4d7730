import { writeFile } from "node:fs/promises";
import { currentFormSet } from "../../shared/forms/form-set.ts";
import { regionTable } from "../../shared/regions/region-table.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { parseCommandArguments, requirePeriodCode, required } from "../command-arguments.ts";

const usage = "tianbao template --prefecture 370100 --period 2019 -o jinan.xlsx";

/** The blank standard workbook, rendered here (no server needed) by the same code the Worker serves it with. */
export const templateCommand: Command = {
  usage,
  async run(args) {
    const { values } = parseCommandArguments(args, { prefecture: { type: "string" }, period: { type: "string" }, output: { type: "string", short: "o" } }, usage);
    const prefectureCode = required(values.prefecture, "--prefecture", usage);
    const prefecture = regionTable.prefecture(prefectureCode);
    if (!prefecture) throw usageError(`${prefectureCode} 不是山东省的地市代码`, `${prefectureCode} is not a prefecture of Shandong`);
    const period = requirePeriodCode(values.period, usage);
    const output = required(values.output, "-o", usage);
    await writeFile(output, renderReportTemplate({ formSet: currentFormSet, prefecture, period }));
    console.log(`已生成 / written: ${output} (${prefecture.name} ${period}, ${currentFormSet.edition})`);
    return 0;
  },
};
