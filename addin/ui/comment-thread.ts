import type { ValueComment } from "../../shared/api/api-client.ts";
import { h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

// A thread per value (issue 30, item 3): what the unit's clerk and its reviewers said about one cell,
// across revisions and periods, the return comments pinned to the cell included. Inside the 历史 panel
// (beside the selected cell in the pane, from an issue on the page, beside a change on the review card),
// with a reply box; and a list of the unit's threads above the clerk's issues and on the review card.

/** One entry in words: who (clerk or reviewer) and name, when, against which period and revision, what. */
export function threadEntryText({ t, time }: PaneContext, entry: ValueComment): string {
  const against = entry.revision === null ? entry.period : t("historyPeriodRevision", { period: entry.period, revision: entry.revision });
  const review = entry.kind === "return" ? t("threadReturn") : entry.kind === "accept" ? t("threadAccept") : undefined;
  return t("threadEntry", {
    who: entry.role === "clerk" ? t("threadClerk") : t("threadReviewer"),
    name: entry.authorName,
    time: time(entry.at),
    context: review ? `${against} · ${review}` : against,
    text: entry.text,
  });
}

/** Raised (bubbling) by a reply sent, with { period, unitCode }: the unit's threads card reads its threads again. */
const THREAD_WRITTEN = "tianbao:thread-written";

/** Only an administrator may read a unit and not write to its threads (the Worker refuses the rest it must). */
const mayWrite = (context: PaneContext) => context.me.role !== "admin";

/** The thread of one cell (教扶04!E7) of a unit's report, the comment written against `period`; a reply box below it. */
export function commentThread(context: PaneContext, period: string, unitCode: string, address: string): HTMLElement {
  const { t } = context;
  const heading = h("h3", {}, t("thread", { count: 0 }));
  const list = h("ul", { class: "thread-list" });
  const message = h("p", { class: "message", id: "thread-message", role: "status" });
  const section = h("section", { class: "thread", id: "value-thread", "data-address": address }, heading, list);
  const reload = async () => {
    try {
      const entries = await context.api.valueComments(period, unitCode, address);
      heading.textContent = entries.length > 0 ? t("thread", { count: entries.length }) : t("threadNone");
      list.replaceChildren(
        ...entries.map((entry) => h("li", { class: `thread-entry ${entry.role}`, "data-kind": entry.kind }, threadEntryText(context, entry))),
      );
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };
  if (mayWrite(context)) section.append(replyForm(context, { period, unitCode, address, message, reload }));
  section.append(message);
  void reload();
  return section;
}

interface ReplyTarget {
  period: string;
  unitCode: string;
  address: string;
  message: HTMLElement;
  reload: () => Promise<void>;
}

function replyForm(context: PaneContext, { period, unitCode, address, message, reload }: ReplyTarget): HTMLElement {
  const { t } = context;
  const box = h("textarea", { id: "thread-reply", rows: 2, maxlength: 1000 });
  const send = async () => {
    const text = box.value.trim();
    if (!text) {
      message.textContent = t("threadNeedsText");
      box.focus();
      return;
    }
    try {
      await context.api.writeValueComment(period, unitCode, address, text);
      box.value = "";
      message.textContent = t("threadSent");
      await reload();
      // The unit's threads card (and the 讨论 links of the issues) count the reply at once.
      box.dispatchEvent(new CustomEvent(THREAD_WRITTEN, { bubbles: true, detail: { period, unitCode } }));
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };
  return h(
    "div",
    { class: "thread-reply" },
    h("label", { for: "thread-reply" }, t("threadReplyLabel", { address })),
    box,
    h("button", { class: "secondary", id: "send-reply", onclick: () => void send() }, t("threadReply")),
  );
}

/**
 * The unit's threads, one line a cell: its newest word and how many; a click opens the cell (its
 * history and thread). Hidden while nothing was said. Above the clerk's issues (pane and page) and on the review card.
 */
export function threadsCard(
  context: PaneContext,
  period: string,
  unitCode: string,
  openCell: (address: string) => void,
  /** Told how many entries each cell's thread holds, once read (the issue list links its issues to them). */
  onThreads?: (counts: ReadonlyMap<string, number>) => void,
): HTMLElement {
  const { t } = context;
  const heading = h("h3", {}, t("threadsOfUnit", { count: 0 }));
  const list = h("ul", { class: "thread-list" });
  const card = h("section", { class: "threads", id: "unit-threads", "data-unit": unitCode, hidden: true }, heading, list);
  const load = () =>
    context.api.valueComments(period, unitCode).then(
      (entries) => {
        const byCell = new Map<string, ValueComment[]>();
        for (const entry of entries) byCell.set(entry.address, [...(byCell.get(entry.address) ?? []), entry]);
        heading.textContent = t("threadsOfUnit", { count: byCell.size });
        card.hidden = byCell.size === 0;
        onThreads?.(new Map([...byCell].map(([address, thread]) => [address, thread.length])));
        list.replaceChildren(
          ...[...byCell].map(([address, thread]) => {
            const latest = thread.at(-1) as ValueComment;
            const line = t("threadLatest", { address, text: latest.text, name: latest.authorName, time: context.time(latest.at), count: thread.length });
            return h("li", { class: "thread-cell", "data-address": address }, h("button", { class: "link", onclick: () => openCell(address) }, line));
          }),
        );
      },
      (error: unknown) => {
        card.hidden = false;
        card.append(h("p", { class: "message error" }, context.failure(error)));
      },
    );
  // A reply sent from any thread of this unit and period: read again; once the card is gone, no longer listened for.
  const written = (event: Event) => {
    if (!card.isConnected) return document.removeEventListener(THREAD_WRITTEN, written);
    const { detail } = event as CustomEvent<{ period: string; unitCode: string }>;
    if (detail.period === period && detail.unitCode === unitCode) void load();
  };
  document.addEventListener(THREAD_WRITTEN, written);
  void load();
  return card;
}
