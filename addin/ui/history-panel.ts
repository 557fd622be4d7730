import type { ValueHistory } from "../../shared/api/api-client.ts";
import { cellReferenceOf } from "../logic/cell-reference.ts";
import { historyLines } from "../logic/history-lines.ts";
import type { HistoryLine } from "../logic/history-lines.ts";
import { commentThread } from "./comment-thread.ts";
import { h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

/** Which report the panel reads: the workbook's period and unit. */
export interface HistorySubject {
  period: string;
  unitCode: string;
}

const lineItem = (line: HistoryLine) =>
  h("li", { class: "history-entry" }, h("span", { class: "history-head" }, line.head), ...line.notes.map((note) => h("div", { class: "history-note" }, note)));

/**
 * 历史 / History: one value's past beside the issue list — its accepted value in the last periods,
 * every revision of this period, who sent each and when, and what was said (the reason, the
 * warnings' 说明, the review comments on the cell), then the cell's thread with a reply box. Opened from an issue, the selected cell (the
 * pane) or a typed cell (the page); the server names the cell through the layout.
 */
export class HistoryPanel {
  readonly element = h("section", { class: "card history", id: "history-panel", hidden: true, "aria-live": "polite" });
  private shown = 0;

  constructor(
    private readonly context: PaneContext,
    private readonly subject: () => HistorySubject | undefined,
  ) {}

  /** Reads and shows the history of `cell` (教扶04!E7); a later call wins over one still reading. */
  async show(cell: string): Promise<void> {
    const { t, api } = this.context;
    const subject = this.subject();
    if (!subject) return;
    const call = ++this.shown;
    const status = h("p", { class: "message", id: "history-status", role: "status" }, t("historyLoading", { address: cell }));
    this.element.replaceChildren(status);
    this.element.hidden = false;
    try {
      const history = await api.valueHistory(subject.period, subject.unitCode, cell);
      if (call !== this.shown) return;
      this.draw(history);
      // Above the sticky 报送 bar (the page's scroll padding keeps its height clear).
      this.element.scrollIntoView({ block: "nearest" });
    } catch (error) {
      if (call !== this.shown) return;
      status.className = "message error";
      status.textContent = this.context.failure(error);
      this.element.append(this.closeButton());
    }
  }

  private draw(history: ValueHistory): void {
    const { t, language, time } = this.context;
    const { earlier, revisions } = historyLines(history, language, t, time);
    this.element.replaceChildren(
      h("h2", {}, t("historyTitle", { address: history.address, label: language === "zh" ? history.labelZh : history.labelEn })),
      h("h3", {}, earlier.length > 0 ? t("historyEarlier") : t("historyNoEarlier")),
      h("ul", { class: "history-earlier" }, ...earlier.map(lineItem)),
      h("h3", {}, revisions.length > 0 ? t("historyRevisions", { period: history.period }) : t("historyNoRevision", { period: history.period })),
      h("ul", { class: "history-revisions" }, ...revisions.map(lineItem)),
      commentThread(this.context, history.period, history.unitCode, history.address),
      this.closeButton(),
    );
  }

  private closeButton(): HTMLButtonElement {
    const close = () => {
      this.shown++;
      this.element.hidden = true;
      this.element.replaceChildren();
    };
    return h("button", { class: "secondary", id: "close-history", onclick: close }, this.context.t("historyClose"));
  }

  /** How a cell is chosen besides an issue: the cell selected in Excel (the pane), or typed (the page, which has no selection). */
  controls(): HTMLElement {
    const { t, surface } = this.context;
    if (surface === "page") {
      const input = h("input", { id: "history-cell", type: "text", placeholder: "教扶04!E7", "aria-label": t("historyCell") });
      const go = () => (input.value.trim() ? void this.show(input.value.trim()) : undefined);
      input.addEventListener("keydown", (event) => (event.key === "Enter" ? go() : undefined));
      return h(
        "div",
        { class: "history-controls" },
        h("label", { for: "history-cell" }, t("historyCell")),
        input,
        h("button", { class: "secondary", id: "show-history", onclick: go }, t("historyShow")),
      );
    }
    return h(
      "div",
      { class: "history-controls" },
      h("button", { class: "secondary", id: "selected-cell-history", onclick: () => void this.showSelected() }, t("historyOfSelected")),
    );
  }

  private async showSelected(): Promise<void> {
    const { session, workbook, t } = this.context;
    if (!session) return;
    try {
      const selected = await workbook.readSelectedCell();
      const reference = selected && cellReferenceOf(session.layout, selected);
      if (reference) return await this.show(`${reference.sheetCode}!${reference.cell}`);
      this.element.replaceChildren(h("p", { class: "message error", id: "history-status", role: "status" }, t("notAReportCell")), this.closeButton());
      this.element.hidden = false;
    } catch (error) {
      this.context.alert(error);
    }
  }
}
