import type { CellReference, Diff, SubmissionDetail } from "../../shared/api/api-client.ts";
import { changeText } from "../logic/change-text.ts";
import { cellReferenceFromText, cellReferenceOf } from "../logic/cell-reference.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingUnitOf, unitNameOf } from "../../shared/units/reporting-tree.ts";
import { mayReviewUnit } from "../../shared/units/unit-access.ts";
import { messageOf } from "../logic/issue-list.ts";
import { attachmentCard } from "./attachment-card.ts";
import { downloadLink, h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

/**
 * One revision under review (province): open it in Excel; its explained warnings; accept or return
 * with a comment that points at cells, ticked beside the warnings or selected in the revision's workbook.
 */
export function reviewCard(
  context: PaneContext,
  period: string,
  prefectureCode: string,
  submission: SubmissionDetail,
  refresh: () => Promise<void>,
  /** The cells changed since the previous revision (undefined for the first), and the earlier revisions (for their reviews). */
  history: { changes: Diff["changes"] | undefined; earlier: SubmissionDetail[] },
  /** Opens another unit's revision in the same place (the drill-down from a prefecture's revision to its counties'). */
  openRevision?: (unitCode: string, revision: number) => void,
): HTMLElement {
  const { api, t, language, workbook, session } = context;
  const { revision } = submission;
  const unit = unitNameOf(prefectureCode, language);
  const comment = h("textarea", { id: "review-comment", rows: 3, "aria-describedby": "review-comment-error" });
  const commentError = h("p", { class: "field-error", id: "review-comment-error" });
  const message = h("p", { class: "message", role: "status" });
  const addedCells = h("ul", { class: "comment-cells", id: "comment-cells" });
  // A cell selected in this workbook is a cell of the revision when the workbook is this prefecture's report for the period.
  const layout = session?.unit.code === prefectureCode && session.layout.period === period ? session.layout : undefined;
  // The web page has no workbook to select in: the reviewer types the address, checked against the prefecture's layout.
  const reviewed = reportingUnitOf(prefectureCode);
  // The rule the Worker enforces (shared/units/unit-access.ts): the province reviews prefectures, a prefecture's clerk its counties.
  const mayReview = reviewed !== undefined && mayReviewUnit({ role: context.me.role, unitCode: context.me.prefectureCode }, reviewed);
  const reviewerName = reviewed?.parent ? unitNameOf(reviewed.parent.code, language) : "";
  // The revision's own edition names its fields and lays out its cells (undefined: one this pane lacks).
  const formSet = context.formSetOf(submission.report.edition);
  const typedLayout = context.surface === "page" && reviewed && formSet ? unitLayout(formSet, reviewed, period) : undefined;

  const cellChoice = (reference: CellReference, checked: boolean) =>
    h(
      "label",
      { class: "cell-choice" },
      h("input", {
        type: "checkbox",
        class: "comment-cell",
        value: `${reference.sheetCode}!${reference.cell}`,
        "data-sheet-code": reference.sheetCode,
        "data-cell": reference.cell,
        checked,
      }),
      `${reference.sheetCode}!${reference.cell}`,
    );
  const choices = () => [...card.querySelectorAll<HTMLInputElement>("input.comment-cell")];
  const checkedCells = (): CellReference[] => [
    ...new Map(
      choices()
        .filter((input) => input.checked)
        .map((input) => [input.value, { sheetCode: input.dataset.sheetCode ?? "", cell: input.dataset.cell ?? "" }]),
    ).values(),
  ];

  const openInExcel = async (button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      const file = await api.revisionWorkbook(period, prefectureCode, revision);
      if ((await workbook.openWorkbook(file)) === "opened") message.textContent = t("revisionOpened", { revision });
      else
        message.replaceChildren(
          t("workbookDownload"),
          " ",
          downloadLink(file, `${prefectureCode}-${period}-${revision}.xlsx`, t("download", { file: `#${revision}.xlsx` })),
        );
    } catch (error) {
      message.textContent = context.failure(error);
    } finally {
      button.disabled = false;
    }
  };

  const addSelectedCell = async () => {
    try {
      const selected = await workbook.readSelectedCell();
      const reference = selected && layout && cellReferenceOf(layout, selected);
      if (!reference) {
        message.textContent = t("notAReportCell");
        return;
      }
      addCell(reference);
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };
  const addCell = (reference: CellReference) => {
    const present = choices().find((input) => input.value === `${reference.sheetCode}!${reference.cell}`);
    if (present) present.checked = true;
    else addedCells.append(h("li", {}, cellChoice(reference, true)));
    message.textContent = "";
  };
  const typedCell = h("input", { id: "cell-address", placeholder: "教扶04!E7", "aria-describedby": "cell-address-help" });
  const addTypedCell = () => {
    const reference = typedLayout && cellReferenceFromText(typedLayout, typedCell.value);
    if (!reference) {
      message.textContent = t("notACellAddress", { typed: typedCell.value.trim() });
      typedCell.setAttribute("aria-invalid", "true");
      return;
    }
    typedCell.removeAttribute("aria-invalid");
    typedCell.value = "";
    addCell(reference);
  };

  const act = async (action: "accept" | "return") => {
    const text = comment.value.trim();
    // A return says what to change: checked here, beside the field, before any request.
    if (action === "return" && !text) {
      commentError.textContent = t("commentRequired");
      comment.setAttribute("aria-invalid", "true");
      comment.focus();
      return;
    }
    commentError.textContent = "";
    comment.removeAttribute("aria-invalid");
    try {
      const cells = checkedCells();
      await api.review(period, prefectureCode, revision, { action, ...(text ? { comment: text } : {}), ...(cells.length > 0 ? { cells } : {}) });
      message.textContent = t("reviewedAs", { action: t(action === "accept" ? "statusAccepted" : "statusReturned"), revision });
      await refresh();
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };

  /** 通过 asks once more: it puts the revision into the province's totals. */
  const confirmation = h("div", { class: "message warning", id: "confirm-accept", hidden: true });
  const askToAccept = () => {
    confirmation.replaceChildren(
      h("p", {}, t("confirmAccept", { unit, revision })),
      h(
        "div",
        { class: "actions" },
        h("button", { class: "primary", id: "confirm-accept-yes", onclick: () => ((confirmation.hidden = true), void act("accept")) }, t("confirm")),
        h("button", { class: "secondary", id: "confirm-accept-no", onclick: () => (confirmation.hidden = true) }, t("cancel")),
      ),
    );
    confirmation.hidden = false;
    confirmation.querySelector<HTMLButtonElement>("#confirm-accept-yes")?.focus();
  };

  const reviews = [
    ...history.earlier.flatMap((earlier) => earlier.reviews.map((review) => ({ review, revision: earlier.revision }))),
    ...submission.reviews.map((review) => ({ review, revision })),
  ];
  const changesSection =
    history.changes?.length === 0
      ? // A resubmission after a return with the same figures: the clerk's word that they were checked.
        h("p", { id: "changes-since" }, t("noFigureChanged", { revision: revision - 1, reason: submission.resubmissionReason ?? "—" }))
      : history.changes
        ? h(
            "details",
            { class: "changes", id: "changes-since", open: history.changes.length <= 10 },
            h("summary", {}, t("changesSince", { revision: revision - 1, count: history.changes.length })),
            h(
              "ul",
              { class: "diff" },
              ...history.changes.slice(0, 200).map((change) => h("li", {}, `${change.sheetCode}!${change.cell} `, changeText(change, formSet, language))),
            ),
          )
        : h("p", { class: "muted", id: "changes-since" }, t("firstRevision"));

  /** Drill-down: the county revision behind each county's rows, or the prefecture's clerk where none was carried over. */
  function sourcesSection(sources: NonNullable<SubmissionDetail["sources"]>): HTMLElement {
    const fromCounties = sources.filter((source) => source.revision !== null).length;
    return h(
      "details",
      { class: "sources", id: "row-sources" },
      h("summary", {}, t("rowSources", { counties: fromCounties, typed: sources.length - fromCounties })),
      h(
        "ul",
        {},
        ...sources.map((source) =>
          h(
            "li",
            { "data-unit": source.unitCode },
            `${unitNameOf(source.unitCode, language)} · `,
            source.revision === null ? t("rowTypedAbove") : t("rowFromRevision", { revision: source.revision }),
            source.revision !== null && openRevision
              ? h(
                  "button",
                  {
                    class: "link open-source",
                    onclick: () => openRevision(source.unitCode, source.revision as number),
                    "aria-label": t("viewRevision", { unit: unitNameOf(source.unitCode, language), revision: source.revision }),
                  },
                  t("view"),
                )
              : "",
          ),
        ),
      ),
    );
  }

  const card = h(
    "section",
    { class: "card", "data-revision": revision },
    h("h2", { tabindex: -1 }, `${unit} #${revision}`),
    h("p", { class: "muted" }, `${submission.submittedByName} · ${context.time(submission.submittedAt)} · SHA-256 ${submission.sha256.slice(0, 12)}…`),
    submission.resubmissionReason ? h("p", {}, `${t("resubmissionReason")}: ${submission.resubmissionReason}`) : null,
    h("button", { class: "secondary", id: "open-workbook", onclick: (event: Event) => void openInExcel(event.currentTarget as HTMLButtonElement) }, t("open")),
    changesSection,
    submission.sources ? sourcesSection(submission.sources) : null,
    h("h3", {}, t("commentHistory")),
    reviews.length === 0
      ? h("p", { class: "muted" }, t("noComments"))
      : h(
          "ul",
          { class: "reviews", id: "review-history" },
          ...reviews.map(({ review, revision: reviewed }) =>
            h(
              "li",
              {},
              h(
                "span",
                { class: `status ${review.action === "accept" ? "accepted" : "returned"}` },
                `#${reviewed} ${t(review.action === "accept" ? "statusAccepted" : "statusReturned")}`,
              ),
              ` ${review.actedByName} · ${context.time(review.actedAt)} `,
              review.comment ?? "",
            ),
          ),
        ),
    attachmentCard(context, { period, prefectureCode, revision, canAttach: false }),
    h(
      "ul",
      { class: "warnings" },
      ...submission.warnings.map((warning) =>
        h(
          "li",
          { class: "issue warning" },
          warning.cell ? cellChoice({ sheetCode: warning.sheetCode, cell: warning.cell }, false) : null,
          messageOf(warning, formSet, language),
          h("blockquote", {}, warning.explanation ?? ""),
        ),
      ),
    ),
    ...(mayReview ? reviewControls() : [h("p", { class: "muted", id: "reviewed-by" }, t("reviewedBy", { unit: reviewerName }))]),
    message,
  );
  return card;

  /** Pointing at cells, the comment, 通过 and 退回: for whoever the unit reports to. */
  function reviewControls(): (HTMLElement | null)[] {
    return [
      h("h3", {}, t("commentCells")),
      addedCells,
      typedLayout
        ? h(
            "div",
            { class: "typed-cell" },
            h("label", { for: "cell-address" }, t("typeCellAddress")),
            typedCell,
            h("button", { class: "secondary", id: "add-typed-cell", onclick: addTypedCell }, t("addCell")),
            h("p", { class: "muted", id: "cell-address-help" }, t("typeCellAddressHelp")),
          )
        : layout
          ? h("button", { class: "secondary", id: "add-selected-cell", onclick: () => void addSelectedCell() }, t("addSelectedCell"))
          : h("p", { class: "muted" }, t("selectInRevision")),
      h("label", { for: "review-comment" }, t("comment")),
      comment,
      commentError,
      h(
        "div",
        { class: "actions" },
        h("button", { class: "primary", id: "accept", onclick: askToAccept }, t("accept")),
        h("button", { class: "secondary", id: "return", onclick: () => void act("return") }, t("return")),
      ),
      confirmation,
    ];
  }
}
