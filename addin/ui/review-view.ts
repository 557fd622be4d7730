import type { Completeness, Period } from "../../shared/api/api-client.ts";
import type { StringKey } from "../logic/i18n.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import { ProvinceDashboard } from "./dashboard/province-dashboard.ts";
import { downloadLink, h } from "./dom.ts";
import { reviewCard } from "./review-card.ts";
import type { PaneContext } from "./pane-context.ts";

const statusKeys: Record<Exclude<Completeness["prefectures"][number]["status"], "逾期">, StringKey> = {
  未报: "statusNotSubmitted",
  已报: "statusSubmitted",
  退回: "statusReturned",
  通过: "statusAccepted",
};

/**
 * Whose units the view reviews: the province's 16 prefectures (with the dashboard and the
 * consolidated workbook), or a prefecture's counties (with its workbook built from theirs).
 */
export type ReviewScope = { kind: "province" } | { kind: "units"; unitCode: string };

/**
 * The 审核汇总 tab (province) and the 下级 tab (a prefecture's clerk): completeness of the units
 * reporting here, review of a revision (review-card.ts), the workbook of their figures.
 */
export async function renderReviewView(container: HTMLElement, context: PaneContext, scope: ReviewScope = { kind: "province" }): Promise<void> {
  const { api, t } = context;
  const province = scope.kind === "province";
  const message = h("p", { class: "message", id: "province-message", role: "status" });
  const detail = h("div", { id: "revision-detail" });
  const table = h("table", { class: "completeness", id: "completeness" });
  const periodSelect = h("select", { id: "province-period" });
  const periodLine = h("p", { class: "muted", id: "period-state" });
  const counts = h("ul", { class: "summary-counts", id: "summary-counts", "aria-live": "polite" });
  const pull = h("button", { class: "primary", id: province ? "pull-consolidated" : "build-from-counties" }, t(province ? "pull" : "buildFromCounties"));
  let periods: Period[] = [];
  // The map's tiles open a revision as the table's 查看 does.
  const dashboard = new ProvinceDashboard(context, (prefectureCode, revision) => void openRevision(periodSelect.value, prefectureCode, revision));
  container.append(
    h(
      "section",
      { class: "card" },
      h("h2", {}, t(province ? "completeness" : "unitsCompleteness")),
      h("label", { for: "province-period" }, t("period")),
      periodSelect,
      periodLine,
      counts,
      province ? dashboard.element : "",
      table,
      pull,
      message,
    ),
    detail,
  );

  const showCompleteness = async () => {
    const period = periodSelect.value;
    // The charts refresh with the table (after every review, on a period change), side by side with it.
    const charts = province ? dashboard.refreshCharts(period, periods) : Promise.resolve();
    try {
      const completeness =
        scope.kind === "province"
          ? await api.completeness(period)
          : await api.unitCompleteness(period, scope.unitCode).then((units) => ({ period, deadline: units.deadline, prefectures: units.units }));
      if (period !== periodSelect.value) return; // an answer for a period no longer chosen must not overwrite the newer one
      if (province) dashboard.showCompleteness(completeness);
      const chosen = periods.find((candidate) => candidate.code === period);
      periodLine.textContent = t("periodState", {
        period,
        deadline: completeness.deadline ?? t("noDeadline"),
        state: t(chosen?.status === "locked" ? "periodLocked" : "periodOpen"),
      });
      const rows = completeness.prefectures;
      const count = (key: StringKey, n: number) => h("li", {}, t(key, { count: n }));
      counts.replaceChildren(
        count("countSubmitted", rows.filter((row) => row.status === "已报").length),
        count("countReturned", rows.filter((row) => row.status === "退回").length),
        count("countAccepted", rows.filter((row) => row.status === "通过").length),
        count("countNotSubmitted", rows.filter((row) => row.revision === 0).length),
        count("countLate", rows.filter((row) => row.overdue).length),
      );
      const head = h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...([province ? "prefectureHeader" : "countyHeader", "statusHeader", "revision", "stampedCopyHeader", "actionHeader"] as const).map((key) =>
            h("th", { scope: "col" }, t(key)),
          ),
        ),
      );
      table.replaceChildren(
        head,
        h("tbody", {}, ...rows.map((row) => completenessRow(row, () => void openRevision(period, row.prefectureCode, row.revision)))),
      );
      await charts;
    } catch (error) {
      message.textContent = context.failure(error);
      await charts;
      if (province) dashboard.markStale(error);
    }
  };

  const openRevision = async (period: string, prefectureCode: string, revision: number) => {
    try {
      const submission = await api.submission(period, prefectureCode, revision);
      const [changes, earlier] = await Promise.all([
        revision > 1 ? api.diff(period, prefectureCode, revision, revision - 1).then((diff) => diff.changes) : Promise.resolve(undefined),
        Promise.all(Array.from({ length: revision - 1 }, (_, index) => api.submission(period, prefectureCode, index + 1))),
      ]);
      const card = reviewCard(
        context,
        period,
        prefectureCode,
        submission,
        showCompleteness,
        { changes, earlier },
        (unitCode, unitRevision) => void openRevision(period, unitCode, unitRevision),
      );
      detail.replaceChildren(card);
      // The card opens in view, its heading focused, not below the sixteen rows.
      card.scrollIntoView({ block: "start" });
      card.querySelector<HTMLElement>("h2")?.focus();
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };

  pull.addEventListener("click", async () => {
    pull.disabled = true;
    try {
      const period = periodSelect.value;
      const unitCode = scope.kind === "province" ? "370000" : scope.unitCode;
      const file = scope.kind === "province" ? await api.consolidatedWorkbook(period) : await api.mergedWorkbook(period, scope.unitCode);
      if ((await context.workbook.openWorkbook(file)) === "opened") message.textContent = t(province ? "pulled" : "builtFromCounties");
      else
        message.replaceChildren(
          t("workbookDownload"),
          " ",
          downloadLink(file, `${unitCode}-${period}.xlsx`, t("download", { file: `${unitCode}-${period}.xlsx` })),
        );
    } catch (error) {
      message.textContent = context.failure(error);
    } finally {
      pull.disabled = false;
    }
  });
  periodSelect.addEventListener("change", () => void showCompleteness());

  try {
    periods = await api.periods();
    periodSelect.replaceChildren(...periods.map((period) => h("option", { value: period.code }, period.code)));
  } catch (error) {
    message.textContent = context.failure(error);
    return;
  }
  await showCompleteness();

  function completenessRow(row: Completeness["prefectures"][number], open: () => void): HTMLElement {
    const name = context.language === "zh" ? row.name : (reportingUnitOf(row.prefectureCode)?.nameEn ?? row.name);
    // 逾期 beside 退回 (or alone when nothing came): two facts, neither hiding the other.
    const status = row.status === "逾期" ? "未报" : row.status;
    return h(
      "tr",
      { "data-prefecture": row.prefectureCode },
      h("th", { scope: "row" }, name),
      h(
        "td",
        { class: `status s-${row.latestStatus ?? "none"}` },
        t(statusKeys[status]),
        row.overdue ? h("span", { class: "badge warning late" }, t("statusLate")) : "",
      ),
      h("td", {}, row.revision ? `#${row.revision}` : ""),
      h("td", { class: "stamped-copy" }, row.stampedCopy ?? ""),
      h(
        "td",
        {},
        row.revision
          ? h("button", { class: "link open-revision", onclick: open, "aria-label": t("viewRevision", { unit: name, revision: row.revision }) }, t("view"))
          : "",
      ),
    );
  }
}
