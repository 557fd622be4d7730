import type { Language } from "../logic/i18n.ts";
import { explanationReasonLabel } from "../../shared/report/explanation-reasons.ts";
import type { ExplanationReason } from "../../shared/report/explanation-reasons.ts";
import type { CellReference, Diff, SinceAccepted, SubmissionDetail } from "../../shared/api/api-client.ts";
import { changeText } from "../logic/change-text.ts";
import { cellReferenceFromText, cellReferenceOf } from "../logic/cell-reference.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingUnitOf, unitNameOf } from "../../shared/units/reporting-tree.ts";
import { mayReviewUnit } from "../../shared/units/unit-access.ts";
import { acceptedGoesInto } from "../logic/reviewer-words.ts";
import { messageOf } from "../logic/issue-list.ts";
import { fetchRevisionUnderReview } from "../logic/review-requests.ts";
import { reviewHistory, reviewRefusal, reviewRequest } from "../logic/review-state.ts";
import { attachmentCard } from "./attachment-card.ts";
import { threadsCard } from "./comment-thread.ts";
import { followUpCard } from "./follow-up-card.ts";
import { HistoryPanel } from "./history-panel.ts";
import { downloadLink, h } from "./dom.ts";
import { mergeStateCard } from "./merge-card.ts";
import { reportFigures } from "./report-figures.ts";
import type { PaneContext } from "./pane-context.ts";

/** The revision a card shows, and the line its actions report on. */
interface CardTarget {
  period: string;
  unitCode: string;
  submission: SubmissionDetail;
  /** The revision's own edition: it names the fields and lays out the cells (undefined: one this pane lacks). */
  formSet: FormSet | undefined;
  message: HTMLElement;
  /** Draws the card again from the server (state, comment history, buttons, an empty comment box), the note in its message line. */
  reload: (note: string) => Promise<void>;
  /** Opens the 历史 panel on a cell of the unit's report (教扶04!E7). */
  showHistory: (address: string) => void;
}

/**
 * One revision under review (province): open it in Excel; its explained warnings; accept or return
 * with a comment that points at cells, ticked beside the warnings or selected in the revision's workbook.
 */
