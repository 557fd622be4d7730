import type { ProvinceComparison, UnitComparison } from "../../../shared/api/api-client.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { Language, StringKey } from "../../logic/i18n.ts";
import { h, svg } from "../dom.ts";
import { formatCount, formatPercent } from "./figure-format.ts";
import { hexagonPoints, tileMapLayout } from "./prefecture-tiles.ts";
import { shortName } from "./status-map.ts";

type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

/**
 * The share verified (核准 ÷ the list's entries registered there) in five bands, lightest to darkest;
 * "no-list" where the list has no entry for the prefecture. Bands rather than a continuous ramp so
 * the legend can say how many prefectures are in each, as the status map's does.
 */
export const shareBands = [
  { band: "no-list", below: Number.NEGATIVE_INFINITY, key: "shareBandNoList" },
  { band: "under-50", below: 0.5, key: "shareBandUnder50" },
  { band: "50-80", below: 0.8, key: "shareBand50to80" },
  { band: "80-95", below: 0.95, key: "shareBand80to95" },
  { band: "95-up", below: Number.POSITIVE_INFINITY, key: "shareBand95up" },
] as const satisfies readonly { band: string; below: number; key: StringKey }[];

export type ShareBand = (typeof shareBands)[number]["band"];

/** The band of a coverage: null (no list entry) is "no-list"; otherwise the first band its shown percentage (one decimal) falls below. */
export function shareBandOf(coverage: number | null): ShareBand {
  if (coverage === null) return "no-list";
  const shown = Math.round(coverage * 1000) / 1000;
  return shareBands.slice(1).find((band) => shown < band.below)?.band ?? "95-up";
}

/** How many prefectures are in each band, in the legend's order. */
export function shareBandCounts(prefectures: readonly UnitComparison[]): { band: ShareBand; key: StringKey; count: number }[] {
  return shareBands.map(({ band, key }) => ({ band, key, count: prefectures.filter((unit) => shareBandOf(unit.coverage) === band).length }));
}

/** The unit's name in the pane's language. */
const unitName = (unit: UnitComparison, language: Language) =>
  language === "zh" ? unit.unitName : (reportingTree.unit(unit.unitCode)?.nameEn ?? unit.unitName);

/** "济南：核准 1,204 / 名单 1,260（95.6%），名册有库无 12，库有名册无 56". */
export function shareTileLabel(unit: UnitComparison, t: Translate, language: Language): string {
  const count = (value: number) => formatCount(language, value);
  return t("shareTileLabel", {
    unit: unitName(unit, language),
    verified: count(unit.verified),
    list: count(unit.list),
    share: unit.coverage === null ? "—" : formatPercent(language, unit.coverage),
    rosterOnly: count(unit.rosterOnly),
    listOnly: count(unit.listOnly),
  });
}

/** One prefecture's hexagon, shaded by its band, its share written under its name. */
function shareTile(unit: UnitComparison, { cx, cy }: { cx: number; cy: number }, t: Translate, language: Language): SVGElement {
  const name = language === "zh" ? shortName(unit.unitName) : unitName(unit, language);
  return svg(
    "g",
    { class: `tile share-${shareBandOf(unit.coverage)}`, "data-prefecture": unit.unitCode, role: "img" },
    svg("title", {}, shareTileLabel(unit, t, language)),
    svg("polygon", { class: "tile-shape", points: hexagonPoints(cx, cy), "stroke-width": 1.5 }),
    svg("text", { class: "tile-name", x: cx, y: cy - 3, "text-anchor": "middle", "aria-hidden": "true" }, name),
    svg(
      "text",
      { class: "tile-status", x: cx, y: cy + 13, "text-anchor": "middle", "aria-hidden": "true" },
      unit.coverage === null ? "—" : formatPercent(language, unit.coverage),
    ),
  );
}

/** The table under the map: each prefecture's verified count, its list, the share and the two differences (名册有、库无 with how many were explained). */
function shareTable(comparison: ProvinceComparison, t: Translate, language: Language): HTMLElement {
  const count = (value: number) => formatCount(language, value);
  const heads = (["shareUnit", "shareVerified", "shareList", "shareShare", "shareRosterOnly", "shareRosterOnlyExplained", "shareListOnly"] as const).map(
    (key) => h("th", { scope: "col" }, t(key)),
  );
  const row = (unit: UnitComparison, name: string) =>
    h(
      "tr",
      { "data-unit": unit.unitCode },
      h("th", { scope: "row" }, name),
      ...[
        count(unit.verified),
        count(unit.list),
        unit.coverage === null ? "—" : formatPercent(language, unit.coverage),
        count(unit.rosterOnly),
        count(unit.rosterOnlyExplained),
        count(unit.listOnly),
      ].map((text) => h("td", { class: "number" }, text)),
    );
  return h(
    "details",
    { class: "numbers" },
    h("summary", {}, t("numbersTable")),
    h(
      "div",
      { class: "table-scroll" },
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, ...heads)),
        h("tbody", {}, ...comparison.prefectures.map((unit) => row(unit, unitName(unit, language))), row(comparison.province, t("provinceRow"))),
      ),
    ),
  );
}

/**
 * The dashboard's 核准比对 map: each prefecture shaded by the share of the poverty office's list
 * that its rosters verify, the province's figure above it, a legend of the bands with counts and the
 * numbers in a table. Before a list is uploaded it says so instead.
 */
export function renderVerifiedShareMap(comparison: ProvinceComparison, t: Translate, language: Language): HTMLElement {
  const title = h("h3", {}, t("shareMapTitle", { period: comparison.period }));
  if (comparison.listUploadedAt === null)
    return h("div", { class: "verified-share", id: "verified-share" }, title, h("p", { id: "verified-share-none" }, t("shareMapNoList")));
  const byCode = new Map(comparison.prefectures.map((unit) => [unit.unitCode, unit]));
  const { width, height, centres } = tileMapLayout();
  const counts = shareBandCounts(comparison.prefectures);
  const summary = t("shareMapSummary", {
    counts: counts.map(({ key, count }) => t("legendCount", { status: t(key), count })).join(language === "zh" ? "，" : ", "),
  });
  const tiles = centres.flatMap(({ unitCode, cx, cy }) => {
    const unit = byCode.get(unitCode);
    return unit ? [shareTile(unit, { cx, cy }, t, language)] : [];
  });
  const map = svg(
    "svg",
    { class: "share-map-svg", viewBox: `0 0 ${width.toFixed(0)} ${height.toFixed(0)}`, width: "100%", role: "group", "aria-label": summary },
    svg("title", {}, summary),
    ...tiles,
  );
  const legend = h(
    "ul",
    { class: "map-legend", id: "share-legend" },
    ...counts.map(({ band, key, count }) =>
      h(
        "li",
        { "data-band": band, class: `share-${band}` },
        h("span", { class: "swatch", "aria-hidden": "true" }),
        t("legendCount", { status: t(key), count }),
      ),
    ),
  );
  return h(
    "div",
    { class: "verified-share", id: "verified-share" },
    title,
    h("p", { id: "verified-share-province" }, shareTileLabel(comparison.province, t, language)),
    map,
    legend,
    shareTable(comparison, t, language),
  );
}
