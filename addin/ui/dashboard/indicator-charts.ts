import type { Consolidated } from "../../../shared/api/api-client.ts";
import type { FormSet } from "../../../shared/forms/form-set.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { Language, StringKey } from "../../logic/i18n.ts";
import { h, svg } from "../dom.ts";
import { coverageText } from "./data-coverage.ts";
import { fieldLabel, formatChange, formatPercent, formatWithUnit } from "./figure-format.ts";
import { hasData, headlineIndicators, indicatorFigure } from "./indicator-figures.ts";
import type { IndicatorFigure } from "./indicator-figures.ts";

type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

export interface ChartOptions {
  formSet: FormSet;
  t: Translate;
  language: Language;
  /** When the figures were fetched, as the pane shows times (Beijing). */
  fetchedAt: string;
}

/** One bar of a chart: its label, its length as a fraction of the longest, the text after it. */
interface Bar {
  label: string;
  fraction: number;
  text: string;
  className: string;
}

const WIDTH = 320;
/** The label column fits the longest label, within these bounds (English stage names are long). */
const MIN_LABEL_WIDTH = 40;
const MAX_LABEL_WIDTH = 130;
/** The value after each bar gets the room its longest text needs, within these bounds. */
const MIN_TEXT_WIDTH = 40;
const MAX_TEXT_WIDTH = 130;
const ROW = 16;

/** A label's rendered width at the charts' 11 px font, roughly: CJK characters are square, others about half as wide. */
export const labelWidth = (label: string) => [...label].reduce((width, character) => width + (/[\u2e80-\uffff]/u.test(character) ? 11 : 6), 0);

/** A label that fits the column, cut with "…" where it must be (the full label stays in its title). */
export function fitted(label: string, width: number): string {
  if (labelWidth(label) <= width) return label;
  const characters = [...label];
  while (characters.length > 1 && labelWidth(`${characters.join("")}…`) > width) characters.pop();
  return `${characters.join("")}…`;
}

const unitName = (language: Language, code: string) => {
  const prefecture = reportingTree.unit(code);
  if (!prefecture) return code;
  return language === "zh" ? prefecture.name.replace(/市$/, "") : prefecture.nameEn;
};

/**
 * The headline figures of a consolidation as SVG bar charts, each with a summary for screen
 * readers and its numbers as a table one click away; over them, what they include and when they
 * were fetched. `previous` is the period before, undefined when there is none.
 */
export function renderIndicatorCharts(
  current: Consolidated,
  previous: { period: string; consolidated: Consolidated } | undefined,
  options: ChartOptions,
): HTMLElement {
  const { t, fetchedAt, formSet } = options;
  const header = [
    h("h3", {}, t("indicatorsTitle", { period: current.period })),
    h("p", { class: "coverage", id: "indicator-coverage" }, coverageText(current, reportingTree.root.children.length, t)),
    h("p", { class: "muted fetched-at", id: "indicators-fetched" }, t("fetchedAt", { time: fetchedAt })),
  ];
  if (!hasData(current)) return h("div", { class: "indicators", id: "indicators" }, ...header, h("p", { class: "muted" }, t("noConsolidatedData")));
  const figures = headlineIndicators.map((indicator) => indicatorFigure(formSet, indicator, current, previous));
  return h("div", { class: "indicators", id: "indicators" }, ...header, ...figures.map((figure) => indicatorCard(figure, options)));
}

function indicatorCard(figure: IndicatorFigure, { t, language }: ChartOptions): HTMLElement {
  const { field } = figure;
  const value = (number: number | null) => formatWithUnit(language, field, number);
  const label = fieldLabel(language, field);
  const versus: string[] = [];
  if (figure.planField && figure.ofPlan !== null) versus.push(t("ofPlan", { percent: formatPercent(language, figure.ofPlan), plan: value(figure.plan) }));
  const previous = figure.previous;
  if (previous.kind === "none") versus.push(t("noPreviousPeriod"));
  else if (previous.kind === "noData") versus.push(t("previousNoData", { period: previous.period }));
  else
    versus.push(
      t("vsPrevious", {
        period: previous.period,
        change: previous.change === null ? "—" : formatChange(language, previous.change),
        previous: value(previous.total),
      }),
    );

  const groups: { heading?: string; bars: Bar[] }[] = [];
  if (figure.planField && figure.plan !== null && figure.total !== null) {
    const longest = Math.max(figure.plan, figure.total) || 1;
    groups.push({
      bars: [
        { label: t("planRow"), fraction: figure.plan / longest, text: value(figure.plan), className: "plan" },
        { label: t("provinceRow"), fraction: figure.total / longest, text: formatPercent(language, figure.ofPlan ?? 0), className: "done" },
      ],
    });
  }
  if (figure.parts.length > 0) {
    const longest = Math.max(...figure.parts.map((part) => part.value ?? 0)) || 1;
    groups.push({
      heading: t("byStage"),
      bars: figure.parts.map((part) => ({
        label: fieldLabel(language, part.field),
        fraction: (part.value ?? 0) / longest,
        text: formatWithUnit(language, part.field, part.value).replace(/ .*$/, ""),
        className: "part",
      })),
    });
  }
  const largest = figure.shares[0]?.value || 1;
  groups.push({
    heading: t("byPrefecture"),
    bars: figure.shares.map((share) => ({
      label: unitName(language, share.unitCode),
      fraction: share.value / largest,
      text: share.share === null ? "—" : formatPercent(language, share.share),
      className: "share",
    })),
  });

  const top = figure.shares.slice(0, 3).map((share) =>
    t("shareSummary", {
      unit: unitName(language, share.unitCode),
      value: value(share.value),
      share: share.share === null ? "—" : formatPercent(language, share.share),
    }),
  );
  const summary = t("chartSummary", {
    label,
    total: value(figure.total),
    detail: [...versus, ...top].join(language === "zh" ? "；" : "; "),
  });

  return h(
    "figure",
    { class: "indicator", "data-sheet": figure.indicator.sheetCode, "data-field": field.code },
    h("h4", {}, `${figure.indicator.sheetCode} ${label}`),
    h("p", { class: "headline" }, h("strong", { class: "total" }, value(figure.total))),
    h("p", { class: "versus" }, versus.join(" · ")),
    barChart(groups, summary),
    numbersTable(figure, { t, language }),
  );
}