export function reviewCard(
  context: PaneContext,
  period: string,
  unitCode: string,
  submission: SubmissionDetail,
  refresh: () => Promise<void>,
  /** The cells changed since the previous revision (undefined for the first), the earlier revisions (for their reviews), and since the last accepted one. */
  compared: { changes: Diff["changes"] | undefined; earlier: SubmissionDetail[]; sinceAccepted?: SinceAccepted | undefined },
  /** Opens another unit's revision in the same place (the drill-down from a prefecture's revision to its counties'). */
  openRevision?: (unitCode: string, revision: number) => void,
): HTMLElement {
  const { t, language } = context;
  const { revision } = submission;
  const formSet = context.formSetOf(submission.report.edition);
  const message = h("p", { class: "message", id: "review-message", role: "status" });
  const reload = async (note: string) => {
    const fresh = await fetchRevisionUnderReview(context.api, period, unitCode, revision);
    const redrawn = reviewCard(context, period, unitCode, fresh.submission, refresh, fresh, openRevision);
    (redrawn.querySelector("#review-message") as HTMLElement).textContent = note;
    card.replaceWith(redrawn);
    redrawn.querySelector<HTMLElement>("h2")?.focus();
  };
  const history = new HistoryPanel(context, () => ({ period, unitCode }));
  const target: CardTarget = { period, unitCode, submission, formSet, message, reload, showHistory: (address) => void history.show(address) };
  const cells = new CommentCells((): ParentNode => card);
  const reviewed = reportingUnitOf(unitCode);
  // The rule the Worker enforces (shared/units/unit-access.ts): the province reviews prefectures, a prefecture's clerk its counties.
  const mayReview = reviewed !== undefined && mayReviewUnit({ role: context.me.role, unitCode: context.me.unitCode }, reviewed);
  const reviewerName = reviewed?.parent ? unitNameOf(reviewed.parent.code, language) : "";
  const card: HTMLElement = h(
    "section",
    { class: "card", "data-revision": revision },
    h("h2", { tabindex: -1 }, `${unitNameOf(unitCode, language)} #${revision}`),
    h("p", { class: "muted" }, `${submission.submittedByName} · ${context.time(submission.submittedAt)} · SHA-256 ${submission.sha256.slice(0, 12)}…`),
    submission.resubmissionReason ? h("p", {}, `${t("resubmissionReason")}: ${submission.resubmissionReason}`) : null,
    openWorkbookButton(context, target),
    compared.sinceAccepted?.accepted ? sinceAcceptedSection(context, target, compared.sinceAccepted) : null,
    // Since the previous revision: unless that is the accepted one, whose changes are listed just above.
    compared.sinceAccepted?.accepted === revision - 1 ? null : changesSection(context, target, compared.changes),
    history.element,
    submission.sources ? sourcesSection(context, submission.sources, openRevision) : null,
    // A prefecture's revision: whether it still carries what its counties contribute now (the province reads, the prefecture rebuilds).
    submission.sources ? mergeStateCard(context, period, unitCode, { rebuild: false }) : null,
    h("h3", {}, t("commentHistory")),
    reviewList(context, reviewHistory(submission, compared.earlier)),
    attachmentCard(context, { period, unitCode, revision, canAttach: false }),
    // The figures beside their warnings (side by side on a wide screen): the reviewer needs no workbook to read them.
    h("div", { class: "figures-and-warnings" }, reportFigures(context, submission.report, formSet), warningList(context, target, cells)),
    followUpCard(context, period, unitCode, { mayMark: mayReview }),
    threadsCard(context, period, unitCode, target.showHistory),
    ...(!mayReview
      ? [h("p", { class: "muted", id: "reviewed-by" }, t("reviewedBy", { unit: reviewerName }))]
      : submission.status === "submitted"
        ? reviewControls(context, target, cells, refresh)
        : [h("p", { class: "muted", id: "review-closed" }, t("reviewClosed", { revision, state: t(closedState[submission.status]) }))]),
    target.message,
  );
  return card;
}

const closedState = { accepted: "statusAccepted", returned: "statusReturned" } as const;

/** The cells a comment points at: checkboxes beside the warnings and under "cells", read from the card when the review is sent. */
class CommentCells {
  readonly added = h("ul", { class: "comment-cells", id: "comment-cells" });

  constructor(private readonly card: () => ParentNode) {}

  choice(reference: CellReference, checked: boolean): HTMLElement {
    const value = `${reference.sheetCode}!${reference.cell}`;
    return h(
      "label",
      { class: "cell-choice" },
      h("input", { type: "checkbox", class: "comment-cell", value, "data-sheet-code": reference.sheetCode, "data-cell": reference.cell, checked }),
      value,
    );
  }

  checked(): CellReference[] {
    return this.choices()
      .filter((input) => input.checked)
      .map((input) => ({ sheetCode: input.dataset.sheetCode ?? "", cell: input.dataset.cell ?? "" }));
  }

  /** Ticks the cell where it is listed already, else lists it ticked. */
  add(reference: CellReference): void {
    const present = this.choices().find((input) => input.value === `${reference.sheetCode}!${reference.cell}`);
    if (present) present.checked = true;
    else this.added.append(h("li", {}, this.choice(reference, true)));
  }

  private choices(): HTMLInputElement[] {
    return [...this.card().querySelectorAll<HTMLInputElement>("input.comment-cell")];
  }
}

function openWorkbookButton(context: PaneContext, { period, unitCode, submission: { revision }, message }: CardTarget): HTMLElement {
  const { api, t, workbook } = context;
  const openInExcel = async (button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      const file = await api.revisionWorkbook(period, unitCode, revision);
      if ((await workbook.openWorkbook(file)) === "opened") message.textContent = t("revisionOpened", { revision });
      else
        message.replaceChildren(
          t("workbookDownload"),
          " ",
          downloadLink(file, `${unitCode}-${period}-${revision}.xlsx`, t("download", { file: `#${revision}.xlsx` })),
        );
    } catch (error) {
      message.textContent = context.failure(error);
    } finally {
      button.disabled = false;
    }
  };
  return h(
    "button",
    { class: "secondary", id: "open-workbook", onclick: (event: Event) => void openInExcel(event.currentTarget as HTMLButtonElement) },
    t("open"),
  );
}

