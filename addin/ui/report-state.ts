import type { Period, SubmissionDetail, SubmissionSummary } from "../../shared/api/api-client.ts";
import { deadlineFor } from "../../shared/units/level-deadline.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import { beijingDate, daysLeft, deadlineText } from "./dashboard/map-status.ts";
import { h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";
import type { WorkbookProgress } from "../logic/report-view-state.ts";
import { reviewerWordsOf } from "../logic/reviewer-words.ts";

/** Where a prefecture's report of a period stands, as the 填报 tab opens with it. */
export type ReportStateKind = "notStarted" | "inProgress" | "ready" | "submitted" | "changedSinceSubmitted" | "returned" | "accepted" | "locked";

export interface ReportStateFacts {
  period: Period | undefined;
  unitCode: string;
  latest: SubmissionSummary | undefined;
  /** The latest revision with its reviews, when it has been reviewed. */
  latestDetail?: SubmissionDetail | undefined;
  progress: WorkbookProgress | undefined;
  now?: Date;
}

/** The deadline the clerk's unit reports by (its level's: a county's is the county deadline), and where the report stands against it. */
export interface ReportDeadline {
  deadline: string;
  /** Whole days left (Beijing dates): 0 on the last day, negative once it has passed. */
  daysLeft: number;
  /** The unit still owes a submission (none, the latest returned, or the workbook changed since) and the deadline has passed. */
  late: boolean;
}

/** The unit's deadline and the report against it; undefined when the period sets none for the unit's level. */
export function reportDeadlineOf(facts: ReportStateFacts): ReportDeadline | undefined {
  const { period, latest, progress } = facts;
  const level = reportingUnitOf(facts.unitCode)?.level.code;
  const deadline = period && level ? deadlineFor(period, level) : period?.deadline;
  if (!deadline) return undefined;
  const days = daysLeft(deadline, beijingDate(facts.now ?? new Date()));
  const owes = !latest || latest.status === "returned" || (progress !== undefined && !progress.sameAsLatest);
  return { deadline, daysLeft: days, late: owes && days < 0 };
}

export function reportStateOf(facts: ReportStateFacts): ReportStateKind {
  const { period, latest, progress } = facts;
  const acceptsSubmissions = !period || period.status === "open" || period.openUnlocks.some((unlock) => unlock.unitCode === facts.unitCode);
  if (latest?.status === "returned" && !(progress && !progress.sameAsLatest && acceptsSubmissions)) return "returned";
  if (latest?.status === "accepted" && (!progress || progress.sameAsLatest)) return "accepted";
  if (!acceptsSubmissions) return "locked";
  if (latest?.status === "submitted") return !progress || progress.sameAsLatest ? "submitted" : "changedSinceSubmitted";
  if (!progress) return latest ? "changedSinceSubmitted" : "notStarted";
  if (latest) return "changedSinceSubmitted";
  return progress.blanks === 0 && progress.errors === 0 && progress.unexplained === 0 ? "ready" : progress.filled === 0 ? "notStarted" : "inProgress";
}

/**
 * The card at the top of the 填报 tab: the report's state in one line, the facts behind it (the
 * revision, the deadline, the return comment and its cells), and the one thing to do next. Its
 * heading is the pane's only live region, so a screen reader hears a change of state, not every redraw.
 */
export function reportStateCard(
  context: PaneContext,
  facts: ReportStateFacts,
  selectCell?: (sheetCode: string, cell: string) => void,
  /** What the next action is done with, under it (a returned revision to open). */
  action?: HTMLElement,
): HTMLElement {
  const { t } = context;
  const kind = reportStateOf(facts);
  const { latest, progress } = facts;
  const due = reportDeadlineOf(facts);
  const late = due?.late ?? false;
  const revision = latest?.revision ?? 0;
  const reviewer = reviewerWordsOf(reportingUnitOf(facts.unitCode), context.language);
  const headline: Record<ReportStateKind, string> = {
    notStarted: t("stateNotStarted"),
    inProgress: t("stateInProgress", { filled: progress?.filled ?? 0, total: progress?.total ?? 0 }),
    ready: t("stateReady"),
    submitted: t("stateSubmitted", { revision, reviewer }),
    changedSinceSubmitted: t("stateChanged", { revision }),
    returned: t("stateReturned", { revision, reviewer }),
    accepted: t("stateAccepted", { revision, reviewer }),
    locked: t("stateLocked"),
  };
  const next: Record<ReportStateKind, string> = {
    notStarted: progress ? t("nextFill") : t("nextInsert"),
    inProgress:
      progress && progress.blanks > 0
        ? t("nextBlanks", { blanks: progress.blanks })
        : progress && progress.errors > 0
          ? t("nextErrors", { errors: progress.errors })
          : t("nextExplain", { unexplained: progress?.unexplained ?? 0 }),
    ready: t("nextSubmit"),
    submitted: t("nextWait", { reviewer }),
    changedSinceSubmitted: t("nextResubmit", { revision }),
    returned: progress ? t("nextReturned") : t("nextReturnedOpen", { revision }),
    accepted: t("nextNothing"),
    locked: t("nextLocked"),
  };
  const details: (HTMLElement | string)[] = [];
  if (latest) details.push(h("p", { class: "muted" }, t("latestRevision", { revision, time: context.time(latest.submittedAt), name: latest.submittedByName })));
  if (due)
    details.push(
      h(
        "p",
        { class: late ? "message warning" : "muted", id: "deadline" },
        late ? t("deadlinePassed", { deadline: due.deadline }) : deadlineText(due.deadline, beijingDate(facts.now ?? new Date()), t),
      ),
    );
  const review = facts.latestDetail?.reviews.at(-1);
  if (review && latest?.status !== "submitted") {
    details.push(
      h(
        "blockquote",
        { class: "review-comment", id: "review-comment" },
        h("p", {}, t("reviewBy", { name: review.actedByName, time: context.time(review.actedAt) })),
        review.comment ? h("p", {}, review.comment) : "",
        ...review.cells.map((cell) =>
          selectCell
            ? h("button", { class: "link cell-link", onclick: () => selectCell(cell.sheetCode, cell.cell) }, `${cell.sheetCode}!${cell.cell}`)
            : h("span", { class: "cell" }, `${cell.sheetCode}!${cell.cell} `),
        ),
      ),
    );
  }
  return h(
    "section",
    { class: `card state state-${kind}`, id: "report-state", "data-state": kind, "aria-labelledby": "report-state-heading" },
    h(
      "h2",
      { id: "report-state-heading", "aria-live": "polite" },
      headline[kind],
      late ? h("span", { class: "badge warning", id: "late-badge" }, t("late")) : "",
    ),
    ...details,
    h("p", { class: "next", id: "next-action" }, h("strong", {}, t("nextLabel")), next[kind]),
    action ?? "",
  );
}
