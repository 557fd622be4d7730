// `tianbao <command> …`: the report workbooks and the server from the command line. One module per command.
import { describeFailure } from "./cli-error.ts";
import type { Command } from "./command-arguments.ts";
import { attachCommand } from "./commands/attach.ts";
import { auditCommand } from "./commands/audit.ts";
import { mergeCommand } from "./commands/merge.ts";
import { periodCommand } from "./commands/period.ts";
import { pullCommand } from "./commands/pull.ts";
import { reviewCommand } from "./commands/review.ts";
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
  merge: mergeCommand,
  attach: attachCommand,
  audit: auditCommand,
};

const usage = [
  "填报 Tianbao — the 323 report workbooks from the command line",
  ...Object.values(commands).map((command) => `  ${command.usage}`),
  "--server and --token default to TIANBAO_SERVER and TIANBAO_TOKEN.",
].join("\n");

async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`未知命令 ${name} / unknown command ${name}\n${usage}`);
    return 2;
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
