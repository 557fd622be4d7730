// `tianbao follow-ups` in-process against a fake server (fetch stubbed): what it asks (method, path,
// query, body), the newest period when --period is not given, the lines it prints (Beijing time),
// --json, usage errors before any request, and the server's 409s as one line naming the mark.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FollowUp } from "../../shared/api/api-client.ts";
import { describeFailure } from "../../cli/cli-error.ts";
import { followUpsCommand } from "../../cli/commands/follow-ups.ts";

const server = "http://fake.test";
let asked: string[];
let out: string[];

const mark = (over: Partial<FollowUp>): FollowUp => ({
  id: 1,
  periodCode: "2020",
  unitCode: "370100",
  sheetCode: "教扶04",
  rowKey: "370102",
  fieldCode: "E04_PRIN",
  cell: "E7",
  address: "教扶04!E7",
  note: "请核实历下区校长交流数",
  markedByName: "省厅审核",
  markedAt: "2021-01-10T02:00:00.000Z",
  open: true,
  clearedByName: null,
  clearedAt: null,
  clearNote: null,
  ...over,
});

const open = mark({});
const cleared = mark({
  id: 2,
  cell: "C7",
  address: "教扶04!C7",
  note: "与上年差距大",
  open: false,
  clearedByName: "济南市填报员",
  clearedAt: "2021-01-12T01:30:00.000Z",
  clearNote: "已核实，数字无误",
});
const county = mark({ id: 3, unitCode: "370102", note: "县数与地市不一致" });
const marks = [open, cleared, county];

const conflict = (detail: string, followUp: FollowUp) =>
  Response.json({ type: "https://tianbao.example/problems/conflict", title: "Conflict", status: 409, detail, followUp }, { status: 409 });

/** The fake server: lists (open ones unless state=all), a mark (E7 has an open one: 409), a clear (#2 was cleared: 409). */
async function answer(method: string, pathname: string, all: boolean, body: { cell?: string; note?: string }): Promise<Response> {
  if (pathname === "/periods") return Response.json({ periods: [{ code: "2019" }, { code: "2020" }] });
  const unitMatch = /^\/periods\/\d{4}\/units\/(\d{6})\/follow-ups$/.exec(pathname);
  const shown = (list: FollowUp[]) => Response.json({ followUps: list.filter((one) => all || one.open) });
  if (method === "GET") return shown(unitMatch ? marks.filter((one) => one.unitCode === unitMatch[1]) : marks);
  if (unitMatch) {
    if (body.cell === open.address) return conflict("教扶04!E7 已在跟进中", open);
    return Response.json(mark({ id: 4, cell: "D7", address: body.cell ?? "", note: body.note ?? "" }), { status: 201 });
  }
  if (pathname.endsWith("/2/clear")) return conflict("跟进 2 已解除", cleared);
  if (pathname.endsWith("/9/clear")) return Response.json({ title: "Not Found", status: 404, detail: "没有跟进 9 / No follow-up 9" }, { status: 404 });
  return Response.json({ ...open, open: false, clearedByName: "济南市填报员", clearedAt: "2021-01-12T01:30:00.000Z", clearNote: body.note ?? "" });
}

