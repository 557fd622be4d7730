// The review tabs' state, DOM-free (addin/logic/review-state.ts): the counts and the period's line
// over the completeness table, a row's status beside 逾期, the comment history in order, and what
// 通过 or 退回 sends (a return needs a comment; each cell once).
import { describe, expect, it } from "vitest";
import type { Completeness, Period, SubmissionDetail } from "../../shared/api/api-client.ts";
import { samplePeriod } from "../support/sample-period.ts";
import {
  completenessSummary,
  reviewActionOf,
  reviewHistory,
  reviewRefusal,
  reviewRequest,
  rowStatusKey,
  rowsByAction,
  uniqueCells,
} from "../../addin/logic/review-state.ts";
import { text } from "../../addin/logic/i18n.ts";
import { ApiError } from "../../shared/api/api-client.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";

type Row = Completeness["units"][number];

const row = (unitCode: string, status: Row["status"], revision: number, overdue = false): Row => ({
  unitCode,
  name: unitCode,
  status,
  overdue,
  late: false,
  revision,
  submittedAt: revision ? "2020-01-10T02:00:00.000Z" : null,
  latestStatus: null,
  stampedCopy: null,
  stampedCopySha256: null,
  reminders: { count: 0, lastAt: null },
  waitingOn: [],
});

const period = (code: string, status: Period["status"]): Period => samplePeriod({ code, status });

describe("completenessSummary", () => {
  const completeness: Completeness = {
    period: "2019",
    deadline: "2020-01-31",
    units: [row("370100", "已报", 1), row("370200", "退回", 2, true), row("370300", "通过", 1), row("370400", "逾期", 0, true), row("370500", "未报", 0)],
  };

  it("counts each status once, nothing submitted by revision 0, late by overdue (a returned report past the deadline too)", () => {
    expect(completenessSummary(completeness, "2019", [period("2019", "open")]).counts).toEqual([
      { key: "countSubmitted", count: 1 },
      { key: "countReturned", count: 1 },
      { key: "countAccepted", count: 1 },
      { key: "countNotSubmitted", count: 2 },
      { key: "countLate", count: 2 },
    ]);
  });

  it("says whether the chosen period is locked, and its deadline", () => {
    expect(completenessSummary(completeness, "2019", [period("2018", "open"), period("2019", "locked")])).toMatchObject({
      period: "2019",
      deadline: "2020-01-31",
      locked: true,
    });
    expect(completenessSummary({ ...completeness, deadline: null }, "2019", [period("2019", "open")])).toMatchObject({ deadline: null, locked: false });
  });
});

describe("rowsByAction", () => {
  it("puts the work first: 待审, then 逾期 (a late return too), then 退回 awaiting resubmission, then the rest, each in the divisions' order", () => {
    const rows = [
      row("370100", "通过", 1),
      row("370200", "未报", 0),
      row("370300", "退回", 1),
      row("370400", "逾期", 0, true),
      row("370500", "已报", 2),
      row("370600", "退回", 1, true),
      row("370700", "已报", 1),
    ];
    expect(rowsByAction(rows).map((entry) => [entry.unitCode, reviewActionOf(entry)])).toEqual([
      ["370500", "review"],
      ["370700", "review"],
      ["370400", "late"],
      ["370600", "late"],
      ["370300", "returned"],
      ["370100", undefined],
      ["370200", undefined],
    ]);
  });
});

describe("rowStatusKey", () => {
  it("says 未报 for 逾期 (the badge says late beside it) and each other status as it is", () => {
    expect(["逾期", "未报", "已报", "退回", "通过"].map((status) => rowStatusKey(row("370100", status as Row["status"], 0)))).toEqual([
      "statusNotSubmitted",
      "statusNotSubmitted",
      "statusSubmitted",
      "statusReturned",
      "statusAccepted",
    ]);
  });
});

