import { regionTable } from "../../shared/regions/region-table.ts";
import type { Completeness, SubmissionDetail } from "../../shared/api/api-client.ts";
import { messageOf } from "../logic/issue-list.ts";
import { h } from "./dom.ts";
import type { PaneContext } from "./task-pane.ts";

/** The 审核汇总 tab (province): completeness of the 16 prefectures, review of a revision, the consolidated workbook. */
export async function renderProvinceView(container: HTMLElement, context: PaneContext): Promise<void> {
  const { api, t } = context;
  const message = h("p", { class: "message", id: "province-message", role: "status" });
  const detail = h("div", { id: "revision-detail" });
  const table = h("table", { class: "completeness", id: "completeness" });
  const periodSelect = h("select", { id: "province-period" });
  const pull = h("button", { class: "primary", id: "pull-consolidated" }, t("pull"));
  container.append(h("section", { class: "card" }, h("h2", {}, t("completeness")), periodSelect, table, pull, message), detail);

  const showCompleteness = async () => {
    try {
      const completeness = await api.completeness(periodSelect.value);
      table.replaceChildren(...completeness.prefectures.map((row) => completenessRow(row, () => void openRevision(row.prefectureCode, row.revision))));
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };

  const openRevision = async (prefectureCode: string, revision: number) => {
    try {
      const submission = await api.submission(periodSelect.value, prefectureCode, revision);
      detail.replaceChildren(reviewCard(context, periodSelect.value, prefectureCode, submission, showCompleteness));
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };

  pull.addEventListener("click", async () => {
    pull.disabled = true;
    try {
      await context.workbook.openWorkbook(await api.consolidatedWorkbook(periodSelect.value));
      message.textContent = t("pulled");
    } catch (error) {
      message.textContent = context.failure(error);
    } finally {
      pull.disabled = false;
    }
  });
  periodSelect.addEventListener("change", () => void showCompleteness());

  try {
    const periods = await api.periods();
    periodSelect.replaceChildren(...periods.map((period) => h("option", { value: period.code }, period.code)));
  } catch (error) {
    message.textContent = context.failure(error);
    return;
  }
  await showCompleteness();

  function completenessRow(row: Completeness["prefectures"][number], open: () => void): HTMLElement {
    return h(
      "tr",
      { "data-prefecture": row.prefectureCode },
      h("td", {}, row.name),
      h("td", { class: `status s-${row.latestStatus ?? "none"}` }, row.status),
      h("td", {}, row.revision ? `#${row.revision}` : ""),
      h("td", {}, row.revision ? h("button", { class: "link open-revision", onclick: open }, t("open")) : ""),
    );
  }
}

function reviewCard(context: PaneContext, period: string, prefectureCode: string, submission: SubmissionDetail, refresh: () => Promise<void>): HTMLElement {
  const { api, t, language } = context;
  const comment = h("textarea", { id: "review-comment", rows: 3, placeholder: t("comment") });
  const message = h("p", { class: "message", role: "status" });
  const act = async (action: "accept" | "return") => {
    try {
      const text = comment.value.trim();
      await api.review(period, prefectureCode, submission.revision, { action, ...(text ? { comment: text } : {}) });
      message.textContent = `${t(action === "accept" ? "statusAccepted" : "statusReturned")} #${submission.revision}`;
      await refresh();
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };
  return h(
    "section",
    { class: "card", "data-revision": submission.revision },
    h("h2", {}, `${regionTable.prefecture(prefectureCode)?.name ?? prefectureCode} #${submission.revision}`),
    h("p", { class: "muted" }, `${submission.submittedByName} · ${new Date(submission.submittedAt).toLocaleString()} · SHA-256 ${submission.sha256.slice(0, 12)}…`),
    submission.resubmissionReason ? h("p", {}, `${t("resubmissionReason")}: ${submission.resubmissionReason}`) : null,
    h("ul", { class: "warnings" }, ...submission.warnings.map((warning) => h("li", { class: "issue warning" }, messageOf(warning, language), h("blockquote", {}, warning.explanation ?? "")))),
    comment,
    h("div", { class: "actions" }, h("button", { class: "primary", id: "accept", onclick: () => void act("accept") }, t("accept")), h("button", { class: "secondary", id: "return", onclick: () => void act("return") }, t("return"))),
    message,
  );
}
