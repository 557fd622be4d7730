// `tianbao comments` in-process against a fake server (fetch stubbed): the path and query it asks, the
// newest period when --period is not given, the threads it prints (Beijing time), --json, usage errors.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ValueComment } from "../../shared/api/api-client.ts";
import { describeFailure } from "../../cli/cli-error.ts";
import { commentsCommand } from "../../cli/commands/comments.ts";

const server = "http://fake.test";
let asked: string[];
let out: string[];

const entry = (over: Partial<ValueComment>): ValueComment => ({
  kind: "comment",
  id: 1,
  unitCode: "370100",
  sheetCode: "教扶04",
  cell: "E7",
  address: "教扶04!E7",
  period: "2019",
  revision: 1,
  role: "clerk",
  authorName: "济南市填报员",
  at: "2020-01-10T02:00:00.000Z",
  text: "已核对",
  ...over,
});

const comments: ValueComment[] = [
  entry({ kind: "return", role: "reviewer", authorName: "省厅审核", text: "请核实历下区" }),
  entry({ id: 2, text: "已按学籍系统核对" }),
  entry({ id: 3, cell: "C7", address: "教扶04!C7", text: "另一格" }),
  entry({ id: 4, period: "2020", revision: null, at: "2021-01-10T02:00:00.000Z", text: "口径同上年" }),
];

async function run(args: string[]) {
  out = [];
  const exitCode = await commentsCommand.run([...args, "--server", server, "--token", "t"]).catch((error: unknown) => {
    const failure = describeFailure(error);
    out.push(failure.line);
    return failure.exitCode;
  });
  return { exitCode, stdout: out.join("\n") };
}

beforeEach(() => {
  asked = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void out.push(line));
  vi.stubGlobal("fetch", async (url: string) => {
    const { pathname, searchParams } = new URL(url);
    asked.push(`${pathname.replace(/^\/api\/v1/, "")}${searchParams.size > 0 ? ` cell=${searchParams.get("cell")}` : ""}`);
    if (pathname.endsWith("/periods")) return Response.json({ periods: [{ code: "2019" }, { code: "2020" }] });
    const cell = searchParams.get("cell");
    return Response.json({ comments: cell ? comments.filter((comment) => comment.address === cell) : comments });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("tianbao comments", () => {
  it("asks for the cell's thread in the newest period's layout and prints each entry with when, who, against what", async () => {
    const { exitCode, stdout } = await run(["--unit", "370100", "--cell", "教扶04!E7"]);
    expect(exitCode).toBe(0);
    expect(asked).toEqual(["/periods", "/periods/2020/units/370100/comments cell=教扶04!E7"]);
    expect(stdout.split("\n")).toEqual([
      "370100 济南市",
      "教扶04!E7:",
      "  2020-01-10 10:00:00  审核方 / reviewer 省厅审核  (2019 修订 / rev. 1)  退回 / return: 请核实历下区",
      "  2020-01-10 10:00:00  填报员 / clerk 济南市填报员  (2019 修订 / rev. 1): 已按学籍系统核对",
      "  2021-01-10 10:00:00  填报员 / clerk 济南市填报员  (2020): 口径同上年",
    ]);
  });

  it("without --cell: every thread of the unit, cell by cell; --json prints the API's answer", async () => {
    const { stdout } = await run(["--unit", "370100", "--period", "2019"]);
    expect(asked).toEqual(["/periods/2019/units/370100/comments"]);
    expect(stdout.split("\n").filter((line) => line.endsWith(":"))).toEqual(["教扶04!E7:", "教扶04!C7:"]);
    const json = await run(["--prefecture", "370100", "--cell", "教扶04!C7", "--period", "2019", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual({ comments: [comments[2]] });
  });

  it("without --unit, or with a code that is no unit, is a usage error (exit 2) and asks nothing", async () => {
    for (const args of [
      ["--cell", "教扶04!E7"],
      ["--unit", "379999"],
    ])
      expect((await run(args)).exitCode).toBe(2);
    expect(asked).toEqual([]);
  });
});
