import type { FollowUp } from "../../shared/api/api-client.ts";
import { unitNameOf } from "../../shared/units/reporting-tree.ts";
import { h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

/** What a unit's 跟进 card offers: marking (whoever reviews the unit), and a click on a mark's cell (the clerk's pane selects it, or opens its history). */
export interface FollowUpOptions {
  mayMark: boolean;
  openCell?: (address: string) => void;
}

/**
 * 跟进 of one unit in a period: its open marks, each with its note, who marked it and when, and 解除
 * with a note (the unit's clerk or its reviewer); for a reviewer, a form to mark a value. Beside the
 * clerk's issue list (pane and page) and on the review card.
 */
export function followUpCard(context: PaneContext, period: string, unitCode: string, options: FollowUpOptions): HTMLElement {
  const { t } = context;
  const heading = h("h3", {}, t("followUps", { count: 0 }));
  const list = h("ul", { class: "follow-up-list" });
  const message = h("p", { class: "message", id: "follow-up-message", role: "status" });
  const card = h("section", { class: "follow-ups", id: "follow-ups", "data-unit": unitCode, hidden: !options.mayMark }, heading, list);
  const reload = async () => {
    try {
      const marks = await context.api.followUps(period, unitCode);
      heading.textContent = marks.length > 0 ? t("followUps", { count: marks.length }) : t("followUpsNone");
      // The clerk's tab shows the card only while a mark is open (or just cleared, to say so).
      card.hidden = !options.mayMark && marks.length === 0 && !message.textContent;
      list.replaceChildren(...marks.map((mark) => followUpItem(context, { period, unitCode, mark, message, reload, openCell: options.openCell })));
    } catch (error) {
      message.textContent = context.failure(error);
      card.hidden = false;
    }
  };
  if (options.mayMark) card.append(markForm(context, period, unitCode, message, reload));
  card.append(message);
  void reload();
  return card;
}

interface ItemTarget {
  period: string;
  unitCode: string;
  mark: FollowUp;
  message: HTMLElement;
  reload: () => Promise<void>;
  openCell: ((address: string) => void) | undefined;
}

function followUpItem(context: PaneContext, { period, unitCode, mark, message, reload, openCell }: ItemTarget): HTMLElement {
  const { t } = context;
  const noteId = `follow-up-clear-note-${mark.id}`;
  const note = h("input", { id: noteId, class: "follow-up-clear-note", type: "text", placeholder: t("followUpClearNote") });
  const clear = async () => {
    if (!note.value.trim()) {
      message.textContent = t("followUpNeedsNote");
      note.focus();
      return;
    }
    try {
      await context.api.clearFollowUp(period, unitCode, mark.id, note.value.trim());
      message.textContent = t("followUpCleared", { address: mark.address });
    } catch (error) {
      // Cleared meanwhile by the other side: the server says who, when and why; the list shows it gone.
      message.textContent = context.failure(error);
    }
    await reload();
  };
  const said = t("followUpItem", { address: mark.address, note: mark.note, name: mark.markedByName, time: context.time(mark.markedAt) });
  return h(
    "li",
    { class: "follow-up", "data-id": mark.id, "data-address": mark.address },
    openCell ? h("button", { class: "link follow-up-cell", onclick: () => openCell(mark.address) }, said) : h("span", {}, said),
    h("label", { for: noteId, class: "visually-hidden" }, `${t("followUpClearNote")} ${mark.address}`),
    note,
    h("button", { class: "secondary follow-up-clear", onclick: () => void clear() }, t("followUpClear")),
  );
}

/** The reviewer's form: a cell (教扶04!E7) and a note; the server names the value through the layout. */
function markForm(context: PaneContext, period: string, unitCode: string, message: HTMLElement, reload: () => Promise<void>): HTMLElement {
  const { t } = context;
  const cell = h("input", { id: "follow-up-cell", type: "text", placeholder: "教扶04!E7" });
  const note = h("input", { id: "follow-up-note", type: "text" });
  const mark = async () => {
    if (!note.value.trim()) {
      message.textContent = t("followUpNeedsNote");
      note.focus();
      return;
    }
    try {
      const marked = await context.api.markFollowUp(period, unitCode, cell.value.trim(), note.value.trim());
      message.textContent = t("followUpMarked", { address: marked.address });
      cell.value = "";
      note.value = "";
      await reload();
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };
  return h(
    "div",
    { class: "follow-up-mark" },
    h("label", { for: "follow-up-cell" }, t("historyCell")),
    cell,
    h("label", { for: "follow-up-note" }, t("followUpNote")),
    note,
    h("button", { class: "secondary", id: "mark-follow-up", onclick: () => void mark() }, t("followUpMark")),
  );
}

/** The province's 跟进 list: every unit's open marks in the period. */
export function provinceFollowUpList(context: PaneContext, period: string): HTMLElement {
  const { t, language } = context;
  const heading = h("h3", {}, t("provinceFollowUps", { count: 0 }));
  const list = h("ul", { class: "follow-up-list" });
  const section = h("section", { class: "follow-ups", id: "province-follow-ups" }, heading, list);
  void context.api.periodFollowUps(period).then(
    (marks) => {
      heading.textContent = t("provinceFollowUps", { count: marks.length });
      list.replaceChildren(
        ...marks.map((mark) =>
          h(
            "li",
            { class: "follow-up", "data-unit": mark.unitCode, "data-address": mark.address },
            t("followUpUnitItem", {
              unit: unitNameOf(mark.unitCode, language),
              address: mark.address,
              note: mark.note,
              name: mark.markedByName,
              time: context.time(mark.markedAt),
            }),
          ),
        ),
      );
    },
    (error: unknown) => section.append(h("p", { class: "message error" }, context.failure(error))),
  );
  return section;
}