function changesSection(context: PaneContext, { submission, formSet, showHistory }: CardTarget, changes: Diff["changes"] | undefined): HTMLElement {
  const { t, language } = context;
  const { revision } = submission;
  // A resubmission after a return with the same figures: the clerk's word that they were checked.
  if (changes?.length === 0)
    return h("p", { id: "changes-since" }, t("noFigureChanged", { revision: revision - 1, reason: submission.resubmissionReason ?? "—" }));
  if (!changes) return h("p", { class: "muted", id: "changes-since" }, t("firstRevision"));
  return h(
    "details",
    { class: "changes", id: "changes-since", open: changes.length <= 10 },
    h("summary", {}, t("changesSince", { revision: revision - 1, count: changes.length })),
    h(
      "ul",
      { class: "diff" },
      ...changes
        .slice(0, 200)
        .map((change) =>
          h(
            "li",
            {},
            `${change.sheetCode}!${change.cell} `,
            changeText(change, formSet, language),
            " ",
            historyLink(context, `${change.sheetCode}!${change.cell}`, showHistory),
          ),
        ),
    ),
  );
}

/**
 * 自已通过的第 N 版以来的改动: after an accepted revision, exactly the cells that differ from it (not
 * those changed and changed back on the way), each with this revision's 说明 there, and every reason
 * given since — what the reviewer weighs before accepting a change to figures already accepted.
 */
function sinceAcceptedSection(context: PaneContext, { formSet, showHistory }: CardTarget, since: SinceAccepted): HTMLElement {
  const { t, language } = context;
  const accepted = since.accepted as number;
  const change = (item: SinceAccepted["changes"][number]) =>
    h(
      "li",
      { "data-cell": `${item.sheetCode}!${item.cell}` },
      `${item.sheetCode}!${item.cell} `,
      changeText(item, formSet, language),
      " ",
      historyLink(context, `${item.sheetCode}!${item.cell}`, showHistory),
      ...item.explanations.map((issue) =>
        h("div", { class: "history-note" }, t("sinceAcceptedExplanation", { rule: issue.ruleId, text: issue.explanation ?? t("historyNoExplanation") })),
      ),
    );
  return h(
    "section",
    { class: "since-accepted", id: "changes-since-accepted" },
    h(
      "h3",
      {},
      since.changes.length === 0 ? t("sinceAcceptedNone", { revision: accepted }) : t("sinceAccepted", { revision: accepted, count: since.changes.length }),
    ),
    h("ul", { class: "diff" }, ...since.changes.slice(0, 200).map(change)),
    h(
      "ul",
      { class: "since-accepted-reasons" },
      ...since.reasons.map((reason) => h("li", {}, t("sinceAcceptedReason", { revision: reason.revision, reason: reason.reason }))),
    ),
  );
}

/** 历史 beside a changed cell: the value across revisions and periods, with who and why, in the card's panel. */
const historyLink = ({ t }: PaneContext, address: string, showHistory: (address: string) => void) =>
  h("button", { class: "link history-link", "aria-label": `${t("history")} ${address}`, onclick: () => showHistory(address) }, t("history"));

/** Drill-down: the county revision behind each county's rows, or the prefecture's clerk where none was carried over. */
function sourcesSection(
  context: PaneContext,
  sources: NonNullable<SubmissionDetail["sources"]>,
  openRevision: ((unitCode: string, revision: number) => void) | undefined,
): HTMLElement {
  const { t, language } = context;
  const fromCounties = sources.filter((source) => source.revision !== null).length;
  const item = ({ unitCode, revision }: (typeof sources)[number]) =>
    h(
      "li",
      { "data-unit": unitCode },
      `${unitNameOf(unitCode, language)} · `,
      revision === null ? t("rowTypedAbove") : t("rowFromRevision", { revision }),
      revision !== null && openRevision
        ? h(
            "button",
            {
              class: "link open-source",
              onclick: () => openRevision(unitCode, revision),
              "aria-label": t("viewRevision", { unit: unitNameOf(unitCode, language), revision }),
            },
            t("view"),
          )
        : "",
    );
  return h(
    "details",
    { class: "sources", id: "row-sources" },
    h("summary", {}, t("rowSources", { counties: fromCounties, typed: sources.length - fromCounties })),
    h("ul", {}, ...sources.map(item)),
  );
}

