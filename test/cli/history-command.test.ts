// `tianbao history` in-process against a fake server (fetch stubbed): the path and query it asks, the
// newest period when --period is not given, the lines it prints (Beijing time), --json, usage errors.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ValueHistory } from "../../shared/api/api-client.ts";
import { describeFailure } from "../../cli/cli-error.ts";
import { historyCommand } from "../../cli/commands/history.ts";

const server = "http://fake.test";
let asked: string[];
let out: string[];

const entry = (period: string, revision: number, status: "submitted" | "returned" | "accepted", value: number | null) => ({
  period,
  revision,
  status,
  value,
  submittedAt: "2021-01-10T02:00:00.000Z",
  submittedByName: "济南市填报员",
  resubmissionReason: null,
  explanations: [],
  reviews: [],
});

const history: ValueHistory = {
  period: "2020",
  unitCode: "370100",
  sheetCode: "教扶04",
  sheetName: "教扶04 教师队伍提升",
  cell: "E7",
  address: "教扶04!E7",
  rowKey: "370102",
  fieldCode: "E04_PRIN",
  labelZh: "其中:城镇校长到乡村学校任职、交流",
  labelEn: "of whom town principals posted to rural schools",
  earlier: [entry("2019", 2, "accepted", 14)],
  revisions: [
    {
      ...entry("2020", 1, "returned", 15),
      reviews: [{ action: "return", comment: "请核实历下区", actedByName: "省厅审核", actedAt: "2021-01-11T03:00:00.000Z" }],
    },
    {
      ...entry("2020", 2, "submitted", 0),
      resubmissionReason: "按审核意见核减",
      explanations: [{ ruleId: "R04.2", messageZh: "累计数低于上期通过数", messageEn: "lower", explanation: "误将县直校长计入" }],
    },
  ],
};

async function run(args: string[]) {
  out = [];
  const exitCode = await historyCommand.run([...args, "--server", server, "--token", "t"]).catch((error: unknown) => {
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
    return Response.json(history);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("tianbao history", () => {
  it("asks for the newest period's history of the cell and prints earlier accepted values, then each revision with who, when and why", async () => {
    const { exitCode, stdout } = await run(["--unit", "370100", "--cell", "教扶04!E7"]);
    expect(exitCode).toBe(0);
    expect(asked).toEqual(["/periods", "/periods/2020/units/370100/history cell=教扶04!E7"]);
    expect(stdout.split("\n")).toEqual([
      "370100 济南市  2020  教扶04!E7  其中:城镇校长到乡村学校任职、交流 / of whom town principals posted to rural schools",
      "往期通过 / accepted in earlier periods:",
      "  2019 修订 / rev. 2  14  通过 / accepted  济南市填报员  2021-01-10 10:00:00",
      "2020 各修订 / revisions:",
      "  修订 / rev. 1  15  退回 / returned  济南市填报员  2021-01-10 10:00:00",
      "      退回意见 / returned (省厅审核, 2021-01-11 11:00:00): 请核实历下区",
      "  修订 / rev. 2  0  已报 / submitted  济南市填报员  2021-01-10 10:00:00",
      "      重报原因 / reason: 按审核意见核减",
      "      R04.2 累计数低于上期通过数  说明 / explanation: 误将县直校长计入",
    ]);
  });

  it("--period names the period, --prefecture is --unit's alias, --json prints the API's answer", async () => {
    const { exitCode, stdout } = await run(["--prefecture", "370100", "--cell", "教扶04!E7", "--period", "2020", "--json"]);
    expect(exitCode).toBe(0);
    expect(asked).toEqual(["/periods/2020/units/370100/history cell=教扶04!E7"]);
    expect(JSON.parse(stdout)).toEqual(history);
  });

  it("without --unit or --cell, or with a code that is no unit, is a usage error (exit 2) and asks nothing", async () => {
    for (const args of [
      ["--cell", "教扶04!E7"],
      ["--unit", "370100"],
      ["--unit", "379999", "--cell", "教扶04!E7"],
    ]) {
      expect((await run(args)).exitCode).toBe(2);
    }
    expect(asked).toEqual([]);
  });
});
