import { diffReports } from "../../shared/report/report-diff.ts";
import type { SubmissionDetail, SubmissionSummary } from "../../shared/api/api-client.ts";
import { changeText } from "../logic/change-text.ts";
import { attachmentCard } from "./attachment-card.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import { h } from "./dom.ts";
import { mergeStateCard } from "./merge-card.ts";
import type { PaneContext } from "./pane-context.ts";

const statusKey = { submitted: "statusSubmitted", returned: "statusReturned", accepted: "statusAccepted" } as const;

/** The 状态 tab: my revisions, the review of the latest (comments select their cells), and what changed since. */
export async function renderStatusView(container: HTMLElement, context: PaneContext): Promise<void> {
  const { session, api, t, workbook } = context;
  if (!session) {
    container.append(h("section", { class: "card", id: "status" }, h("h2", {}, t("revisions")), h("p", { class: "muted" }, t("statusNoWorkbook"))));
    return;
  }
  /** A "教扶04!E7" button that selects the cell in this workbook. */
  const cellLink = (sheetCode: string, cell: string, className: string) =>
    h(
      "button",
      { class: className, onclick: () => workbook.selectCell(session.layout.sheet(sheetCode)?.name ?? sheetCode, cell).catch(context.alert) },
      `${sheetCode}!${cell}`,
    );
  const section = h("section", { class: "card", id: "status" }, h("h2", {}, t("revisions")));
  container.append(section);
  let latest: SubmissionDetail | undefined;
  try {
    const revisions = await api.submissions(session.layout.period, session.unit.code);
    if (revisions.length === 0) {
      section.append(h("p", { class: "muted" }, t("noRevisions")));
      return;
    }
    section.append(revisionsTable(context, revisions));
    // A prefecture's own report against its counties now: out of date once one moved on, with 重新合成.
    if (reportingUnitOf(session.unit.code)?.children[0]?.level.report)
      section.append(mergeStateCard(context, session.layout.period, session.unit.code, { rebuild: true }));
    latest = await api.submission(session.layout.period, session.unit.code, (revisions.at(-1) as { revision: number }).revision);
    section.append(
      attachmentCard(context, {
        period: session.layout.period,
        unitCode: session.unit.code,
        revision: latest.revision,
        // Only while it awaits review: an accepted revision stays as it was checked (the Worker refuses too).
        canAttach: latest.status === "submitted",
      }),
    );
  } catch (error) {
    section.append(h("p", { class: "message error" }, context.failure(error)));
    return;
  }

  if (latest.reviews.length > 0) section.append(h("h3", {}, t("comments")), reviewList(context, latest, cellLink));

  const changes = diffReports(session.formSet, session.unit, latest.report, session.submission());
  section.append(
    h("h3", {}, t("diff", { revision: latest.revision })),
    changes.length === 0
      ? h("p", { class: "muted" }, t("noChanges"))
      : h(
          "ul",
          { class: "diff" },
          ...changes
            .slice(0, 200)
            .map((change) => h("li", {}, cellLink(change.sheetCode, change.cell, "link"), ` ${changeText(change, session.formSet, context.language)}`)),
        ),
  );
}

/** My revisions, the newest first. */
function revisionsTable(context: PaneContext, revisions: SubmissionSummary[]): HTMLElement {
  const { t } = context;
  return h(
    "table",
    { class: "revisions" },
    h(
      "thead",
      {},
      h("tr", {}, ...(["revision", "submittedAtHeader", "statusHeader", "submittedByHeader"] as const).map((key) => h("th", { scope: "col" }, t(key)))),
    ),
    ...revisions
      .slice()
      .reverse()
      .map((revision) =>
        h(
          "tr",
          {},
          h("td", {}, `#${revision.revision}`),
          h("td", {}, context.time(revision.submittedAt)),
          h("td", { class: `status ${revision.status}` }, t(statusKey[revision.status])),
          h("td", {}, revision.submittedByName),
        ),
      ),
  );
}

/** The reviews of the latest revision, each comment with buttons that select its cells. */
function reviewList(
  context: PaneContext,
  latest: SubmissionDetail,
  cellLink: (sheetCode: string, cell: string, className: string) => HTMLElement,
): HTMLElement {
  const { t } = context;
  return h(
    "ul",
    { class: "reviews" },
    ...latest.reviews.map((review) =>
      h(
        "li",
        {},
        h(
          "span",
          { class: `status ${review.action === "accept" ? "accepted" : "returned"}` },
          t(review.action === "accept" ? "statusAccepted" : "statusReturned"),
        ),
        ` ${review.actedByName} · ${context.time(review.actedAt)} `,
        review.comment ?? "",
        ...review.cells.map((cell) => cellLink(cell.sheetCode, cell.cell, "link cell-link")),
      ),
    ),
  );
}
