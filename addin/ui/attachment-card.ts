import type { Attachment } from "../../shared/api/api-client.ts";
import { maxStampedCopyBytes } from "../../shared/attachments/stamped-copy.ts";
import { h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

/** The revision a stamped copy belongs to, and whether this caller may attach one (the clerk, on the latest revision while it awaits review). */
export interface StampedCopyTarget {
  period: string;
  unitCode: string;
  revision: number;
  canAttach: boolean;
}

/**
 * The signed and stamped copy (盖章件) of a revision: 已盖章 / 未盖章, every copy to open (the newest
 * is current, older ones stay readable), and for the clerk a file to attach (PDF, JPEG or PNG; the
 * server reads the type from the bytes).
 */
export function attachmentCard(context: PaneContext, target: StampedCopyTarget): HTMLElement {
  const { api, t } = context;
  const { period, unitCode, revision } = target;
  const state = h("p", { id: "stamped-copy-state" });
  const list = h("ul", { class: "stamped-copies" });
  const message = h("p", { class: "message", id: "stamped-copy-message", role: "status" });

  const open = async (attachment: Attachment) => {
    try {
      const bytes = await api.attachmentBytes(period, unitCode, revision, attachment.sequence);
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: attachment.mediaType }));
      const link = h("a", { href: url, download: attachment.fileName, class: "download" }, attachment.fileName);
      message.replaceChildren(link);
      link.click();
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };

  /** Only the newest refresh draws: an answer overtaken by a later request is dropped. */
  let latestRefresh = 0;
  const refresh = async () => {
    const thisRefresh = ++latestRefresh;
    try {
      const attachments = await api.attachments(period, unitCode, revision);
      if (thisRefresh !== latestRefresh) return;
      const current = attachments.at(-1);
      state.className = current ? "stamped" : "not-stamped";
      state.textContent = current ? t("stamped", { sha: current.sha256.slice(0, 12) }) : t("notStamped");
      list.replaceChildren(
        ...attachments
          .slice()
          .reverse()
          .map((attachment) => copyItem(context, attachment, attachment === current, () => void open(attachment))),
      );
    } catch (error) {
      message.textContent = context.failure(error);
    }
  };

  void refresh();
  return h(
    "section",
    { class: "card", id: "stamped-copy" },
    h("h3", {}, t("stampedCopy", { revision })),
    state,
    list,
    target.canAttach ? attachControls(context, target, message, refresh) : null,
    message,
  );
}

/** One stamped copy in the list: a button that opens it, when it came and how large it is, and whether a newer one replaced it. */
function copyItem(context: PaneContext, attachment: Attachment, current: boolean, open: () => void): HTMLElement {
  return h(
    "li",
    { "data-sequence": attachment.sequence },
    h("button", { class: "link open-stamped-copy", onclick: open }, `#${attachment.sequence} ${attachment.fileName}`),
    ` ${context.time(attachment.uploadedAt)} · ${Math.ceil(attachment.sizeBytes / 1024)} KiB`,
    current ? "" : ` · ${context.t("superseded")}`,
  );
}

/** For the clerk: a file to attach (checked for presence and size here, for its type by the server), then the list again. */
function attachControls(context: PaneContext, target: StampedCopyTarget, message: HTMLElement, refresh: () => Promise<void>): HTMLElement {
  const { api, t } = context;
  const { period, unitCode, revision } = target;
  const file = h("input", {
    type: "file",
    id: "stamped-copy-file",
    accept: ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png",
    "aria-label": t("stampedCopyFile"),
  });
  const attach = async (button: HTMLButtonElement) => {
    const chosen = file.files?.[0];
    if (!chosen) {
      message.textContent = t("chooseStampedCopy");
      return;
    }
    if (chosen.size > maxStampedCopyBytes) {
      message.textContent = t("stampedCopyTooLarge", { max: `${maxStampedCopyBytes / 1024 / 1024} MiB` });
      return;
    }
    button.disabled = true;
    try {
      const attached = await api.attach(period, unitCode, revision, new Uint8Array(await chosen.arrayBuffer()), chosen.name);
      file.value = "";
      // The list first, then the message: whoever reads "attached" finds the copy listed.
      await refresh();
      message.textContent = t("stampedCopyAttached", { revision, sequence: attached.sequence });
    } catch (error) {
      message.textContent = context.failure(error);
    } finally {
      button.disabled = false;
    }
  };
  return h(
    "div",
    { class: "actions" },
    file,
    h(
      "button",
      { class: "secondary", id: "attach-stamped-copy", onclick: (event: Event) => void attach(event.currentTarget as HTMLButtonElement) },
      t("attachStampedCopy"),
    ),
  );
}