function barChart(groups: { heading?: string; bars: Bar[] }[], summary: string): SVGSVGElement {
  const children: SVGElement[] = [svg("title", {}, summary)];
  let y = 0;
  const longest = Math.max(0, ...groups.flatMap((group) => group.bars.map((bar) => labelWidth(bar.label))));
  const LABEL_WIDTH = Math.min(MAX_LABEL_WIDTH, Math.max(MIN_LABEL_WIDTH, longest + 8));
  const longestText = Math.max(0, ...groups.flatMap((group) => group.bars.map((bar) => labelWidth(bar.text))));
  const TEXT_WIDTH = Math.min(MAX_TEXT_WIDTH, Math.max(MIN_TEXT_WIDTH, longestText + 8));
  const barSpace = WIDTH - LABEL_WIDTH - TEXT_WIDTH;
  for (const group of groups) {
    if (group.heading) {
      children.push(svg("text", { class: "chart-heading", x: 0, y: y + 12 }, group.heading));
      y += ROW;
    }
    for (const bar of group.bars) {
      const length = Math.max(bar.fraction * barSpace, bar.fraction > 0 ? 1 : 0);
      children.push(
        svg(
          "text",
          { class: "bar-label", x: LABEL_WIDTH - 4, y: y + 12, "text-anchor": "end" },
          ...(fitted(bar.label, LABEL_WIDTH - 6) === bar.label ? [bar.label] : [svg("title", {}, bar.label), fitted(bar.label, LABEL_WIDTH - 6)]),
        ),
        svg("rect", { class: `bar ${bar.className}`, x: LABEL_WIDTH, y: y + 3, width: length.toFixed(1), height: ROW - 6 }),
        svg("text", { class: "bar-value", x: LABEL_WIDTH + length + 4, y: y + 12 }, bar.text),
      );
      y += ROW;
    }
    y += 4;
  }
  return svg("svg", { class: "chart", viewBox: `0 0 ${WIDTH} ${y}`, width: "100%", role: "img", "aria-label": summary }, ...children);
}

/** The same numbers as a table, one click away; each number cell carries its raw value. */
function numbersTable(figure: IndicatorFigure, { t, language }: Pick<ChartOptions, "t" | "language">): HTMLElement {
  const { field } = figure;
  const number = (fieldCode: string, value: number | null, shown: string) =>
    h("td", { class: "number", "data-field": fieldCode, "data-value": value === null ? "" : String(value) }, shown);
  const row = (name: string, key: string, fieldCode: string, value: number | null, share: string) =>
    h("tr", { "data-row": key }, h("th", { scope: "row" }, name), number(fieldCode, value, formatWithUnit(language, figure.field, value)), h("td", {}, share));
  const rows: HTMLElement[] = [row(t("provinceRow"), "province", field.code, figure.total, "")];
  if (figure.planField)
    rows.push(row(t("planRow"), "plan", figure.planField.code, figure.plan, figure.ofPlan === null ? "" : formatPercent(language, figure.ofPlan)));
  if (figure.previous.kind === "figure")
    rows.push(
      row(
        t("previousRow", { period: figure.previous.period }),
        "previous",
        field.code,
        figure.previous.total,
        figure.previous.change === null ? "" : formatChange(language, figure.previous.change),
      ),
    );
  for (const part of figure.parts)
    rows.push(
      h(
        "tr",
        { "data-row": part.field.code },
        h("th", { scope: "row" }, fieldLabel(language, part.field)),
        number(part.field.code, part.value, formatWithUnit(language, part.field, part.value)),
        h("td", {}, ""),
      ),
    );
  for (const share of figure.shares)
    rows.push(
      h(
        "tr",
        { "data-row": share.unitCode, "data-prefecture": share.unitCode },
        h("th", { scope: "row" }, unitName(language, share.unitCode)),
        number(field.code, share.value, formatWithUnit(language, field, share.value)),
        h("td", {}, share.share === null ? "" : formatPercent(language, share.share)),
      ),
    );
  return h(
    "details",
    { class: "numbers" },
    h("summary", {}, t("numbersTable")),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, ...(["prefectureHeader", "valueHeader", "shareHeader"] as const).map((key) => h("th", { scope: "col" }, t(key))))),
      h("tbody", {}, ...rows),
    ),
  );
}
