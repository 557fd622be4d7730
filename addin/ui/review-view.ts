import type { Completeness, Period } from "../../shared/api/api-client.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import { fetchCompleteness, fetchRevisionUnderReview, fetchScopeWorkbook } from "../logic/review-requests.ts";
import type { ReviewScope } from "../logic/review-requests.ts";
import { completenessSummary, reviewActionOf, rowStatusKey, rowsByAction } from "../logic/review-state.ts";
import type { CompletenessSummary } from "../logic/review-state.ts";
import { ProvinceDashboard } from "./dashboard/province-dashboard.ts";
import { downloadLink, h } from "./dom.ts";
import { remindAllControl, remindCell, reminderNoteInput, waitingOnNote } from "./reminder-controls.ts";
import { mergeStateCard, mergeSummaryList } from "./merge-card.ts";
import { reviewCard } from "./review-card.ts";
import { provinceFollowUpList } from "./follow-up-card.ts";
import type { PaneContext } from "./pane-context.ts";

/** The elements of the view that its redraws fill. */
interface ReviewViewElements {
  message: HTMLElement;
  detail: HTMLElement;
  table: HTMLTableElement;
  periodSelect: HTMLSelectElement;
  periodLine: HTMLElement;
  counts: HTMLElement;
  pull: HTMLButtonElement;
}

/**
 * The 审核汇总 tab (province) and the 下级 tab (a prefecture's clerk): completeness of the units
 * reporting here, review of a revision (review-card.ts), the workbook of their figures.
 */
export async function renderReviewView(container: HTMLElement, context: PaneContext, scope: ReviewScope = { kind: "province" }): Promise<void> {
  const { api, t } = context;
  const province = scope.kind === "province";
  const elements: ReviewViewElements = {
    message: h("p", { class: "message", id: "province-message", role: "status" }),
    detail: h("div", { id: "revision-detail" }),
    table: h("table", { class: "completeness", id: "completeness" }),
    periodSelect: h("select", { id: "province-period" }),
    periodLine: h("p", { class: "muted", id: "period-state" }),
    counts: h("ul", { class: "summary-counts", id: "summary-counts", "aria-live": "polite" }),
    pull: h("button", { class: "primary", id: province ? "pull-consolidated" : "build-from-counties" }, t(province ? "pull" : "buildFromCounties")),
  };
  const { message, detail, table, periodSelect, periodLine, counts, pull } = elements;
  // Under the table (scopeCard): a prefecture's own report against its counties (out of date once one moved on, with 重新合成), or the province's 跟进 list.
  const mergeSlot = h("div", { id: province ? "follow-up-slot" : "merge-slot" });
  const reminderNote = reminderNoteInput(context);
  const remindSlot = h("div", { id: "remind-slot" });
  /** The periods offered, once fetched. */
  let periods: Period[] = [];
  // The map's tiles open a revision as the table's 查看 does.
  const dashboard = new ProvinceDashboard(context, (unitCode, revision) => void openRevision(periodSelect.value, unitCode, revision));
  // The work first: the units in need of action atop the table, the card beside it on a wide screen, the charts below.
  container.append(
    h(
      "div",
      { class: "review-layout" },
      h(
        "section",
        { class: "card review-work", id: "review-work" },
        h("h2", {}, t(province ? "completeness" : "unitsCompleteness")),
        h("label", { for: "province-period" }, t("period")),
        periodSelect,
        periodLine,
        counts,
        remindSlot,
        table,
        mergeSlot,
        pull,
        message,
      ),
      detail,
    ),
    province ? dashboard.element : "",
  );

  const showCompleteness = async () => {
    const period = periodSelect.value;
    // The charts refresh with the table (after every review, on a period change), side by side with it.
    const charts = province ? dashboard.refreshCharts(period, periods) : Promise.resolve();
    try {
      const completeness = await fetchCompleteness(api, scope, period);
      if (period !== periodSelect.value) return; // an answer for a period no longer chosen must not overwrite the newer one
      if (province) dashboard.showCompleteness(completeness);
      drawCompleteness(context, elements, completenessSummary(completeness, period, periods));
      const chase = { period, note: reminderNote, done: () => void showCompleteness() }; // 催报: one note, a redraw after each
      remindSlot.replaceChildren(remindAllControl(context, period, completeness.units, reminderNote, chase.done));
      drawCompletenessTable(context, table, province, completeness.units, (row) => void openRevision(period, row.unitCode, row.revision), chase);
      mergeSlot.replaceChildren(scopeCard(context, scope, period));
      await charts;
    } catch (error) {
      message.textContent = context.failure(error);
      await charts;
      if (province) dashboard.markStale(error);
    }
  };

  const openRevision = (period: string, unitCode: string, revision: number) => showRevision(context, elements, period, unitCode, revision, showCompleteness);

  pull.addEventListener("click", () => void pullWorkbook(context, scope, elements));
  periodSelect.addEventListener("change", () => void showCompleteness());

  try {
    periods = await api.periods();
    periodSelect.replaceChildren(...periods.map((period) => h("option", { value: period.code }, period.code)));
  } catch (error) {
    message.textContent = context.failure(error);
    return;
  }
  await showCompleteness();
}