async function run(args: string[]) {
  out = [];
  const exitCode = await followUpsCommand.run([...args, "--server", server, "--token", "t"]).catch((error: unknown) => {
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
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const { pathname, search } = new URL(url);
    const path = pathname.replace(/^\/api\/v1/, "");
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as { cell?: string; note?: string }) : {};
    asked.push(`${init.method} ${path}${decodeURIComponent(search)}${init.body ? ` ${init.body}` : ""}`);
    return answer(init.method ?? "GET", path, search === "?state=all", body);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("tianbao follow-ups (the lists)", () => {
  it("a unit's open marks in the newest period, one line each: id, cell, state, who marked it, when (Beijing time), the note", async () => {
    const { exitCode, stdout } = await run(["--unit", "370100"]);
    expect(exitCode).toBe(0);
    expect(asked).toEqual(["GET /periods", "GET /periods/2020/units/370100/follow-ups"]);
    expect(stdout.split("\n")).toEqual([
      "370100 济南市  2020  跟进 / follow-ups:",
      "  #1  教扶04!E7  跟进中 / open  标记 / marked: 省厅审核 2021-01-10 10:00:00: 请核实历下区校长交流数",
    ]);
  });

  it("--all: cleared marks too, with who cleared them, when and why; --json prints the API's answer", async () => {
    const { stdout } = await run(["--prefecture", "370100", "--period", "2020", "--all"]);
    expect(asked).toEqual(["GET /periods/2020/units/370100/follow-ups?state=all"]);
    expect(stdout.split("\n")[2]).toBe(
      "  #2  教扶04!C7  已解除 / cleared  标记 / marked: 省厅审核 2021-01-10 10:00:00: 与上年差距大  — 解除 / cleared: 济南市填报员 2021-01-12 09:30:00: 已核实，数字无误",
    );
    const json = await run(["--unit", "370100", "--period", "2020", "--all", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual({ followUps: [open, cleared] });
  });

  it("says so when a unit has nothing open", async () => {
    const { exitCode, stdout } = await run(["--unit", "370200", "--period", "2020"]);
    expect({ exitCode, stdout }).toEqual({ exitCode: 0, stdout: "370200 青岛市  2020  无未解除的跟进 / no open follow-up" });
  });

  it("without --unit: every unit's marks in the period (the province's list), each line led by its unit", async () => {
    const { exitCode, stdout } = await run(["--period", "2020"]);
    expect(exitCode).toBe(0);
    expect(asked).toEqual(["GET /periods/2020/follow-ups"]);
    expect(stdout.split("\n")).toEqual([
      "2020 全省跟进 / every unit's follow-ups:",
      "  370100 济南市  #1  教扶04!E7  跟进中 / open  标记 / marked: 省厅审核 2021-01-10 10:00:00: 请核实历下区校长交流数",
      "  370102 济南市历下区  #3  教扶04!E7  跟进中 / open  标记 / marked: 省厅审核 2021-01-10 10:00:00: 县数与地市不一致",
    ]);
    const all = await run(["--period", "2020", "--all", "--json"]);
    expect(asked.at(-1)).toBe("GET /periods/2020/follow-ups?state=all");
    expect(JSON.parse(all.stdout)).toEqual({ followUps: marks });
  });
});

describe("tianbao follow-ups mark / clear", () => {
  it("mark sends the cell and the note and prints the new mark; clear sends the note to the mark's id", async () => {
    const marked = await run(["mark", "--unit", "370100", "--period", "2020", "--cell", "教扶04!D7", "--note", "请核实"]);
    expect(marked).toEqual({
      exitCode: 0,
      stdout: "已标记跟进 / marked for follow-up: 370100 济南市  2020  #4  教扶04!D7  跟进中 / open  标记 / marked: 省厅审核 2021-01-10 10:00:00: 请核实",
    });
    const clearedNow = await run(["clear", "--unit", "370100", "--id", "1", "--note", "已核实", "--json"]);
    expect(clearedNow.exitCode).toBe(0);
    expect(JSON.parse(clearedNow.stdout)).toMatchObject({ id: 1, open: false, clearNote: "已核实" });
    expect(asked).toEqual([
      'POST /periods/2020/units/370100/follow-ups {"cell":"教扶04!D7","note":"请核实"}',
      "GET /periods",
      'POST /periods/2020/units/370100/follow-ups/1/clear {"note":"已核实"}',
    ]);
  });

  it("a second open mark on a value: the server's 409 as one line naming the cell and the open mark, exit 1", async () => {
    const { exitCode, stdout } = await run(["mark", "--unit", "370100", "--period", "2020", "--cell", "教扶04!E7", "--note", "再核实"]);
    expect({ exitCode, stdout }).toEqual({
      exitCode: 1,
      stdout:
        "教扶04!E7 已在跟进中：#1，省厅审核 2021-01-10 10:00:00 标记：请核实历下区校长交流数 / 教扶04!E7 is already marked for follow-up: #1, by 省厅审核 at 2021-01-10 10:00:00",
    });
  });

  it("clearing a mark cleared already: the 409 as one line saying who cleared it, when and why, exit 1; other refusals as the server says", async () => {
    const { exitCode, stdout } = await run(["clear", "--unit", "370100", "--period", "2020", "--id", "2", "--note", "已核实"]);
    expect({ exitCode, stdout }).toEqual({
      exitCode: 1,
      stdout:
        "跟进 #2（教扶04!C7）已由 济南市填报员 于 2021-01-12 09:30:00 解除：已核实，数字无误；未作改动 / follow-up #2 (教扶04!C7) was already cleared by 济南市填报员 at 2021-01-12 09:30:00; nothing changed",
    });
    expect(await run(["clear", "--unit", "370100", "--period", "2020", "--id", "9", "--note", "已核实"])).toEqual({
      exitCode: 1,
      stdout: "HTTP 404 没有跟进 9 / No follow-up 9",
    });
  });

  it("usage errors (exit 2) before any request: a missing option, one the subcommand does not take, a bad id, unit or period", async () => {
    for (const args of [
      [],
      ["--all"],
      ["--unit", "379999"],
      ["--unit", "370100", "--period", "20"],
      ["--unit", "370100", "--note", "x"],
      ["list", "--unit", "370100"],
      ["remove", "--unit", "370100"],
      ["mark", "--unit", "370100", "--note", "请核实"],
      ["mark", "--unit", "370100", "--cell", "教扶04!E7"],
      ["mark", "--period", "2020", "--cell", "教扶04!E7", "--note", "请核实"],
      ["mark", "--unit", "370100", "--cell", "教扶04!E7", "--note", "请核实", "--all"],
      ["clear", "--unit", "370100", "--note", "已核实"],
      ["clear", "--unit", "370100", "--id", "0", "--note", "已核实"],
      ["clear", "--unit", "370100", "--id", "1", "--note", " "],
      ["clear", "--unit", "370100", "--id", "1", "--cell", "教扶04!E7", "--note", "已核实"],
    ])
      expect({ args, exitCode: (await run(args)).exitCode }).toEqual({ args, exitCode: 2 });
    expect(asked).toEqual([]);
  });
});
