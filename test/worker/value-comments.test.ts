import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, auditActions, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import { jinan, openPeriod, reportOf, review, submitOk, usePeriod2019 } from "./submission-client.ts";

// A thread per value (issue 30, item 3) on D1: the return comment pinned to a cell, the clerk's answer,
// the reviewer's reply after the next revision and a word in the next period are one thread; each comment
// is kept for good with its audit row; who may write is the unit's clerk and those above it.

const { clerk, province } = usePeriod2019();
const commentsPath = (period: string, unitCode: string, cell?: string) =>
  `/periods/${period}/units/${unitCode}/comments${cell ? `?cell=${encodeURIComponent(cell)}` : ""}`;
const write = (token: string, period: string, unitCode: string, cell: string, text: string) =>
  api(commentsPath(period, unitCode), jsonRequest("POST", { cell, text }, token));
const threadOf = async (token: string, period: string, unitCode: string, cell?: string) => {
  const response = await api(commentsPath(period, unitCode, cell), bearer(token));
  expect(response.status).toBe(200);
  return ((await response.json()) as { comments: Record<string, unknown>[] }).comments;
};

describe("a value's thread", () => {
  it("spans a return, two revisions and two periods: one thread, oldest first, each with its period, revision and role", async () => {
    await submitOk(clerk.token, reportOf(jinan));
    const returned = await review(province.token, "2019", "370100", 1, {
      action: "return",
      comment: "历下区校长交流数偏高，请核实",
      cells: [{ sheetCode: "教扶04", cell: "E7" }],
    });
    expect(returned.status).toBe(200);
    const answer = await write(clerk.token, "2019", "370100", "教扶04!e7", "已按学籍系统核对，将改报");
    expect(answer.status).toBe(201);
    expect(await answer.json()).toMatchObject({ kind: "comment", address: "教扶04!E7", period: "2019", revision: 1, role: "clerk" });
    await submitOk(clerk.token, reportOf(jinan, 2), { basedOnRevision: 1, resubmissionReason: "按审核意见改报校长交流数" });
    expect((await write(province.token, "2019", "370100", "教扶04!E7", "修订 2 已收到")).status).toBe(201);
    // Another cell's word is another thread.
    expect((await write(clerk.token, "2019", "370100", "教扶04!C7", "另一单元格")).status).toBe(201);

    await openPeriod("2020");
    expect((await write(clerk.token, "2020", "370100", "教扶04!E7", "2020 年口径同上年")).status).toBe(201);

    const expected = [
      { kind: "return", period: "2019", revision: 1, role: "reviewer", text: "历下区校长交流数偏高，请核实" },
      { kind: "comment", period: "2019", revision: 1, role: "clerk", text: "已按学籍系统核对，将改报" },
      { kind: "comment", period: "2019", revision: 2, role: "reviewer", text: "修订 2 已收到" },
      { kind: "comment", period: "2020", revision: null, role: "clerk", text: "2020 年口径同上年" },
    ].map((entry) => expect.objectContaining({ ...entry, unitCode: "370100", address: "教扶04!E7", authorName: expect.any(String) }));
    // The same thread whichever period asks, and to the reviewer as to the clerk.
    expect(await threadOf(clerk.token, "2020", "370100", "教扶04!E7")).toEqual(expected);
    expect(await threadOf(province.token, "2019", "370100", "教扶04!E7")).toEqual(expected);
    // Without a cell: every thread of the unit.
    const all = await threadOf(clerk.token, "2020", "370100");
    expect(all.map((entry) => entry.address)).toEqual(["教扶04!E7", "教扶04!E7", "教扶04!E7", "教扶04!C7", "教扶04!E7"]);
    expect((await auditActions("period:2019/prefecture:370100")).filter((action) => action === "value-comment.write")).toHaveLength(3);
    expect(await auditActions("period:2020/prefecture:370100")).toEqual(["value-comment.write"]);
  });

  it("refuses a cell with no stored value, naming it, and blank or overlong text; writes nothing", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM value_comments").first<number>("n");
    const total = await expectProblem(await write(clerk.token, "2019", "370100", "教扶04!E6", "合计行"), 400);
    expect(total.detail).toContain("教扶04!E6");
    expect((await expectProblem(await write(clerk.token, "2019", "370100", "教扶99!A1", "没有此表"), 400)).detail).toContain("教扶99!A1");
    await expectProblem(await write(clerk.token, "2019", "370100", "教扶04!E7", "   "), 400);
    await expectProblem(await write(clerk.token, "2019", "370100", "教扶04!E7", "长".repeat(1001)), 400);
    await expectProblem(await api(commentsPath("2019", "370100", "教扶04!E6"), bearer(clerk.token)), 400);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM value_comments").first<number>("n")).toBe(before);
  });

  it("is append-only, its bounds checked by the table itself", async () => {
    await write(clerk.token, "2019", "370100", "教扶05!D8", "留存");
    await expect(env.DB.prepare("UPDATE value_comments SET text = '改写'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM value_comments").run()).rejects.toThrow(/append-only/);
    const insert = (text: string, role: string) =>
      env.DB.prepare(
        `INSERT INTO value_comments (unit_code, sheet_code, cell, row_key, field_code, period_code, revision, author, role, text, written_at)
         VALUES ('370100', '教扶05', 'D8', '370102', 'X', '2019', NULL, ?, ?, ?, '2026-01-01T00:00:00.000Z')`,
      )
        .bind(clerk.id, role, text)
        .run();
    await expect(insert("长".repeat(1001), "clerk")).rejects.toThrow(/CHECK/);
    await expect(insert(" ", "clerk")).rejects.toThrow(/CHECK/);
    await expect(insert("好", "admin")).rejects.toThrow(/CHECK/);
  });

  it("on a county: its clerk and those above it write (role from the token, in the statement); another county's clerk is refused", async () => {
    const countyClerk = await createToken("clerk", "370102");
    const otherCounty = await createToken("clerk", "370202");
    const admin = await createToken("admin");
    const roleOf = async (token: string) => ((await (await write(token, "2019", "370102", "教扶04!C6", "县级留言")).json()) as { role: string }).role;
    expect(await roleOf(countyClerk.token)).toBe("clerk");
    expect(await roleOf(clerk.token)).toBe("reviewer");
    expect(await roleOf(province.token)).toBe("reviewer");
    await expectProblem(await write(otherCounty.token, "2019", "370102", "教扶04!C6", "别县留言"), 403);
    await expectProblem(await api(commentsPath("2019", "370102", "教扶04!C6"), bearer(otherCounty.token)), 403);
    await expectProblem(await write(admin.token, "2019", "370102", "教扶04!C6", "管理员"), 403);
    expect(await threadOf(countyClerk.token, "2019", "370102", "教扶04!C6")).toHaveLength(3);
  });

  it("comments written at once are all kept, each with its own audit row", async () => {
    const target = "period:2019/prefecture:370100";
    const before = (await auditActions(target)).length;
    const responses = await Promise.all(
      ["一", "二", "三", "四", "五"].map((n, i) => write(i % 2 ? province.token : clerk.token, "2019", "370100", "教扶05!E8", `同时留言${n}`)),
    );
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = await Promise.all(responses.map(async (response) => ((await response.json()) as { id: number }).id));
    expect(new Set(ids).size).toBe(5);
    expect(await threadOf(clerk.token, "2019", "370100", "教扶05!E8")).toHaveLength(5);
    expect((await auditActions(target)).length - before).toBe(5);
  });
});
