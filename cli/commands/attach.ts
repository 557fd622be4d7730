import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { CliError, usageError } from "../cli-error.ts";
import type { Command } from "../command-arguments.ts";
import { apiClientOf, parseCommandArguments, requirePeriodCode, serverOptions } from "../command-arguments.ts";

const usage =
  "tianbao attach stamped.pdf --period 2019 [--revision N] [--json] [--server URL] [--token TOKEN]  (clerk token; PDF, JPEG or PNG; the latest revision by default)";

/** Attaches the signed and stamped copy (盖章件) of the clerk's revision; the server judges the file by its bytes. */
export const attachCommand: Command = {
  usage,
  summary:
    "附上最新修订的盖章件（PDF、JPEG 或 PNG），由服务器按文件内容判断类型 / Attaches the signed and stamped copy (PDF, JPEG or PNG) of the latest revision; the server judges the file by its bytes",
  async run(args) {
    const { values, positionals } = parseCommandArguments(
      args,
      { ...serverOptions, period: { type: "string" }, revision: { type: "string" }, json: { type: "boolean", default: false } },
      usage,
    );
    const period = requirePeriodCode(values.period, usage);
    const [file] = positionals;
    if (file === undefined || positionals.length > 1) throw usageError("请给出一个盖章件文件", `give one file: the stamped copy\nusage: ${usage}`);
    if (values.revision !== undefined && !/^[1-9]\d{0,5}$/.test(values.revision))
      throw usageError(`修订号应为正整数:${values.revision}`, `--revision is a number, 1 or more: ${values.revision}`);
    const api = apiClientOf(values);
    const me = await api.me();
    if (me.role !== "clerk" || !me.unitCode) throw new CliError("只有地市填报员能附盖章件", "only a prefecture clerk can attach the stamped copy");
    const revision = values.revision !== undefined ? Number(values.revision) : (await api.submissions(period, me.unitCode)).at(-1)?.revision;
    if (revision === undefined)
      throw new CliError(`${me.unitCode} 在 ${period} 尚未报送,先报送再附盖章件`, `${me.unitCode} has not submitted for ${period}: submit first, then attach`);
    const attachment = await api.attach(period, me.unitCode, revision, new Uint8Array(await readFile(file)), basename(file));
    if (values.json) console.log(JSON.stringify(attachment, null, 2));
    else
      console.log(
        `已附盖章件 / stamped copy attached: ${me.unitCode} ${period} 修订 / revision ${attachment.revision} 第 ${attachment.sequence} 份 / copy ${attachment.sequence}  ${attachment.mediaType}  ${attachment.sizeBytes} B  sha256 ${attachment.sha256}`,
      );
    return 0;
  },
};
