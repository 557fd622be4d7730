import { downloadLink, h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

/**
 * 下载第 N 版修改 (the page) / 打开第 N 版修改 (the pane): a returned clerk without the report at hand
 * gets the returned revision's workbook in one click: opened in Excel where the add-in can, else
 * saved as a file (the page), with a link to save it again.
 */
export function reviseReturnedButton(context: PaneContext, period: string, unitCode: string, revision: number): HTMLElement {
  const { t, api, workbook } = context;
  const message = h("p", { class: "message", id: "revise-message", role: "status", hidden: true });
  const fileName = `${unitCode}-${period}-${revision}.xlsx`;
  const revise = async () => {
    button.disabled = true;
    try {
      const file = await api.revisionWorkbook(period, unitCode, revision);
      if ((await workbook.openWorkbook(file)) === "opened") {
        message.replaceChildren(t("revisionOpened", { revision }));
      } else {
        const link = downloadLink(file, fileName, t("download", { file: fileName }));
        message.replaceChildren(t("revisionDownloaded", { revision }), " ", link);
        if (context.surface === "page") link.click();
      }
      message.className = "message";
    } catch (error) {
      message.className = "message error";
      message.textContent = context.failure(error);
    } finally {
      message.hidden = false;
      button.disabled = false;
    }
  };
  const button = h("button", { class: "primary", id: "revise-revision", onclick: () => void revise() }, t("reviseRevision", { revision }));
  return h("div", { class: "actions revise" }, button, message);
}
