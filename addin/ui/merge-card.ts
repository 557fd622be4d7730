import type { MergedReport } from "../../shared/api/api-client.ts";
import { unitNameOf } from "../../shared/units/reporting-tree.ts";
import { mergeSummary, rebuildSentences, staleNotice } from "../logic/merge-words.ts";
import { downloadLink, h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

/**
 * A prefecture's own report against its counties now (GET …/merged's staleness): current, or out of
 * date — which counties moved on, the 合计 that change — with 重新合成 for the unit's own clerk (the
 * province only reads it). Drawn into the returned element once the merge is fetched.
 */
export function mergeStateCard(context: PaneContext, period: string, unitCode: string, options: { rebuild: boolean }): HTMLElement {
  const card = h("div", { class: "merge-state", id: "merge-state", "aria-live": "polite" });
  context.api
    .merged(period, unitCode)
    .then((merged) => card.replaceChildren(...mergeStateContent(context, period, merged, options)))
    .catch((error: unknown) => card.replaceChildren(h("p", { class: "message error" }, context.failure(error))));
  return card;
}

function mergeStateContent(context: PaneContext, period: string, merged: MergedReport, { rebuild }: { rebuild: boolean }): HTMLElement[] {
  const { t, language } = context;
  const staleness = merged.staleness;
  if (!staleness) return [];
  const notice = staleNotice(t, language, merged, context.formSetOf(merged.report.edition));
  if (!notice)
    return [h("p", { class: "muted", id: "merge-current" }, t("staleCurrent", { unit: unitNameOf(merged.unitCode, language), revision: staleness.revision }))];
  const message = h("div", { class: "message", id: "rebuild-message", role: "status" });
  const button = h("button", { class: "primary", id: "rebuild-merged" }, t("rebuild"));
  button.addEventListener("click", () => void rebuildMerged(context, period, merged.unitCode, { button, message }));
  return [
    h(
      "div",
      { class: "message warning", id: "merge-stale" },
      h("p", {}, notice.heading),
      h("ul", { class: "stale-units" }, ...notice.children.map((line) => h("li", {}, line))),
      notice.totals.length === 0
        ? ""
        : h("p", {}, `${t("staleTotals")}${language === "zh" ? "：" : ": "}${notice.totals.join(language === "zh" ? "；" : "; ")}`),
    ),
    ...(rebuild ? [button, message] : []),
  ];
}

/** 重新合成: the merged workbook again (the rows typed for counties still out kept), opened in Excel or offered for download, and what it did to each county's rows. */
async function rebuildMerged(context: PaneContext, period: string, unitCode: string, { button, message }: { button: HTMLButtonElement; message: HTMLElement }) {
  const { api, t, language } = context;
  button.disabled = true;
  try {
    const [merged, file] = await Promise.all([api.merged(period, unitCode), api.mergedWorkbook(period, unitCode)]);
    const fileName = `${unitCode}-${period}.xlsx`;
    const opened = (await context.workbook.openWorkbook(file)) === "opened";
    message.replaceChildren(
      h("p", {}, ...(opened ? [t("builtFromCounties")] : [t("workbookDownload"), " ", downloadLink(file, fileName, t("download", { file: fileName }))])),
      mergeSummaryList(context, merged, rebuildSentences(t, language, merged)),
    );
  } catch (error) {
    message.textContent = context.failure(error);
  } finally {
    button.disabled = false;
  }
}

/** After a merge: which counties are in, returned, never submitted, the rows kept, and what to do next (mergeSummary), with any lines before. */
export function mergeSummaryList(context: PaneContext, merged: MergedReport, before: string[] = []): HTMLElement {
  const lines = [...before, ...mergeSummary(context.t, context.language, merged).filter((line) => !before.includes(line))];
  return h("ul", { class: "merge-summary", id: "merge-summary" }, ...lines.map((line) => h("li", {}, line)));
}
