import type { WarningAnalysisAnswer } from "../../../shared/api/api-client.ts";
import { EXPLANATION_REASONS } from "../../../shared/report/explanation-reasons.ts";
import type { Language, StringKey } from "../../logic/i18n.ts";
import { h } from "../dom.ts";

type Translate = (key: StringKey, values?: Record<string, string | number>) => string;
type ReasonCounts = WarningAnalysisAnswer["reasons"];

/** The rules the card lists (the workbook's 预警分析 sheet and the API have them all). */
const RULES_SHOWN = 10;

/** "实际变化 3 · 其他 1 · 未选 2": the reasons given, those with none left out. */
export function reasonsText(counts: ReasonCounts, t: Translate, language: Language): string {
  const named = EXPLANATION_REASONS.map((reason) => [language === "en" ? reason.en : reason.zh, counts[reason.code]] as const);
  const parts = [...named, [t("warningAnalysisNoReason"), counts.none] as const].filter(([, count]) => count > 0);
  return parts.map(([label, count]) => `${label} ${count}`).join(" · ") || "—";
}

/** The dashboard's 预警分析 card: which rules fire most across the included revisions, in how many units, and why. */
export function renderWarningAnalysis(analysis: WarningAnalysisAnswer, t: Translate, language: Language): HTMLElement {
  const title = h("h3", {}, t("warningAnalysisTitle", { period: analysis.period }));
  if (analysis.total === 0) return h("div", { class: "warning-analysis", id: "warning-analysis" }, title, h("p", {}, t("warningAnalysisNone")));
  const summary = t("warningAnalysisTotal", { total: analysis.total, units: analysis.byUnit.length, reasons: reasonsText(analysis.reasons, t, language) });
  const header = h(
    "tr",
    {},
    ...(["warningAnalysisRule", "warningAnalysisCount", "warningAnalysisUnits", "warningAnalysisReasons"] as const).map((key) =>
      h("th", { scope: "col" }, t(key)),
    ),
  );
  const rows = analysis.byRule
    .slice(0, RULES_SHOWN)
    .map((rule) =>
      h(
        "tr",
        { "data-rule": rule.ruleId },
        h("th", { scope: "row" }, rule.title ? `${rule.ruleId} ${rule.title}` : rule.ruleId),
        h("td", {}, String(rule.count)),
        h("td", {}, String(rule.units)),
        h("td", {}, reasonsText(rule.reasons, t, language)),
      ),
    );
  return h(
    "div",
    { class: "warning-analysis", id: "warning-analysis" },
    title,
    h("p", {}, summary),
    h("div", { class: "table-scroll" }, h("table", {}, h("thead", {}, header), h("tbody", {}, ...rows))),
  );
}
