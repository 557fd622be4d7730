import type { ApiError, Receipt, SubmissionSummary } from "../../shared/api/api-client.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { ValidationIssue } from "../../shared/validate/validate-report.ts";
import { messageOf } from "../logic/issue-list.ts";
import type { SubmitControls } from "../logic/report-view-state.ts";
import { reviewerWordsOf } from "../logic/reviewer-words.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import { h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

/** What the queued message says, by where the queue is kept. */
const QUEUED_MESSAGE = {
  saved: "queuedSaved",
  unsaved: "queuedUnsaved",
  "no-file": "queuedNoFile",
  "too-large": "queuedTooLarge",
  "pane-only": "queuedPaneOnly",
} as const;

/**
 * Draws the submit area from its controls: the reason for a resubmission (kept across redraws), the
 * button, why it is disabled, the queue, and `outcome` (the receipt or the refusal, drawn by the caller).
 */
export function drawSubmitArea(
  element: HTMLElement,
  context: PaneContext,
  controls: SubmitControls,
  outcome: HTMLElement | undefined,
  submit: (resubmissionReason: string | undefined) => void,
): void {
  const { submitter, t } = context;
  const { needsReason, busy, notice, queued, coauthor } = controls;
  const previousReason = element.querySelector<HTMLTextAreaElement>("#resubmission-reason")?.value ?? "";
  const reasonLabel = h("label", { for: "resubmission-reason" }, t("resubmissionReason"));
  const reason = h("textarea", { id: "resubmission-reason", rows: 2, value: previousReason });
  const button = h("button", { class: "primary", id: "submit-button", disabled: busy || (needsReason && !previousReason.trim()) }, t(controls.label));
  reason.addEventListener("input", () => (button.disabled = busy || !reason.value.trim()));
  button.addEventListener("click", () => submit(needsReason ? reason.value.trim() : undefined));
  const lines: HTMLElement[] = [];
  if (notice?.kind === "same") lines.push(h("p", { class: "message", id: "same-as-latest" }, t(notice.key, { revision: notice.revision })));
  else if (notice?.kind === "blocked") lines.push(h("p", { class: "message", id: "cannot-submit" }, t("cannotSubmit", { left: leftToDo(context, notice) })));
  if (submitter.state.sending) lines.push(h("progress", { id: "submit-progress", "aria-label": t("submitting") }));
  if (queued) {
    const { keptIn } = submitter.state;
    lines.push(
      h("p", { class: "message warning", id: "queued", role: "status", "data-kept-in": keptIn }, t(QUEUED_MESSAGE[keptIn], { attempts: queued.attempts })),
      h("button", { class: "secondary", onclick: () => submitter.flush().catch(context.alert) }, t("retryNow")),
    );
    if (keptIn === "unsaved" && context.surface === "pane") lines.push(saveButton(context));
  }
  if (coauthor) {
    const name = coauthor.queuedBy?.name ?? "?";
    lines.push(
      h("p", { class: "message warning", id: "coauthor-queued", role: "status" }, t("coauthorQueued", { name, time: context.time(coauthor.queuedAt) })),
    );
  }
  if (outcome) lines.push(outcome);
  element.replaceChildren(needsReason ? reasonLabel : "", needsReason ? reason : "", button, ...lines);
}

/** "432 个空格、1 个错误": what still stands before a submit, counted as the state line and the issue list count it, zeros left out. */
function leftToDo({ t, language }: PaneContext, counts: { blanks: number; errors: number; unexplained: number }): string {
  const parts = [
    counts.blanks ? t("blankCount", { count: counts.blanks }) : "",
    counts.errors ? t("errorCount", { count: counts.errors }) : "",
    counts.unexplained ? t("unexplainedCount", { count: counts.unexplained }) : "",
  ];
  return parts.filter(Boolean).join(language === "zh" ? "、" : ", ");
}

/**
 * 保存: the clerk saves the workbook so that the queue travels with its file. Offered only for a
 * workbook that has a file (one without is told to use Excel's 另存为); where this Excel does not let
 * an add-in save, the clerk is told to press Ctrl+S.
 */
function saveButton(context: PaneContext): HTMLElement {
  const { submitter, t } = context;
  const save = async () => {
    if ((await submitter.saveWorkbook()) === "unsupported") context.alert(new Error(t("saveWithCtrlS")));
  };
  return h("button", { class: "secondary", id: "save-workbook", title: t("saveWorkbookHint"), onclick: () => save().catch(context.alert) }, t("saveWorkbook"));
}

/** The receipt in one line (revision and time), what happens next, and the checksum on demand. */
export function receiptElement(context: PaneContext, receipt: Receipt, repeated: boolean): HTMLElement {
  const { t } = context;
  const reviewer = reviewerWordsOf(reportingUnitOf(context.me.unitCode ?? ""), context.language);
  const time = context.time(receipt.submittedAt);
  return h(
    "div",
    { class: "message ok", id: "receipt" },
    h("p", {}, repeated ? t("receiptRepeated", { revision: receipt.revision, time }) : t("receiptShort", { revision: receipt.revision, time })),
    h("p", {}, t("receiptNext", { reviewer })),
    h("details", { class: "receipt-hash" }, h("summary", {}, t("receiptHash")), h("code", {}, receipt.sha256)),
  );
}

/** 409, 422 and 423 said in plain words; after a 409, what the refreshed latest revision (`current`) is. */
export function refusalElement(context: PaneContext, error: ApiError, current: SubmissionSummary | undefined): HTMLElement {
  const { t, language } = context;
  const type = String(error.problem.type ?? "");
  const element = h("div", { class: "message error", id: "refusal", role: "alert" });
  if (error.status === 409) {
    if (current && current.revision === Number(error.problem.currentRevision))
      element.append(t("staleRefreshed", { revision: current.revision, time: context.time(current.submittedAt), name: current.submittedByName }));
    else element.append(t("stale", { revision: String(error.problem.currentRevision ?? "?") }));
  } else if (error.status === 423) element.append(t("locked"));
  else if (type === problemKinds.reasonRequired.type) element.append(t("reasonRequired"));
  else if (type === problemKinds.reportInvalid.type) {
    const issues = (error.problem.issues ?? []) as ValidationIssue[];
    element.append(t("invalid"), h("ul", {}, ...issues.slice(0, 20).map((issue) => h("li", {}, messageOf(issue, context.session?.formSet, language)))));
  } else element.append(t("refused", { detail: error.message }));
  return element;
}
