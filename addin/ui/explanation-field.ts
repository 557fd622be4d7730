import { EXPLANATION_REASONS } from "../../shared/report/explanation-reasons.ts";
import type { ExplanationReason } from "../../shared/report/explanation-reasons.ts";
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
  const reason = reasonSelect(context, session, issue);
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
        .explain(issue, textarea.value, reasonChosen(reason))
        .then(() => show(), context.alert)
        .finally(() => textarea.dispatchEvent(new CustomEvent("tianbao:explanation-saved", { bubbles: true })));
    }, EXPLANATION_SAVE_DELAY_MS);
  });
  // A reason chosen after the text is saved with it at once; before any text it waits for the text.
  reason.addEventListener("change", () => {
    if (textarea.value.trim()) textarea.dispatchEvent(new Event("input"));
  });
  show();
  return h("div", { class: "explanation" }, label, textarea, h("div", { class: "explanation-status" }, reason, count, saved), error);
}

const reasonChosen = (select: HTMLSelectElement) => (select.value ? (select.value as ExplanationReason) : undefined);

/** 实际变化 / 口径调整 / 更正前期数据 / 其他: why the warned value is what it is, for the province's analysis of warnings. */
function reasonSelect(context: PaneContext, session: ReportSession, issue: ValidationIssue): HTMLSelectElement {
  const { t, language } = context;
  const chosen = session.reasonOf(issue) ?? "";
  const select = h(
    "select",
    { class: "explanation-reason", "aria-label": t("explanationReason") },
    h("option", { value: "" }, t("explanationReasonNone")),
    ...EXPLANATION_REASONS.map((reason) => h("option", { value: reason.code }, language === "en" ? reason.en : reason.zh)),
  );
  select.value = chosen;
  return select;
}
