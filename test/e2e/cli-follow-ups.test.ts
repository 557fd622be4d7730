// 跟进 from the command line, against `wrangler dev`: the province marks a value of 济南's report,
// a second mark on it is refused in one line naming the open mark, 济南's clerk sees it and clears it
// with a note, a second clear is refused in one line saying who cleared it, and the province's list
// shows the mark with both notes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../shared/api/api-client.ts";
import { startWranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import type { WranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import { tianbao } from "./run-tianbao.ts";

let dev: WranglerDev;
const tokens = { province: "", clerk: "" };
const as = (token: string) => ({ TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: token });

beforeAll(async () => {
  dev = await startWranglerDev();
  const admin = await tianbao(["token", "create", "--role", "admin", "--local", "--persist-to", dev.persistTo, "--json"]);
  expect(admin.exitCode, admin.stderr).toBe(0);
  const api = new ApiClient(dev.baseUrl, JSON.parse(admin.stdout).token);
  await api.openPeriod({ code: "2020" });
  tokens.clerk = (await api.createToken({ role: "clerk", unitCode: "370100", name: "济南市填报员" })).token;
  tokens.province = (await api.createToken({ role: "province", name: "省审核员" })).token;
});
afterAll(async () => {
  await dev?.stop();
});

describe("tianbao follow-ups against the Worker", () => {
  it("mark, a refused second mark, the clerk's list and clear, a refused second clear, the province's list", async () => {
    const marked = await tianbao(
      ["follow-ups", "mark", "--unit", "370100", "--cell", "教扶04!E7", "--note", "请核实历下区校长交流数", "--json"],
      as(tokens.province),
    );
    expect(marked.exitCode, marked.stderr).toBe(0);
    const { id } = JSON.parse(marked.stdout) as { id: number };
    expect(JSON.parse(marked.stdout)).toMatchObject({ periodCode: "2020", address: "教扶04!E7", open: true, markedByName: "省审核员" });

    const again = await tianbao(["follow-ups", "mark", "--unit", "370100", "--cell", "教扶04!E7", "--note", "再核实"], as(tokens.province));
    expect(again.exitCode).toBe(1);
    expect(again.stderr.trim()).toMatch(
      new RegExp(`^教扶04!E7 已在跟进中：#${id}，省审核员 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d 标记：请核实历下区校长交流数 / `),
    );

    const seen = await tianbao(["follow-ups", "--unit", "370100"], as(tokens.clerk));
    expect(seen.exitCode, seen.stderr).toBe(0);
    expect(seen.stdout).toContain(`#${id}  教扶04!E7  跟进中 / open  标记 / marked: 省审核员 `);

    const cleared = await tianbao(["follow-ups", "clear", "--unit", "370100", "--id", String(id), "--note", "已核实，数字无误"], as(tokens.clerk));
    expect(cleared.exitCode, cleared.stderr).toBe(0);
    expect(cleared.stdout).toMatch(
      /^已解除跟进 \/ cleared: 370100 济南市 {2}2020 {2}#\d+ {2}教扶04!E7 {2}已解除 \/ cleared .* — 解除 \/ cleared: 济南市填报员 .*: 已核实，数字无误$/m,
    );
    expect((await tianbao(["follow-ups", "--unit", "370100"], as(tokens.clerk))).stdout.trim()).toBe("370100 济南市  2020  无未解除的跟进 / no open follow-up");

    const twice = await tianbao(["follow-ups", "clear", "--unit", "370100", "--id", String(id), "--note", "再次解除"], as(tokens.province));
    expect(twice.exitCode).toBe(1);
    expect(twice.stderr.trim()).toMatch(new RegExp(`^跟进 #${id}（教扶04!E7）已由 济南市填报员 于 .* 解除：已核实，数字无误；未作改动 / `));

    const province = await tianbao(["follow-ups", "--period", "2020", "--all", "--json"], as(tokens.province));
    expect(province.exitCode, province.stderr).toBe(0);
    expect(JSON.parse(province.stdout).followUps).toEqual([
      expect.objectContaining({
        id,
        unitCode: "370100",
        note: "请核实历下区校长交流数",
        open: false,
        clearedByName: "济南市填报员",
        clearNote: "已核实，数字无误",
      }),
    ]);
  });
});
