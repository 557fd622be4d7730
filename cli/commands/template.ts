import { writeFile } from "node:fs/promises";
import { builtInEditions, formSetOf, newPeriodEdition } from "../../shared/forms/form-set.ts";
import type { FormSetLookup } from "../../shared/forms/form-set.ts";
import { requireReportingUnit } from "../../shared/units/reporting-tree.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { usageError } from "../cli-error.ts";
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
import { reportScopeOf } from "../../shared/units/report-scope.ts";

const usage =
  "tianbao template --unit 370100|370102 (--prefecture 370100) --period 2019 -o jinan.xlsx [--server URL --token TOKEN | --local [--edition 323/2019]]";

/**
 * The blank standard workbook. With a server and token (--server/--token or TIANBAO_SERVER/
 * TIANBAO_TOKEN) it is the server's template, whose hidden _prev sheet carries last period's
 * accepted figures, so that `validate` checks the history rules offline as the add-in does.
 * Otherwise (or with --local) it is rendered here by the same code, without them; stderr says which.
 * --unit takes a prefecture or a county (a county's workbook: its own row, its part of 教扶06);
 * --prefecture is its older name. The server serves both (a county's _prev: its own accepted row).
 * The server's template is of the period's edition; one rendered here is of --edition, by default
 * the edition new periods get. `editions` are the built-in ones unless a test gives its own.
 */
export const templateCommand = {
  usage,
  summary:
    "下载或生成空白标准工作簿（地市或县，可指定版本） / The blank standard workbook of a prefecture or a county, from the server or rendered here in a given edition",
  async run(args: string[], editions: FormSetLookup = formSetOf) {
    const { values } = parseCommandArguments(
      args,
      {
        ...serverOptions,
        ...unitOptions,
        period: { type: "string" },
        output: { type: "string", short: "o" },
        local: { type: "boolean", default: false },
        edition: { type: "string" },
      },
      usage,
    );
    const unit = requireReportingUnit(required(unitOptionOf(values, usage), "--unit", usage), unitUsageError);
    const unitName = reportScopeOf(unit).title;
    const period = requirePeriodCode(values.period, usage);
    const output = required(values.output, "-o", usage);
    if (values.local && (values.server !== undefined || values.token !== undefined))
      throw usageError("--local 不能与 --server/--token 同用", `--local takes no --server or --token\nusage: ${usage}`);

    // Flags ask for the server (and must be complete); the environment is used when it names both.
    const explicit = values.server !== undefined || values.token !== undefined;
    const fromServer = !values.local && (explicit || (Boolean(process.env.TIANBAO_SERVER) && Boolean(process.env.TIANBAO_TOKEN)));
    if (!fromServer) {
      const edition = values.edition ?? newPeriodEdition;
      const formSet = editions(edition);
      if (!formSet)
        throw usageError(
          `没有报表版本 ${edition}(可用:${builtInEditions.join("、")})`,
          `no edition ${edition} (known: ${builtInEditions.join(", ")})\nusage: ${usage}`,
        );
      await writeFile(output, renderReportTemplate({ formSet, unit, period }));
      console.error(
        values.local
          ? "本地生成(--local),不含上期通过数:历史规则由服务器在报送时审核 / rendered locally (--local), without last period's accepted figures: the server checks the history rules on submit"
          : "未指定服务器和令牌,本地生成,不含上期通过数:历史规则由服务器在报送时审核 / no server and token: rendered locally, without last period's accepted figures; the server checks the history rules on submit",
      );
      console.log(`已生成 / written: ${output} (${unitName} ${period}, ${formSet.edition})`);
      return 0;
    }
    if (values.edition !== undefined)
      throw usageError(
        "--edition 只用于本地生成(--local):服务器的模板取报告期的版本",
        `--edition is for --local: the server's template is of the period's edition\nusage: ${usage}`,
      );

    const api = apiClientOf(values);
    const bytes = await api.templateBytes(period, unit.code);
    // Read back as `validate` will: the edition the server uses, and whether _prev holds last period's figures.
    const { report, previous } = readReportWorkbookContents(bytes, { formSetOf: editions });
    await writeFile(output, bytes);
    console.error(
      previous
        ? `取自服务器 ${api.baseUrl},含 ${previous.period} 年通过数(_prev),可离线审核历史规则 / from the server ${api.baseUrl}, with ${previous.period}'s accepted figures in _prev: validate checks the history rules offline`
        : `取自服务器 ${api.baseUrl};服务器上没有 ${Number(period) - 1} 年的通过数,_prev 为空 / from the server ${api.baseUrl}; it has no accepted report of ${Number(period) - 1}, so _prev is empty`,
    );
    console.log(`已生成 / written: ${output} (${unitName} ${period}, ${report.edition})`);
    return 0;
  },
} satisfies Command;
