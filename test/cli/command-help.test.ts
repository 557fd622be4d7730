// Every command's --help (and -h), run as a user would: the real `tianbao` in a child process. The
// commands are those `tianbao --help` lists, so a command registered later is held to it too.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../../cli/bin/tianbao.mjs", import.meta.url));

function tianbao(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const { TIANBAO_SERVER: _server, TIANBAO_TOKEN: _token, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env }, (error, stdout, stderr) =>
      resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The command names `tianbao --help` lists, one per usage line "  tianbao <name> …". */
async function listedCommands(): Promise<string[]> {
  const { exitCode, stdout } = await tianbao(["--help"]);
  expect(exitCode).toBe(0);
  return [...new Set([...stdout.matchAll(/^ {2}tianbao ([a-z-]+)/gm)].map((match) => match[1] as string))];
}

describe("tianbao <command> --help", () => {
  it("prints the command's purpose (Chinese, then English) and usage, and exits 0 without doing anything, for every command listed", async () => {
    const names = await listedCommands();
    expect(names).toEqual(
      expect.arrayContaining(["template", "validate", "submit", "pull", "status", "token", "period", "review", "merge", "attach", "follow-ups"]),
    );
    for (const name of names) {
      for (const flag of ["--help", "-h"]) {
        const run = await tianbao([name, flag]);
        expect({ name, flag, exitCode: run.exitCode, stderr: run.stderr }).toEqual({ name, flag, exitCode: 0, stderr: "" });
        const [title, usage] = run.stdout.split("\n");
        expect(title).toMatch(new RegExp(`^tianbao ${name} — \\p{Script=Han}.* / [A-Z]`, "u"));
        expect(usage).toMatch(new RegExp(`^用法 / usage: tianbao ${name} `));
      }
    }
  }, 120_000);

  it("wins over the command's other arguments, missing or not (before a --), and `tianbao help <command>` says the same", async () => {
    const help = await tianbao(["submit", "--help"]);
    for (const args of [
      ["submit", "no-such.xlsx", "--bogus", "-h"],
      ["help", "submit"],
    ]) {
      expect(await tianbao(args)).toEqual(help);
    }
    const tokenCreate = await tianbao(["token", "create", "--role", "clerk", "--help"]);
    expect(tokenCreate.exitCode).toBe(0);
    expect(tokenCreate.stdout).toContain("用法 / usage: tianbao token create");
    // Without --help an unknown option is still a usage error, and after -- "--help" is no flag.
    const bogus = await tianbao(["submit", "--bogus"]);
    expect(bogus.exitCode).toBe(2);
    expect(bogus.stderr).toContain("usage: tianbao submit");
    expect((await tianbao(["validate", "--", "--help"])).exitCode).not.toBe(0);
  }, 60_000);
});
