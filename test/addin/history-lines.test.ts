// The 历史 panel's words, DOM-free: each revision's value, state, who and when (Beijing time), then
// its reason, the warnings' 说明 on the value and the review comments on the cell, in either language.
import { describe, expect, it } from "vitest";
import type { ValueHistory } from "../../shared/api/api-client.ts";
import { historyLines } from "../../addin/logic/history-lines.ts";
import { formatTime, text } from "../../addin/logic/i18n.ts";
import type { Language } from "../../addin/logic/i18n.ts";

const entry = (period: string, revision: number, status: "submitted" | "returned" | "accepted", value: number | string | null) => ({
  period,
  revision,
  status,
  value,
  submittedAt: "2021-01-10T02:00:00.000Z",
  submittedByName: "济南填报员",
  resubmissionReason: null,
  explanations: [],
  reviews: [],
});

const history: ValueHistory = {
  period: "2020",
  unitCode: "370100",
  sheetCode: "教扶02",
  sheetName: "教扶02 义务教育薄弱学校改造",
  cell: "C7",
  address: "教扶02!C7",
  rowKey: "370102",
  fieldCode: "E02_INV_PLAN",
  labelZh: "规划总投入",
  labelEn: "Planned investment",
  earlier: [entry("2019", 2, "accepted", 12345.6)],
  revisions: [
    { ...entry("2020", 1, "returned", null), reviews: [{ action: "return", comment: "请补填", actedByName: "省审核员", actedAt: "2021-01-11T03:00:00.000Z" }] },
    {
      ...entry("2020", 2, "submitted", 9000),
      resubmissionReason: "已补填",
      explanations: [{ ruleId: "R02.3", messageZh: "累计数低于上期通过数", messageEn: "below last period's", explanation: "项目调整" }],
    },
  ],
};

const linesIn = (language: Language) =>
  historyLines(
    history,
    language,
    (key, values) => text(language, key, values),
    (iso) => formatTime(language, iso),
  );

describe("historyLines", () => {
  it("says each earlier period's accepted value, then every revision with what was said of it, in Chinese", () => {
    expect(linesIn("zh")).toEqual({
      earlier: [{ head: "2019 年第 2 版：12,345.6 · 通过 · 济南填报员 · 2021-01-10 10:00:00", notes: [] }],
      revisions: [
        { head: "第 1 版：（空） · 退回 · 济南填报员 · 2021-01-10 10:00:00", notes: ["省审核员 退回（2021-01-11 11:00:00）：请补填"] },
        { head: "第 2 版：9,000 · 待审 · 济南填报员 · 2021-01-10 10:00:00", notes: ["重报原因：已补填", "R02.3 累计数低于上期通过数　说明：项目调整"] },
      ],
    });
  });

  it("and in English, the time marked as Beijing's", () => {
    const { earlier, revisions } = linesIn("en");
    expect(earlier[0]?.head).toBe("2019, revision 2: 12,345.6 · accepted · 济南填报员 · 2021-01-10 10:00:00 (Beijing)");
    expect(revisions[1]?.notes).toEqual(["Reason: 已补填", "R02.3 below last period's — explanation: 项目调整"]);
  });
});
