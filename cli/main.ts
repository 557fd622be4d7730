// `tianbao <command> …`: the report workbooks and the server from the command line. One module per command.
import { describeFailure } from "./cli-error.ts";
import { asksForHelp, commandHelp } from "./command-arguments.ts";
import type { Command } from "./command-arguments.ts";
import { attachCommand } from "./commands/attach.ts";
import { auditCommand } from "./commands/audit.ts";
import { commentsCommand } from "./commands/comments.ts";
import { followUpsCommand } from "./commands/follow-ups.ts";
import { historyCommand } from "./commands/history.ts";
import { mergeCommand } from "./commands/merge.ts";
import { periodCommand } from "./commands/period.ts";
import { pullCommand } from "./commands/pull.ts";
import { reviewCommand } from "./commands/review.ts";
import { remindCommand } from "./commands/remind.ts";
import { rosterCommand } from "./commands/roster.ts";
import { statusCommand } from "./commands/status.ts";
import { submitCommand } from "./commands/submit.ts";
import { templateCommand } from "./commands/template.ts";
import { tokenCommand } from "./commands/token.ts";
import { validateCommand } from "./commands/validate.ts";

const commands: Record<string, Command> = {
  template: templateCommand,
  validate: validateCommand,
  submit: submitCommand,
  pull: pullCommand,
  status: statusCommand,
  token: tokenCommand,
  period: periodCommand,
  review: reviewCommand,
  remind: remindCommand,
  merge: mergeCommand,
  attach: attachCommand,
  audit: auditCommand,
  history: historyCommand,
  comments: commentsCommand,
  "follow-ups": followUpsCommand,
  roster: rosterCommand,
};

const usage = [
  "填报 Tianbao — 在命令行处理 323 报表工作簿 / the 323 report workbooks from the command line",
  ...Object.values(commands).map((command) => `  ${command.usage}`),
  "--server 与 --token 默认取 TIANBAO_SERVER 与 TIANBAO_TOKEN / --server and --token default to TIANBAO_SERVER and TIANBAO_TOKEN.",
  "tianbao <命令 / command> --help：该命令的说明 / that command's help.",
].join("\n");

async function main(args: string[]): Promise<number> {
  const [first, ...afterFirst] = args;
  // `tianbao help submit` is `tianbao submit --help`.
  const [name, ...rest] = first === "help" && afterFirst.length > 0 ? [afterFirst[0] as string, "--help"] : args;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(usage);
    return name === undefined ? 2 : 0;
  }
  // Own properties only: `tianbao toString` is an unknown command, not Object.prototype's.
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    console.error(`未知命令 ${name} / unknown command ${name}\n${usage}`);
    return 2;
  }
  if (asksForHelp(rest)) {
    console.log(commandHelp(name, command));
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    const { line, exitCode } = describeFailure(error);
    console.error(line);
    return exitCode;
  }
}

process.exitCode = await main(process.argv.slice(2));