function reviewList(context: PaneContext, reviews: ReturnType<typeof reviewHistory>): HTMLElement {
  const { t } = context;
  if (reviews.length === 0) return h("p", { class: "muted" }, t("noComments"));
  return h(
    "ul",
    { class: "reviews", id: "review-history" },
    ...reviews.map(({ review, revision }) =>
      h(
        "li",
        {},
        h(
          "span",
          { class: `status ${review.action === "accept" ? "accepted" : "returned"}` },
          `#${revision} ${t(review.action === "accept" ? "statusAccepted" : "statusReturned")}`,
        ),
        ` ${review.actedByName} · ${context.time(review.actedAt)} `,
        review.comment ?? "",
      ),
    ),
  );
}

const reasonWords = (reason: ExplanationReason, language: Language) => explanationReasonLabel(reason)[language];

/** The revision's warnings with the clerk's explanations, each cell a box to tick for the comment. */
function warningList(context: PaneContext, { submission, formSet }: CardTarget, cells: CommentCells): HTMLElement {
  return h(
    "ul",
    { class: "warnings" },
    ...submission.warnings.map((warning) =>
      h(
        "li",
        { class: "issue warning" },
        warning.cell ? cells.choice({ sheetCode: warning.sheetCode, cell: warning.cell }, false) : null,
        messageOf(warning, formSet, context.language),
        h(
          "blockquote",
          {},
          warning.explanationReason ? h("span", { class: "explanation-reason" }, `${reasonWords(warning.explanationReason, context.language)}：`) : null,
          warning.explanation ?? "",
        ),
      ),
    ),
  );
}

/** Pointing at cells, the comment, 通过 and 退回: for whoever the unit reports to. */
function reviewControls(context: PaneContext, target: CardTarget, cells: CommentCells, refresh: () => Promise<void>): HTMLElement[] {
  const { api, t } = context;
  const { period, unitCode, submission, message } = target;
  const { revision } = submission;
  const comment = h("textarea", { id: "review-comment", rows: 3, "aria-describedby": "review-comment-error" });
  const commentError = h("p", { class: "field-error", id: "review-comment-error" });
  const act = async (action: "accept" | "return") => {
    const request = reviewRequest(action, comment.value, cells.checked());
    // A return says what to change: checked here, beside the field, before any request.
    if ("problem" in request) {
      commentError.textContent = t(request.problem);
      comment.setAttribute("aria-invalid", "true");
      comment.focus();
      return;
    }
    commentError.textContent = "";
    comment.removeAttribute("aria-invalid");
    for (const button of buttons) button.disabled = true;
    try {
      await api.review(period, unitCode, revision, request.body);
      // The table and the card both move on: the new state, the comment in the history, no buttons left.
      await Promise.all([refresh(), target.reload(t("reviewedAs", { action: t(action === "accept" ? "statusAccepted" : "statusReturned"), revision }))]);
    } catch (error) {
      const refusal = reviewRefusal(error, revision);
      const said = refusal ? t(refusal.key, refusal.values) : context.failure(error);
      if (refusal?.stale) await Promise.all([refresh(), target.reload(said)]).catch(() => (message.textContent = said));
      else message.textContent = said;
    } finally {
      for (const button of buttons) button.disabled = false;
    }
  };
  const confirmation = acceptConfirmation(context, target, () => void act("accept"));
  const buttons = [
    h("button", { class: "primary", id: "accept", onclick: confirmation.ask }, t("accept")),
    h("button", { class: "secondary", id: "return", onclick: () => void act("return") }, t("return")),
  ];
  return [
    h("h3", {}, t("commentCells")),
    cells.added,
    cellAdder(context, target, cells),
    h("label", { for: "review-comment" }, t("comment")),
    comment,
    commentError,
    h("div", { class: "actions" }, ...buttons),
    confirmation.element,
  ];
}

