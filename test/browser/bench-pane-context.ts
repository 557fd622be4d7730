// What the bench pages (keystroke-bench-page.ts, roster-keystroke-bench-page.ts) open their view with: a pane
// context in Chinese, signed in as a clerk of `unit`, with no server (the lists need none; a look-up fails).
import { ApiClient } from "../../shared/api/api-client.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { formatTime, text } from "../../addin/logic/i18n.ts";
import type { ReportSession } from "../../addin/logic/report-session.ts";
import type { ReportWorkbook } from "../../addin/workbook/report-workbook.ts";
import { Submitter } from "../../addin/logic/submitter.ts";
import { h } from "../../addin/ui/dom.ts";
import type { PaneContext } from "../../addin/ui/pane-context.ts";

/** The pane's context for a bench page. */
export function benchPaneContext(workbook: ReportWorkbook, unit: ReportingUnit, session?: ReportSession): PaneContext {
  const api = new ApiClient("http://127.0.0.1:9", "bench");
  return {
    language: "zh",
    surface: "pane",
    t: (key, values) => text("zh", key, values),
    time: (iso) => formatTime("zh", iso),
    workbook,
    formSetOf,
    api,
    me: { tokenId: "bench", tokenName: "bench", role: "clerk", unitCode: unit.code, unitName: unit.name, unitLevel: unit.level.code, expiresAt: null },
    session,
    submitter: new Submitter(
      workbook,
      () => api,
      () => {},
    ),
    reopen: async () => {},
    failure: String,
    alert: (error) => console.error(error),
  };
}

/** The page's #app emptied for one view: the element the view renders into. */
export function benchViewElement(): HTMLElement {
  const view = h("div", { class: "view" });
  (document.getElementById("app") as HTMLElement).replaceChildren(view);
  return view;
}
