import type { Completeness } from "../../shared/api/api-client.ts";
import { downloadLink, h } from "./dom.ts";
import { reviewCard } from "./review-card.ts";
import type { PaneContext } from "./pane-context.ts";

/** The 审核汇总 tab (province): completeness of the 16 prefectures, review of a revision (review-card.ts), the consolidated workbook. */
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
      const period = periodSelect.value;
      const completeness = await api.completeness(period);
      if (period !== periodSelect.value) return; // an answer for a period no longer chosen must not overwrite the newer one
      table.replaceChildren(...completeness.prefectures.map((row) => completenessRow(row, () => void openRevision(period, row.prefectureCode, row.revision))));
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };

  const openRevision = async (period: string, prefectureCode: string, revision: number) => {
    try {
      const submission = await api.submission(period, prefectureCode, revision);
      detail.replaceChildren(reviewCard(context, period, prefectureCode, submission, showCompleteness));
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };

  pull.addEventListener("click", async () => {
    pull.disabled = true;
    try {
      const file = await api.consolidatedWorkbook(periodSelect.value);
      if ((await context.workbook.openWorkbook(file)) === "opened") message.textContent = t("pulled");
      else
        message.replaceChildren(
          t("workbookDownload"),
          " ",
          downloadLink(file, `370000-${periodSelect.value}.xlsx`, t("download", { file: `${periodSelect.value}.xlsx` })),
        );
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
      h("td", { class: "stamped-copy" }, row.stampedCopy ?? ""),
      h("td", {}, row.revision ? h("button", { class: "link open-revision", onclick: open }, t("view")) : ""),
    );
  }
}
