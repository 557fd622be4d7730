import type { Completeness } from "../../../shared/api/api-client.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { Language, StringKey } from "../../logic/i18n.ts";
import { h, svg } from "../dom.ts";
import { deadlineText, statusCounts, tileStatusKeys } from "./map-status.ts";
import type { TileStatus } from "./map-status.ts";
import { hexagonPoints, tileMapLayout } from "./prefecture-tiles.ts";

type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

/** CSS class of each status (colour, and for 逾期 a hatch): the text on the tile says it too. */
export const statusClasses: Record<TileStatus, string> = {
  未报: "not-submitted",
  已报: "submitted",
  退回: "returned",
  通过: "accepted",
  逾期: "late",
};

/** "济南市" → "济南" on the tile (the aria-label keeps the full name). */
export const shortName = (name: string) => name.replace(/市$/, "");

/**
 * The tile map of the 16 prefectures (prefecture-tiles.ts), each tile coloured and labelled with its
 * status, a legend with the counts, and the deadline with the days left (Beijing dates). A tile
 * whose prefecture has a revision is a button (click, Enter or Space) that opens its latest revision.
 */
export function renderStatusMap(
  completeness: Completeness,
  today: string,
  t: Translate,
  language: Language,
  onOpen: (unitCode: string, revision: number) => void,
): HTMLElement {
  const byCode = new Map(completeness.units.map((row) => [row.unitCode, row]));
  const { width, height, centres } = tileMapLayout();
  const counts = statusCounts(completeness.units);
  const summary = t("statusMapSummary", {
    counts: counts.map(({ status, count }) => t("legendCount", { status: t(tileStatusKeys[status]), count })).join(language === "zh" ? "，" : ", "),
  });

  const tiles = centres.flatMap(({ unitCode, cx, cy }) => {
    const row = byCode.get(unitCode);
    return row ? [statusTile(row, { cx, cy }, t, language, onOpen)] : [];
  });

  const map = svg(
    "svg",
    {
      class: "status-map-svg",
      id: "status-map-svg",
      viewBox: `0 0 ${width.toFixed(0)} ${height.toFixed(0)}`,
      width: "100%",
      role: "group",
      "aria-label": summary,
    },
    svg("title", {}, summary),
    svg(
      "defs",
      {},
      svg(
        "pattern",
        { id: "late-hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
        svg("rect", { width: 6, height: 6, class: "hatch-ground" }),
        svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "hatch-line" }),
      ),
    ),
    ...tiles,
  );
  return h(
    "div",
    { class: "status-map", id: "status-map" },
    h("h3", {}, t("statusMapTitle")),
    map,
    h("div", { class: "map-aside" }, h("p", { class: "deadline", id: "map-deadline" }, deadlineText(completeness.deadline, today, t)), mapLegend(counts, t)),
  );
}

/** One prefecture's hexagon: its status in colour and words, a button when it has a revision to open. */
function statusTile(
  row: Completeness["units"][number],
  { cx, cy }: { cx: number; cy: number },
  t: Translate,
  language: Language,
  onOpen: (unitCode: string, revision: number) => void,
): SVGElement {
  const name = language === "zh" ? row.name : (reportingTree.unit(row.unitCode)?.nameEn ?? row.name);
  const status = t(tileStatusKeys[row.status]);
  // A returned report past the deadline is both: 退回 on the tile, 逾期 under it.
  const late = row.overdue && row.status !== "逾期";
  const statusLine = late ? `${status}·${t("statusLate")}` : status;
  const open = row.revision > 0 ? () => onOpen(row.unitCode, row.revision) : undefined;
  const label = open ? t("tileLabelOpen", { unit: name, status: statusLine, revision: row.revision }) : t("tileLabel", { unit: name, status: statusLine });
  return svg(
    "g",
    {
      class: `tile ${statusClasses[row.status]}${late ? " overdue" : ""}${open ? " openable" : ""}`,
      "data-prefecture": row.unitCode,
      "data-status": row.status,
      role: open ? "button" : "img",
      tabindex: open ? 0 : undefined,
      // The name is a <title> (SVG's own label), not aria-label: axe asks an aria-label to contain the visible text.
      onclick: open,
      onkeydown: open
        ? (event: Event) => {
            const key = (event as KeyboardEvent).key;
            if (key !== "Enter" && key !== " ") return;
            event.preventDefault();
            open();
          }
        : undefined,
    },
    svg("title", {}, label),
    svg("polygon", { class: "tile-shape", points: hexagonPoints(cx, cy), "stroke-width": 1.5 }),
    svg("text", { class: "tile-name", x: cx, y: cy - 3, "text-anchor": "middle", "aria-hidden": "true" }, language === "zh" ? shortName(name) : name),
    svg("text", { class: "tile-status", x: cx, y: cy + 13, "text-anchor": "middle", "aria-hidden": "true" }, statusLine),
  );
}

/** The legend: each status's swatch and how many prefectures are in it. */
function mapLegend(counts: ReturnType<typeof statusCounts>, t: Translate): HTMLElement {
  return h(
    "ul",
    { class: "map-legend", id: "status-legend" },
    ...counts.map(({ status, count }) =>
      h(
        "li",
        { "data-status": status, class: statusClasses[status] },
        h("span", { class: "swatch", "aria-hidden": "true" }),
        t("legendCount", { status: t(tileStatusKeys[status]), count }),
      ),
    ),
  );
}
