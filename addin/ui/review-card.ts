import { regionTable } from "../../shared/regions/region-table.ts";
import type { CellReference, SubmissionDetail } from "../../shared/api/api-client.ts";
import { cellReferenceOf } from "../logic/cell-reference.ts";
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
): HTMLElement {
  const { api, t, language, workbook, session } = context;
  const { revision } = submission;
  const comment = h("textarea", { id: "review-comment", rows: 3, placeholder: t("comment") });
  const message = h("p", { class: "message", role: "status" });
  const addedCells = h("ul", { class: "comment-cells", id: "comment-cells" });
  // A cell selected in this workbook is a cell of the revision when the workbook is this prefecture's report for the period.
  const layout = session?.prefecture.code === prefectureCode && session.layout.period === period ? session.layout : undefined;

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
      const present = choices().find((input) => input.value === `${reference.sheetCode}!${reference.cell}`);
      if (present) present.checked = true;
      else addedCells.append(h("li", {}, cellChoice(reference, true)));
      message.textContent = "";
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };

  const act = async (action: "accept" | "return") => {
    try {
      const text = comment.value.trim();
      const cells = checkedCells();
      await api.review(period, prefectureCode, revision, { action, ...(text ? { comment: text } : {}), ...(cells.length > 0 ? { cells } : {}) });
      message.textContent = `${t(action === "accept" ? "statusAccepted" : "statusReturned")} #${revision}`;
      await refresh();
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };

  const card = h(
    "section",
    { class: "card", "data-revision": revision },
    h("h2", {}, `${regionTable.prefecture(prefectureCode)?.name ?? prefectureCode} #${revision}`),
    h("p", { class: "muted" }, `${submission.submittedByName} · ${context.time(submission.submittedAt)} · SHA-256 ${submission.sha256.slice(0, 12)}…`),
    submission.resubmissionReason ? h("p", {}, `${t("resubmissionReason")}: ${submission.resubmissionReason}`) : null,
    h("button", { class: "secondary", id: "open-workbook", onclick: (event: Event) => void openInExcel(event.currentTarget as HTMLButtonElement) }, t("open")),
    attachmentCard(context, { period, prefectureCode, revision, canAttach: false }),
    h(
      "ul",
      { class: "warnings" },
      ...submission.warnings.map((warning) =>
        h(
          "li",
          { class: "issue warning" },
          warning.cell ? cellChoice({ sheetCode: warning.sheetCode, cell: warning.cell }, false) : null,
          messageOf(warning, language),
          h("blockquote", {}, warning.explanation ?? ""),
        ),
      ),
    ),
    h("h3", {}, t("commentCells")),
    addedCells,
    layout
      ? h("button", { class: "secondary", id: "add-selected-cell", onclick: () => void addSelectedCell() }, t("addSelectedCell"))
      : h("p", { class: "muted" }, t("selectInRevision")),
    comment,
    h(
      "div",
      { class: "actions" },
      h("button", { class: "primary", id: "accept", onclick: () => void act("accept") }, t("accept")),
      h("button", { class: "secondary", id: "return", onclick: () => void act("return") }, t("return")),
    ),
    message,
  );
  return card;
}
