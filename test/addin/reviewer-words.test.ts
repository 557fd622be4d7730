// Issue 27 item 1: the pane names a unit's actual reviewer, from the tree — a county clerk waits for
// 市级 review and is returned or accepted by the prefecture, a prefecture clerk by the province — and
// accepting a county says its revision goes into the prefecture's merged report, not the province's totals.
import { describe, expect, it } from "vitest";
import { text } from "../../addin/logic/i18n.ts";
import { acceptedGoesInto, reviewerWordsOf } from "../../addin/logic/reviewer-words.ts";
import { reportingTree, reportingUnitOf } from "../../shared/units/reporting-tree.ts";

const lixia = reportingUnitOf("370102");
const jinan = reportingUnitOf("370100");

describe("the reviewer a clerk is told of", () => {
  it("a county's is the prefecture (市级), a prefecture's the province (省级), in both languages", () => {
    expect(text("zh", "stateSubmitted", { revision: 1, reviewer: reviewerWordsOf(lixia, "zh") })).toBe("已报送第 1 版，等待市级审核");
    expect(text("zh", "stateReturned", { revision: 2, reviewer: reviewerWordsOf(lixia, "zh") })).toBe("第 2 版已被市级退回");
    expect(text("zh", "stateAccepted", { revision: 1, reviewer: reviewerWordsOf(jinan, "zh") })).toBe("第 1 版已通过省级审核");
    expect(text("en", "stateSubmitted", { revision: 1, reviewer: reviewerWordsOf(lixia, "en") })).toBe(
      "Revision 1 submitted; waiting for the prefecture's review",
    );
    expect(text("en", "nextWait", { reviewer: reviewerWordsOf(jinan, "en") })).toBe("nothing to do; the province's decision will show here.");
  });

  it("every unit of the tree that reports is told its parent's level; the province reports to nobody", () => {
    const units = [reportingTree.root, ...reportingTree.root.children.flatMap((prefecture) => [prefecture, ...prefecture.children])];
    for (const unit of units.slice(1)) expect(reviewerWordsOf(unit, "zh")).toBe(unit.parent?.level.code === "province" ? "省级" : "市级");
    expect(reviewerWordsOf(reportingTree.root, "zh")).toBe("上级");
  });

  it("accepting a county's revision puts it into its prefecture's merged report, a prefecture's into the province's totals", () => {
    expect(acceptedGoesInto(lixia)).toBe("parent");
    expect(acceptedGoesInto(jinan)).toBe("province");
    expect(text("zh", "confirmAcceptChild", { unit: "历下区", revision: 1, parent: "济南市" })).toBe(
      "确认通过历下区第 1 版？通过后本版用于合并济南市的报表，历下区重报须说明原因。",
    );
  });
});
