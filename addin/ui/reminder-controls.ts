import type { Completeness } from "../../shared/api/api-client.ts";
import { unitNameOf } from "../../shared/units/reporting-tree.ts";
import { h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

// 催报 on the reviewer's table: how often a unit was chased and when, a 催报 button on each unit that still
// owes its report after its deadline, one for all of them with a shared note, and who holds a unit up.

type Row = Completeness["units"][number];

/** The note typed once for the reminders sent from this table (附言, optional). */
export function reminderNoteInput(context: PaneContext): HTMLInputElement {
  return h("input", {
    id: "reminder-note",
    type: "text",
    maxlength: 500,
    placeholder: context.t("reminderNotePlaceholder"),
    "aria-label": context.t("reminderNoteLabel"),
  });
}

/** 催报全部逾期单位（N）: one request for every late unit of the table; hidden when none is late. */
export function remindAllControl(context: PaneContext, period: string, rows: readonly Row[], note: HTMLInputElement, done: () => void): HTMLElement {
  const late = rows.filter((row) => row.overdue).map((row) => row.unitCode);
  if (late.length === 0) return h("div", { id: "remind-all" });
  const status = h("span", { class: "muted", role: "status" });
  const button = h("button", { id: "remind-all-late", type: "button" }, context.t("remindAllLate", { count: late.length }));
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const outcome = await context.api.remindUnits(period, late, note.value.trim() || undefined);
      status.textContent = context.t("remindedUnits", { count: outcome.reminded.length });
      done();
    } catch (error) {
      status.textContent = context.failure(error);
      button.disabled = false;
    }
  });
  return h("div", { id: "remind-all", class: "remind-all" }, note, " ", button, " ", status);
}

/** In a row's action cell: 催报 N 次 (the last one's time), and a 催报 button while the unit owes its report after its deadline. */
export function remindCell(context: PaneContext, period: string, row: Row, note: HTMLInputElement, done: () => void): HTMLElement[] {
  const { t } = context;
  const count =
    row.reminders.count > 0
      ? [h("span", { class: "reminded muted" }, t("remindedTimes", { count: row.reminders.count, time: context.time(row.reminders.lastAt ?? "") }))]
      : [];
  if (!row.overdue) return count;
  const button = h("button", { class: "link remind", type: "button", "data-remind": row.unitCode }, t("remind"));
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await context.api.remind(period, row.unitCode, note.value.trim() || undefined);
      done();
    } catch (error) {
      context.alert(error);
      button.disabled = false;
    }
  });
  return [button, ...count];
}

/** Who holds a unit up: its units still owing after their deadline (a prefecture waiting on counties), named in the title. */
export function waitingOnNote(context: PaneContext, row: Row): HTMLElement | string {
  if (row.waitingOn.length === 0) return "";
  const names = row.waitingOn.map((code) => unitNameOf(code, context.language)).join(context.language === "zh" ? "、" : ", ");
  return h("span", { class: "badge waiting-on", title: names }, context.t("waitingOn", { count: row.waitingOn.length, names }));
}
