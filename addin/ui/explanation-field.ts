import type { ValidationIssue } from "../../shared/validate/validate-report.ts";
import type { ReportSession } from "../logic/report-session.ts";
import { h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

/** Explanations are saved to the 说明 sheet this long after the clerk stops typing. */
const EXPLANATION_SAVE_DELAY_MS = 400;

/**
 * The explanation of a warning, saved as it is typed (to the pane at once, to the 说明 sheet once
 * the clerk pauses), with a character counter and, below the minimum, an inline error.
 */
export function explanationField(context: PaneContext, session: ReportSession, issue: ValidationIssue): HTMLElement {
  const { t } = context;
  const min = session.formSet.data.explanationMinLength;
  const id = `explanation-${issue.sheetCode}-${issue.cell}-${issue.ruleId}`.replace(/[^\w-]/g, "_");
  const textarea = h("textarea", {
    id,
    rows: 2,
    placeholder: t("explanationPlaceholder", { min }),
    value: session.explanationOf(issue),
    "aria-describedby": `${id}-count ${id}-error`,
  });
  const label = h("label", { for: id, class: "visually-hidden" }, t("explanationPlaceholder", { min }));
  const count = h("span", { class: "explanation-count", id: `${id}-count` });
  const error = h("p", { class: "field-error", id: `${id}-error` });
  const saved = h("span", { class: "explained" });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = () => {
    const length = [...textarea.value.trim()].length;
    count.textContent = t("explanationCount", { count: length, min });
    const short = length > 0 && length < min;
    error.textContent = short ? t("explanationShort", { min, missing: min - length }) : "";
    textarea.setAttribute("aria-invalid", String(short));
    saved.textContent = length >= min ? `✓ ${t("explained")}` : "";
  };
  textarea.addEventListener("input", () => {
    show();
    saved.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(() => {
      session
        .explain(issue, textarea.value)
        .then(() => show(), context.alert)
        .finally(() => textarea.dispatchEvent(new CustomEvent("tianbao:explanation-saved", { bubbles: true })));
    }, EXPLANATION_SAVE_DELAY_MS);
  });
  show();
  return h("div", { class: "explanation" }, label, textarea, h("div", { class: "explanation-status" }, count, saved), error);
}