describe("reviewHistory", () => {
  const review = (action: "accept" | "return", comment: string) => ({
    action,
    comment,
    cells: [],
    actedBy: "t0",
    actedByName: "省教育厅",
    actedAt: "2020-01-11T02:00:00.000Z",
  });
  const revision = (number: number, reviews: ReturnType<typeof review>[]) => ({ revision: number, reviews }) as unknown as SubmissionDetail;

  it("lists the earlier revisions' reviews first, each with the revision it reviewed", () => {
    const history = reviewHistory(revision(3, []), [revision(1, [review("return", "E7 不对")]), revision(2, [review("return", "F8 也不对")])]);
    expect(history.map((entry) => [entry.revision, entry.review.comment])).toEqual([
      [1, "E7 不对"],
      [2, "F8 也不对"],
    ]);
  });
});

describe("reviewRequest", () => {
  const e7 = { sheetCode: "教扶04", cell: "E7" };
  const f8 = { sheetCode: "教扶04", cell: "F8" };

  it("refuses a return without a comment (blank counts as none), before any request", () => {
    expect(reviewRequest("return", "  \n", [e7])).toEqual({ problem: "commentRequired" });
  });

  it("accepts without a comment or cells, sending neither", () => {
    expect(reviewRequest("accept", " ", [])).toEqual({ body: { action: "accept" } });
  });

  it("sends the trimmed comment and each cell once, in the order first ticked", () => {
    expect(reviewRequest("return", " 请核对 ", [e7, f8, { ...e7 }])).toEqual({ body: { action: "return", comment: "请核对", cells: [e7, f8] } });
    expect(uniqueCells([f8, e7, f8])).toEqual([f8, e7]);
  });
});

describe("reviewRefusal", () => {
  const refused = (kind: (typeof problemKinds)[keyof typeof problemKinds], extra: Record<string, unknown> = {}) =>
    new ApiError(kind.status, { type: kind.type, title: kind.title, detail: "修订 1 的状态为 returned，只能审核待审（submitted）的修订", ...extra });
  const said = (error: unknown) => {
    const refusal = reviewRefusal(error, 1);
    return refusal && { zh: text("zh", refusal.key, refusal.values), en: text("en", refusal.key, refusal.values), stale: refusal.stale };
  };

  it("says a revision reviewed already in words, never its status name, and asks for the card to be drawn again", () => {
    expect(said(refused(problemKinds.conflict, { currentRevision: 1, status: "returned" }))).toEqual({
      zh: "第 1 版已被退回，不能再审核；填报单位重报后，审核新的一版。",
      en: "Revision 1 was already returned and cannot be reviewed again; review the unit's next revision once it resubmits.",
      stale: true,
    });
    expect(said(refused(problemKinds.conflict, { currentRevision: 1, status: "accepted" }))?.zh).toBe("第 1 版已通过，不能再审核；如需更改，请填报单位重报。");
    expect(said(refused(problemKinds.conflict, { currentRevision: 2, status: "submitted" }))?.zh).toBe(
      "不能审核第 1 版：填报单位已报来第 2 版，请打开第 2 版审核。",
    );
  });

  it("names the stamped copy, the lock and the reviewer; anything else is left to the pane's failure words", () => {
    expect(said(refused(problemKinds.stampedCopyRequired))?.zh).toContain("尚未附盖章件");
    expect(said(refused(problemKinds.periodLocked))?.en).toBe(
      "The period is locked, so revision 1 cannot be reviewed: ask an administrator to unlock it for this unit.",
    );
    expect(said(refused(problemKinds.forbidden))?.zh).toBe("您不能审核第 1 版：此报表由其上级单位审核。");
    for (const refusal of [refused(problemKinds.conflict, { currentRevision: 1, status: "returned" }), refused(problemKinds.periodLocked)]) {
      const words = said(refusal);
      expect(`${words?.zh} ${words?.en}`).not.toMatch(/returned\b.*submitted|\(submitted\)|状态为/);
    }
    expect(reviewRefusal(refused(problemKinds.internal), 1)).toBeUndefined();
    expect(reviewRefusal(new Error("x"), 1)).toBeUndefined();
  });
});
