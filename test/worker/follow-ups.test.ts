import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, auditActions, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import { usePeriod2019 } from "./submission-client.ts";

// 跟进 (issue 30, item 2) on D1: the province marks a value with a note, the clerk sees it and clears
// it with a note, the province lists the period's marks; each step audited in its batch; a clear of a
// cleared mark changes nothing and says so; two clears at once: one wins.

const { clerk, province } = usePeriod2019();
const unitPath = (unitCode: string) => `/periods/2019/units/${unitCode}/follow-ups`;
const mark = (token: string, unitCode: string, cell: string, note: string) => api(unitPath(unitCode), jsonRequest("POST", { cell, note }, token));
const clear = (token: string, unitCode: string, id: number, note: string) => api(`${unitPath(unitCode)}/${id}/clear`, jsonRequest("POST", { note }, token));
const listOf = async (path: string, token: string) => ((await (await api(path, bearer(token))).json()) as { followUps: Record<string, unknown>[] }).followUps;
const target = "period:2019/prefecture:370100";

describe("跟进", () => {
  it("marked by the province, seen and cleared by the clerk; each step audited; a second clear changes nothing and says so", async () => {
    const marked = await mark(province.token, "370100", "教扶04!e7", "历下区校长交流数偏高，请核实");
    expect(marked.status).toBe(201);
    const followUp = (await marked.json()) as { id: number };
    expect(followUp).toMatchObject({
      unitCode: "370100",
      sheetCode: "教扶04",
      rowKey: "370102",
      fieldCode: "E04_PRIN",
      cell: "E7",
      address: "教扶04!E7",
      note: "历下区校长交流数偏高，请核实",
      open: true,
      clearedAt: null,
    });
    // One open mark per value: a second is refused by the index, naming the first; nothing audited.
    const again = await expectProblem(await mark(province.token, "370100", "教扶04!E7", "再次标记"), 409);
    expect(again.followUp).toMatchObject({ id: followUp.id });
    expect(await auditActions(target)).toEqual(["follow-up.mark"]);

    expect(await listOf(unitPath("370100"), clerk.token)).toEqual([expect.objectContaining({ id: followUp.id, open: true })]);
    const cleared = await clear(clerk.token, "370100", followUp.id, "已核实，数字无误");
    expect(cleared.status).toBe(200);
    expect(await cleared.json()).toMatchObject({
      open: false,
      clearNote: "已核实，数字无误",
      clearedByName: expect.any(String),
      clearedAt: expect.any(String),
    });
    const twice = await expectProblem(await clear(province.token, "370100", followUp.id, "再次解除"), 409);
    expect(twice.detail).toContain("已于");
    expect(twice.followUp).toMatchObject({ clearNote: "已核实，数字无误" });
    expect(await auditActions(target)).toEqual(["follow-up.mark", "follow-up.clear"]);

    // Cleared marks leave the open list, stay in state=all; the value may be marked again.
    expect(await listOf(unitPath("370100"), clerk.token)).toEqual([]);
    expect(await listOf(`${unitPath("370100")}?state=all`, clerk.token)).toHaveLength(1);
    expect((await mark(province.token, "370100", "教扶04!E7", "复核后仍需跟进")).status).toBe(201);
  });

  it("the province's list holds every unit's marks; a prefecture's clerk marks its county's values, the county's clerk clears", async () => {
    const countyClerk = await createToken("clerk", "370102");
    const qingdaoClerk = await createToken("clerk", "370200");
    const countyMark = (await (await mark(clerk.token, "370102", "教扶04!C6", "新增乡村教师请附名单")).json()) as { id: number; rowKey: string };
    expect(countyMark.rowKey).toBe("370102");
    await expectProblem(await mark(countyClerk.token, "370102", "教扶04!C6", "自己标记"), 403);
    await expectProblem(await mark(qingdaoClerk.token, "370100", "教扶04!C7", "别人标记"), 403);
    await expectProblem(await clear(qingdaoClerk.token, "370102", countyMark.id, "别人解除"), 403);
    await expectProblem(await mark(province.token, "370100", "教扶04!E6", "合计"), 400);

    const all = await listOf("/periods/2019/follow-ups", province.token);
    expect(all.map((item) => `${item.unitCode} ${item.address}`)).toEqual(["370100 教扶04!E7", "370102 教扶04!C6"]);
    await expectProblem(await api("/periods/2019/follow-ups", bearer(clerk.token)), 403);

    expect((await clear(countyClerk.token, "370102", countyMark.id, "名单已补交")).status).toBe(200);
    expect(await auditActions("period:2019/prefecture:370102")).toEqual(["follow-up.mark", "follow-up.clear"]);
  });

  it("two clears at once: one wins, the other changes nothing (409); one audit row", async () => {
    const { id } = (await (await mark(province.token, "370100", "教扶05!D8", "结对学校数请核实")).json()) as { id: number };
    const before = (await auditActions(target)).length;
    const responses = await Promise.all([clear(clerk.token, "370100", id, "填报员：已核实"), clear(province.token, "370100", id, "省级：已核实")]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect((await auditActions(target)).slice(before)).toEqual(["follow-up.clear"]);
    const row = await env.DB.prepare("SELECT clear_note FROM follow_ups WHERE id = ?").bind(id).first<string>("clear_note");
    const winner = (await responses.find((response) => response.status === 200)!.json()) as { clearNote: string };
    expect(row).toBe(winner.clearNote);
  });

  it("the table keeps its rules without the Worker: a cleared mark never changes again, nothing is deleted, one open mark per value", async () => {
    const { id } = (await (await mark(province.token, "370100", "教扶05!C8", "重点村学校数")).json()) as { id: number };
    await env.DB.prepare("UPDATE follow_ups SET cleared_by = ?, cleared_at = '2020-01-01T00:00:00Z', clear_note = '直接' WHERE id = ?")
      .bind(province.id, id)
      .run();
    await expect(env.DB.prepare("UPDATE follow_ups SET clear_note = '改写' WHERE id = ?").bind(id).run()).rejects.toThrow(/only be cleared, once/);
    await expect(env.DB.prepare("UPDATE follow_ups SET note = '改写' WHERE cleared_at IS NULL").run()).rejects.toThrow(/only be cleared, once/);
    await expect(env.DB.prepare("DELETE FROM follow_ups").run()).rejects.toThrow(/kept/);
    const open =
      "INSERT INTO follow_ups (period_code, unit_code, sheet_code, row_key, field_code, cell, note, marked_by, marked_at) VALUES ('2019', '370100', '教扶04', '370102', 'E04_PRIN', 'E7', '重复', ?, '2020-01-01T00:00:00Z')";
    await expect(env.DB.prepare(open).bind(province.id).run()).rejects.toThrow(/UNIQUE/);
  });
});