/** Under the table: a prefecture's own report against its counties now (merge-card.ts), or the province's 跟进 list (follow-up-card.ts). */
const scopeCard = (context: PaneContext, scope: ReviewScope, period: string): HTMLElement =>
  scope.kind === "units" ? mergeStateCard(context, period, scope.unitCode, { rebuild: true }) : provinceFollowUpList(context, period);

/** Opens a revision for review beside the table on a wide screen, else below it (review-card.ts); the card's drill-down opens a county's revision in its place. */
async function showRevision(
  context: PaneContext,
  elements: Pick<ReviewViewElements, "detail" | "message">,
  period: string,
  unitCode: string,
  revision: number,
  refresh: () => Promise<void>,
): Promise<void> {
  try {
    const underReview = await fetchRevisionUnderReview(context.api, period, unitCode, revision);
    const card = reviewCard(
      context,
      period,
      unitCode,
      underReview.submission,
      refresh,
      underReview,
      (unitCode, unitRevision) => void showRevision(context, elements, period, unitCode, unitRevision, refresh),
    );
    elements.detail.replaceChildren(card);
    // The card opens in view, its heading focused, not below the sixteen rows.
    card.scrollIntoView({ block: "start" });
    card.querySelector<HTMLElement>("h2")?.focus();
  } catch (error) {
    elements.message.textContent = context.failure(error);
  }
}

/** The period's line (deadline, open or locked) and the counts under it. */
function drawCompleteness(context: PaneContext, elements: ReviewViewElements, summary: CompletenessSummary): void {
  const { t } = context;
  elements.periodLine.textContent = t("periodState", {
    period: summary.period,
    deadline: summary.deadline ?? t("noDeadline"),
    state: t(summary.locked ? "periodLocked" : "periodOpen"),
  });
  elements.counts.replaceChildren(...summary.counts.map(({ key, count }) => h("li", {}, t(key, { count }))));
}

/** The table of the units, one row each, 查看 on those with a revision. */
function drawCompletenessTable(
  context: PaneContext,
  table: HTMLTableElement,
  province: boolean,
  rows: Completeness["units"],
  open: (row: Completeness["units"][number]) => void,
  chase: Chase,
): void {
  const { t } = context;
  const headers = [province ? "prefectureHeader" : "countyHeader", "statusHeader", "revision", "stampedCopyHeader", "actionHeader"] as const;
  const head = h("thead", {}, h("tr", {}, ...headers.map((key) => h("th", { scope: "col" }, t(key)))));
  table.replaceChildren(head, h("tbody", {}, ...rowsByAction(rows).map((row) => completenessRow(context, row, () => open(row), chase))));
}

/** What the table's 催报 buttons need: the period, the note typed once, and a redraw after a reminder. */
interface Chase {
  period: string;
  note: HTMLInputElement;
  done: () => void;
}

function completenessRow(context: PaneContext, row: Completeness["units"][number], open: () => void, chase: Chase): HTMLElement {
  const { t } = context;
  const name = context.language === "zh" ? row.name : (reportingUnitOf(row.unitCode)?.nameEn ?? row.name);
  return h(
    "tr",
    { "data-prefecture": row.unitCode, "data-action": reviewActionOf(row) ?? false },
    h("th", { scope: "row" }, name),
    h(
      "td",
      { class: `status s-${row.latestStatus ?? "none"}` },
      t(rowStatusKey(row)),
      row.overdue ? h("span", { class: "badge warning late" }, t("statusLate")) : "",
      waitingOnNote(context, row),
    ),
    h("td", {}, row.revision ? `#${row.revision}` : ""),
    h("td", { class: "stamped-copy" }, row.stampedCopy ?? ""),
    h(
      "td",
      {},
      row.revision
        ? h("button", { class: "link open-revision", onclick: open, "aria-label": t("viewRevision", { unit: name, revision: row.revision }) }, t("view"))
        : "",
      ...remindCell(context, chase.period, row, chase.note, chase.done),
    ),
  );
}

/** 汇总 (the province's consolidated workbook) or 由下级生成 (a prefecture's, built from its counties'): opened in Excel, else a download. */
async function pullWorkbook(context: PaneContext, scope: ReviewScope, { pull, periodSelect, message }: ReviewViewElements): Promise<void> {
  const { t } = context;
  const province = scope.kind === "province";
  pull.disabled = true;
  try {
    const period = periodSelect.value;
    const { unitCode, file } = await fetchScopeWorkbook(context.api, scope, period);
    if ((await context.workbook.openWorkbook(file)) === "opened") message.textContent = t(province ? "pulled" : "builtFromCounties");
    else
      message.replaceChildren(
        t("workbookDownload"),
        " ",
        downloadLink(file, `${unitCode}-${period}.xlsx`, t("download", { file: `${unitCode}-${period}.xlsx` })),
      );
    // A prefecture's merge says which counties are in, returned or never submitted, and what to do next.
    if (!province) message.append(mergeSummaryList(context, await context.api.merged(period, unitCode)));
  } catch (error) {
    message.textContent = context.failure(error);
  } finally {
    pull.disabled = false;
  }
}
