// --edition on the command line: `tianbao template --local --edition` renders the workbook of the
// edition named (a made-up one too, when the command is given a lookup that knows it), and
// `tianbao period open --edition` asks the server for a period of that edition. In-process, the
// server faked by a stubbed fetch.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeFailure } from "../../cli/cli-error.ts";
import type { Command } from "../../cli/command-arguments.ts";
import { periodCommand } from "../../cli/commands/period.ts";
import { templateCommand } from "../../cli/commands/template.ts";
import { formSetOf, newPeriodEdition } from "../../shared/forms/form-set.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { readXlsx } from "../../shared/xlsx/read-xlsx.ts";
import { madeUpEdition, withMadeUpEdition } from "../support/made-up-edition.ts";

const dir = mkdtempSync(join(tmpdir(), "tianbao-edition-option-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let out: string[];
let err: string[];
let bodies: unknown[];

beforeEach(() => {
  out = [];
  err = [];
  bodies = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(line));
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { code: string; editionId?: string };
    bodies.push(body);
    const period = { code: body.code, editionId: body.editionId ?? newPeriodEdition, status: "open", deadline: null, openedAt: "2026-12-07T00:00:00.000Z" };
    return Response.json({ ...period, lockedAt: null, requireStampedCopy: false, requireRoster: false, openUnlocks: [], levelDeadlines: {} }, { status: 201 });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function run(command: Pick<Command, "run">, args: string[]) {
  const exitCode = await command.run(args).catch((error: unknown) => {
    const failure = describeFailure(error);
    err.push(failure.line);
    return failure.exitCode;
  });
  return { exitCode, stdout: out.join("\n"), stderr: err.join("\n") };
}

const editionOf = (path: string) => readReportWorkbookContents(new Uint8Array(readFileSync(path)), { formSetOf: withMadeUpEdition }).report.edition;
/** Whether the workbook's 教扶04 sheet has a 支教教师 column heading. */
const hasAidTeachers = (path: string) =>
  [
    ...readXlsx(new Uint8Array(readFileSync(path)))
      .sheets.find((sheet) => sheet.name.startsWith("教扶04"))!
      .cells.values(),
  ].some((cell) => String(cell.value).includes("支教教师"));

describe("tianbao template --local --edition", () => {
  it("renders the made-up edition's workbook, 支教教师 included, and says which edition it wrote", async () => {
    const output = join(dir, "jinan-2020.xlsx");
    const run2020 = await run({ run: (args) => templateCommand.run(args, withMadeUpEdition) }, [
      "--unit",
      "370100",
      "--period",
      "2020",
      "-o",
      output,
      "--local",
      "--edition",
      madeUpEdition,
    ]);
    expect(run2020.exitCode).toBe(0);
    expect(run2020.stdout).toContain(`, ${madeUpEdition})`);
    expect(editionOf(output)).toBe(madeUpEdition);
    expect(hasAidTeachers(output)).toBe(true);
  });

  it("renders the edition new periods get when none is named, and a built-in edition by name", async () => {
    for (const args of [[], ["--edition", newPeriodEdition]]) {
      const output = join(dir, `jinan-${args.length}.xlsx`);
      expect((await run(templateCommand, ["--unit", "370102", "--period", "2019", "-o", output, "--local", ...args])).exitCode).toBe(0);
      expect(editionOf(output)).toBe(newPeriodEdition);
      expect(hasAidTeachers(output)).toBe(false);
    }
  });

  it("refuses an edition it does not know, naming the ones it knows; --edition is for --local only", async () => {
    const unknown = await run(templateCommand, ["--unit", "370100", "--period", "2020", "-o", join(dir, "x.xlsx"), "--local", "--edition", madeUpEdition]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain(`没有报表版本 ${madeUpEdition}`);
    expect(unknown.stderr).toContain(`known: ${formSetOf(newPeriodEdition)!.edition}`);
    const withServer = await run(templateCommand, [
      "--unit",
      "370100",
      "--period",
      "2020",
      "-o",
      join(dir, "y.xlsx"),
      "--server",
      "http://fake.test",
      "--token",
      "t",
      "--edition",
      newPeriodEdition,
    ]);
    expect(withServer.exitCode).toBe(2);
    expect(withServer.stderr).toContain("--edition is for --local");
  });
});

describe("tianbao period open --edition", () => {
  it("asks the server for a period of the edition named, and by default names none (the server's default)", async () => {
    const server = ["--server", "http://fake.test", "--token", "t"];
    expect((await run(periodCommand, ["open", "2020", "--edition", madeUpEdition, ...server])).exitCode).toBe(0);
    expect(out.at(-1)).toContain(`2020 (${madeUpEdition})`);
    expect((await run(periodCommand, ["open", "2021", ...server])).exitCode).toBe(0);
    expect(bodies).toEqual([{ code: "2020", editionId: madeUpEdition }, { code: "2021" }]);
    const malformed = await run(periodCommand, ["open", "2022", "--edition", "2022", ...server]);
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toContain("an edition looks like 323/2019");
    expect((await run(periodCommand, ["lock", "2020", "--edition", madeUpEdition, ...server])).exitCode).toBe(2);
    expect(bodies).toHaveLength(2);
  });
});
