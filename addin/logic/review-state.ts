// The review tabs' state, DOM-free: what the completeness table and its counts say, the comment
// history of a revision, and what a 通过 or 退回 sends. addin/ui/review-view.ts and review-card.ts draw from these.
import { ApiError } from "../../shared/api/api-client.ts";
import type { CellReference, Completeness, Period, ReviewBody, SubmissionDetail } from "../../shared/api/api-client.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { StringKey } from "./i18n.ts";

type CompletenessRow = Completeness["units"][number];

const statusKeys: Record<Exclude<CompletenessRow["status"], "逾期">, StringKey> = {
  未报: "statusNotSubmitted",
  已报: "statusSubmitted",
  退回: "statusReturned",
  通过: "statusAccepted",
};

/** The status a row's cell says; 逾期 is a badge beside it (or beside 未报 when nothing came): two facts, neither hiding the other. */
export function rowStatusKey(row: CompletenessRow): StringKey {
  return statusKeys[row.status === "逾期" ? "未报" : row.status];
}

/** What a row asks of the reviewer, most pressing first: a revision to review (待审), a unit past its deadline (逾期), a return awaiting resubmission (退回). */
export type ReviewAction = "review" | "late" | "returned";
const ACTION_ORDER: ReviewAction[] = ["review", "late", "returned"];

export function reviewActionOf(row: CompletenessRow): ReviewAction | undefined {
  if (row.status === "已报") return "review";
  if (row.overdue) return "late";
  if (row.status === "退回") return "returned";
  return undefined;
}

/** The rows with the work first, in ACTION_ORDER, then the rest; the divisions' order within each group. */
export function rowsByAction(rows: readonly CompletenessRow[]): CompletenessRow[] {
  const rank = (row: CompletenessRow) => {
    const action = reviewActionOf(row);
    return action ? ACTION_ORDER.indexOf(action) : ACTION_ORDER.length;
  };
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank(a.row) - rank(b.row) || a.index - b.index)
    .map(({ row }) => row);
}

/** The line above the table and the counts under it. */
export interface CompletenessSummary {
  period: string;
  deadline: string | null;
  locked: boolean;
  counts: { key: "countSubmitted" | "countReturned" | "countAccepted" | "countNotSubmitted" | "countLate"; count: number }[];
}

export function completenessSummary(completeness: Completeness, period: string, periods: Period[]): CompletenessSummary {
  const rows = completeness.units;
  const chosen = periods.find((candidate) => candidate.code === period);
  return {
    period,
    deadline: completeness.deadline,
    locked: chosen?.status === "locked",
    counts: [
      { key: "countSubmitted", count: rows.filter((row) => row.status === "已报").length },
      { key: "countReturned", count: rows.filter((row) => row.status === "退回").length },
      { key: "countAccepted", count: rows.filter((row) => row.status === "通过").length },
      { key: "countNotSubmitted", count: rows.filter((row) => row.revision === 0).length },
      { key: "countLate", count: rows.filter((row) => row.overdue).length },
    ],
  };
}

/** Every review of the unit's report up to this revision, the oldest first, each with the revision it reviewed. */
export function reviewHistory(submission: SubmissionDetail, earlier: SubmissionDetail[]): { review: SubmissionDetail["reviews"][number]; revision: number }[] {
  return [
    ...earlier.flatMap((previous) => previous.reviews.map((review) => ({ review, revision: previous.revision }))),
    ...submission.reviews.map((review) => ({ review, revision: submission.revision })),
  ];
}

/** Each cell once ("教扶04!E7" ticked beside a warning and added below the comment is one cell), in the order first ticked. */
export function uniqueCells(cells: CellReference[]): CellReference[] {
  return [...new Map(cells.map((cell) => [`${cell.sheetCode}!${cell.cell}`, cell])).values()];
}

/** What 通过 or 退回 sends, or why it cannot: a return says what to change (checked before any request). */
export function reviewRequest(action: "accept" | "return", comment: string, cells: CellReference[]): { body: ReviewBody } | { problem: "commentRequired" } {
  const text = comment.trim();
  if (action === "return" && !text) return { problem: "commentRequired" };
  const unique = uniqueCells(cells);
  return { body: { action, ...(text ? { comment: text } : {}), ...(unique.length > 0 ? { cells: unique } : {}) } };
}

/** A refused 通过 or 退回 said in words: which revision, why, and what to do; and whether the card's state is stale (reload it). */
export interface ReviewRefusal {
  key: StringKey;
  values: Record<string, number>;
  stale: boolean;
}

/**
 * The refusals a review meets (the Worker's problem kinds, worker/services/review-submission.ts),
 * never the raw detail with its status names; undefined for anything else (said as any failure is).
 */
export function reviewRefusal(error: unknown, revision: number): ReviewRefusal | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const { type, currentRevision, status } = error.problem;
  const values = { revision };
  if (type === problemKinds.conflict.type) {
    if (typeof currentRevision === "number" && currentRevision !== revision)
      return { key: "refusedNewerRevision", values: { revision, current: currentRevision }, stale: true };
    return { key: status === "accepted" ? "refusedAlreadyAccepted" : "refusedAlreadyReturned", values, stale: true };
  }
  if (type === problemKinds.stampedCopyRequired.type) return { key: "refusedStampedCopy", values, stale: false };
  if (type === problemKinds.periodLocked.type) return { key: "refusedLocked", values, stale: false };
  if (type === problemKinds.forbidden.type) return { key: "refusedForbidden", values, stale: false };
  return undefined;
}