/** The question 通过 asks: a prefecture's revision goes into the province's totals, a county's into its prefecture's merged report. */
function acceptQuestion({ t, language }: PaneContext, unitCode: string, revision: number): string {
  const unit = reportingUnitOf(unitCode);
  const name = unitNameOf(unitCode, language);
  if (acceptedGoesInto(unit) === "province") return t("confirmAccept", { unit: name, revision });
  return t("confirmAcceptChild", { unit: name, revision, parent: unitNameOf(unit?.parent?.code ?? "", language) });
}

/** 通过 asks once more: it puts the revision into the totals above (acceptQuestion says which). */
function acceptConfirmation(context: PaneContext, { unitCode, submission }: CardTarget, accept: () => void): { element: HTMLElement; ask: () => void } {
  const { t } = context;
  const element = h("div", { class: "message warning", id: "confirm-accept", hidden: true });
  const ask = () => {
    element.replaceChildren(
      h("p", {}, acceptQuestion(context, unitCode, submission.revision)),
      h(
        "div",
        { class: "actions" },
        h("button", { class: "primary", id: "confirm-accept-yes", onclick: () => ((element.hidden = true), accept()) }, t("confirm")),
        h("button", { class: "secondary", id: "confirm-accept-no", onclick: () => (element.hidden = true) }, t("cancel")),
      ),
    );
    element.hidden = false;
    element.querySelector<HTMLButtonElement>("#confirm-accept-yes")?.focus();
  };
  return { element, ask };
}

/**
 * How a cell is added to the comment: selected in this workbook when it is the unit's report for the
 * period (the pane); typed and checked against the unit's layout on the web page, which has no workbook to select in.
 */
function cellAdder(context: PaneContext, { period, unitCode, formSet, message }: CardTarget, cells: CommentCells): HTMLElement {
  const { t, session } = context;
  const reviewed = reportingUnitOf(unitCode);
  const layout = session?.unit.code === unitCode && session.layout.period === period ? session.layout : undefined;
  const typedLayout = context.surface === "page" && reviewed && formSet ? unitLayout(formSet, reviewed, period) : undefined;
  const add = (reference: CellReference) => {
    cells.add(reference);
    message.textContent = "";
  };
  if (typedLayout) return typedCellInput(context, typedLayout, message, add);
  if (!layout) return h("p", { class: "muted" }, t("selectInRevision"));
  const addSelectedCell = async () => {
    try {
      const selected = await context.workbook.readSelectedCell();
      const reference = selected && cellReferenceOf(layout, selected);
      if (!reference) {
        message.textContent = t("notAReportCell");
        return;
      }
      add(reference);
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };
  return h("button", { class: "secondary", id: "add-selected-cell", onclick: () => void addSelectedCell() }, t("addSelectedCell"));
}

function typedCellInput(context: PaneContext, layout: WorkbookLayout, message: HTMLElement, add: (reference: CellReference) => void): HTMLElement {
  const { t } = context;
  const typedCell = h("input", { id: "cell-address", placeholder: "教扶04!E7", "aria-describedby": "cell-address-help" });
  const addTypedCell = () => {
    const reference = cellReferenceFromText(layout, typedCell.value);
    if (!reference) {
      message.textContent = t("notACellAddress", { typed: typedCell.value.trim() });
      typedCell.setAttribute("aria-invalid", "true");
      return;
    }
    typedCell.removeAttribute("aria-invalid");
    typedCell.value = "";
    add(reference);
  };
  return h(
    "div",
    { class: "typed-cell" },
    h("label", { for: "cell-address" }, t("typeCellAddress")),
    typedCell,
    h("button", { class: "secondary", id: "add-typed-cell", onclick: addTypedCell }, t("addCell")),
    h("p", { class: "muted", id: "cell-address-help" }, t("typeCellAddressHelp")),
  );
}
