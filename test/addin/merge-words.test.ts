// What the prefecture's clerk and the province are told of a merge: out of date (which counties, the
// 合计 that change), what a rebuild did to each county's rows, and after a merge who is in and what is next.
import { describe, expect, it } from "vitest";
import type { MergedReport } from "../../shared/api/api-client.ts";
import { text } from "../../addin/logic/i18n.ts";
import { mergeSummary, rebuildSentences, staleNotice } from "../../addin/logic/merge-words.ts";
import { currentFormSet } from "../support/current-form-set.ts";

const zh = (key: Parameters<typeof text>[1], values?: Record<string, string | number>) => text("zh", key, values);
const en = (key: Parameters<typeof text>[1], values?: Record<string, string | number>) => text("en", key, values);
const field = currentFormSet.sheet("教扶01")!.fields[0]!;

const merged = (staleness: MergedReport["staleness"], missing: string[] = [], returned: string[] = []): MergedReport => ({
  unitCode: "370100",
  period: "2019",
  report: { edition: currentFormSet.edition, unitCode: "370100", period: "2019", sheets: {}, explanations: [] },
  provenance: [{ unitCode: "370102", submissionId: "1", revision: 1, status: "accepted", submittedAt: "2020-01-10T08:00:00.000Z" }],
  missingUnits: missing,
  returnedUnits: returned,
  notAccepted: [],
  staleness,
});

describe("the words of a merge", () => {
  const stale = {
    revision: 2,
    children: [
      { unitCode: "370103", was: 1, now: 2, change: "resubmitted" as const },
      { unitCode: "370104", was: 1, now: null, change: "returned" as const },
    ],
    totals: Array.from({ length: 7 }, () => ({ sheetCode: "教扶01", fieldCode: field.code, before: 100, after: 120 })),
    keptUnits: ["370114"],
  };

  it("says which counties moved on since the prefecture's revision and the first five 合计 that change", () => {
    const notice = staleNotice(zh, "zh", merged(stale), currentFormSet);
    expect(notice?.heading).toBe("济南市第 2 版已过时：以下下级单位在其后有变化，请重新合成。");
    expect(notice?.children).toEqual(["济南市市中区：第 1 版 → 第 2 版（重报）", "济南市槐荫区：第 1 版已退回，重新合成后其行清空待填"]);
    expect(notice?.totals).toHaveLength(6);
    expect(notice?.totals[0]).toBe(`教扶01 ${field.labelZh}：100 → 120`);
    expect(notice?.totals[5]).toBe("另有 2 项");
    expect(staleNotice(en, "en", merged(stale), currentFormSet)?.children[0]).toBe("Shizhong District, Jinan: revision 1 → 2 (resubmitted)");
    expect(staleNotice(zh, "zh", merged({ ...stale, children: [], totals: [] }), currentFormSet)).toBeUndefined();
    expect(staleNotice(zh, "zh", merged(null), currentFormSet)).toBeUndefined();
  });

  it("says what a rebuild kept, replaced and cleared", () => {
    expect(rebuildSentences(zh, "zh", merged(stale))).toEqual([
      "沿用第 2 版所填的行：济南市章丘区",
      "换为其当前修订：济南市市中区",
      "已退回，行已清空待填：济南市槐荫区",
    ]);
  });

  it("after a merge names the counties in, returned and never submitted, and the rows to type next", () => {
    expect(mergeSummary(zh, "zh", merged(null, ["370103", "370104"], ["370103"]))).toEqual([
      "已纳入 1 个：济南市历下区",
      "已退回未重报 1 个：济南市市中区",
      "从未报送 1 个：济南市槐荫区",
      "下一步：在工作簿中填写 济南市市中区、济南市槐荫区 的行（灰色锁定的行来自各下级的报表，不必改），保存后校验并报送。",
    ]);
    expect(mergeSummary(zh, "zh", merged(null)).at(-1)).toBe("下一步：各下级的行都已齐全，请核对封面后校验并报送。");
  });
});
