// The province dashboard's DOM-free facts (addin/ui/dashboard/): the tile map keeps real neighbours
// adjacent as far as a hex grid can, the deadline in Beijing days, the headline figures and their
// shares, the previous period, and what the charts say they include or that they may be stale.
import { describe, expect, it } from "vitest";
import type { Consolidated } from "../../shared/api/api-client.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { text } from "../../addin/logic/i18n.ts";
import type { StringKey } from "../../addin/logic/i18n.ts";
import { coverageText, staleText } from "../../addin/ui/dashboard/data-coverage.ts";
import { formatChange, formatFigure, formatPercent, formatWithUnit } from "../../addin/ui/dashboard/figure-format.ts";
import { headlineIndicators, indicatorFigure, previousPeriodOf } from "../../addin/ui/dashboard/indicator-figures.ts";
import { fitted, labelWidth } from "../../addin/ui/dashboard/indicator-charts.ts";
import { beijingDate, daysLeft, deadlineText, statusCounts } from "../../addin/ui/dashboard/map-status.ts";
import { prefectureTiles, tilesAdjacent } from "../../addin/ui/dashboard/prefecture-tiles.ts";
import { rosterCoverageLines } from "../../addin/ui/dashboard/roster-coverage.ts";
import { shareBandCounts, shareBandOf, shareTileLabel } from "../../addin/ui/dashboard/verified-share-map.ts";
import type { UnitComparison } from "../../shared/api/api-client.ts";

const zh = (key: StringKey, values?: Record<string, string | number>) => text("zh", key, values);
const code = (name: string) => reportingTree.root.children.find((prefecture) => prefecture.name === `${name}市`)?.code as string;

// Prefectures that share a border (2019 divisions: 莱芜 merged into 济南 in January 2019).
const borders: [string, string][] = [
  ["德州", "聊城"],
  ["德州", "济南"],
  ["德州", "滨州"],
  ["聊城", "济南"],
  ["聊城", "泰安"],
  ["聊城", "济宁"],
  ["聊城", "菏泽"],
  ["滨州", "济南"],
  ["滨州", "淄博"],
  ["滨州", "东营"],
  ["东营", "淄博"],
  ["东营", "潍坊"],
  ["济南", "淄博"],
  ["济南", "泰安"],
  ["淄博", "潍坊"],
  ["淄博", "临沂"],
  ["潍坊", "烟台"],
  ["潍坊", "青岛"],
  ["潍坊", "日照"],
  ["潍坊", "临沂"],
  ["烟台", "威海"],
  ["烟台", "青岛"],
  ["青岛", "日照"],
  ["日照", "临沂"],
  ["临沂", "泰安"],
  ["临沂", "济宁"],
  ["临沂", "枣庄"],
  ["泰安", "济宁"],
  ["济宁", "枣庄"],
  ["济宁", "菏泽"],
];
/** What a hex grid of 16 tiles laid out like Shandong cannot keep. */
const notKept = ["德州–聊城", "临沂–济宁"];

describe("the tile map", () => {
  const tile = (name: string) => prefectureTiles.find((candidate) => candidate.unitCode === code(name));

  it("has one tile for each of the 16 prefectures of the region table, no two on one cell", () => {
    expect(prefectureTiles.map((entry) => entry.unitCode).sort()).toEqual(reportingTree.root.children.map((prefecture) => prefecture.code).sort());
    expect(new Set(prefectureTiles.map((entry) => `${entry.column},${entry.row}`)).size).toBe(16);
  });

  it("keeps every pair of bordering prefectures adjacent except the two a grid cannot keep", () => {
    const lost = borders.filter(([a, b]) => !tilesAdjacent(tile(a)!, tile(b)!)).map(([a, b]) => `${a}–${b}`);
    expect(lost).toEqual(notKept);
    expect(borders.length - lost.length).toBe(28);
  });

  it("puts only three non-bordering pairs side by side", () => {
    const bordering = new Set(borders.map(([a, b]) => [code(a), code(b)].sort().join()));
    const names = new Map(reportingTree.root.children.map((prefecture) => [prefecture.code, prefecture.name.replace(/市$/, "")]));
    const extra = prefectureTiles.flatMap((a, index) =>
      prefectureTiles
        .slice(index + 1)
        .flatMap((b) =>
          tilesAdjacent(a, b) && !bordering.has([a.unitCode, b.unitCode].sort().join())
            ? [[names.get(a.unitCode), names.get(b.unitCode)].sort().join("–")]
            : [],
        ),
    );
    expect(extra.sort()).toEqual(["东营–烟台", "泰安–淄博", "枣庄–泰安"].sort());
  });

  it("keeps the compass: 德州 and 聊城 west of 烟台 and 威海, 滨州 and 东营 north of 临沂 and 枣庄", () => {
    expect(tile("威海")!.column).toBeGreaterThan(tile("德州")!.column);
    expect(tile("东营")!.row).toBeLessThan(tile("临沂")!.row);
    expect(tile("枣庄")!.row).toBeGreaterThan(tile("济南")!.row);
  });
});

describe("the status and the deadline", () => {
  it("counts the prefectures in each status", () => {
    const row = (status: "未报" | "已报" | "退回" | "通过" | "逾期") => ({ status }) as never;
    expect(statusCounts([row("已报"), row("退回"), row("已报"), row("逾期")])).toEqual([
      { status: "未报", count: 0 },
      { status: "已报", count: 2 },
      { status: "退回", count: 1 },
      { status: "通过", count: 0 },
      { status: "逾期", count: 1 },
    ]);
  });

  it("reads today in Beijing: 16:30 UTC on the 31st is already the 1st there", () => {
    expect(beijingDate(new Date("2019-12-31T16:30:00Z"))).toBe("2020-01-01");
    expect(beijingDate(new Date("2019-12-31T15:59:00Z"))).toBe("2019-12-31");
  });

  it("says the days left, the last day, and the days since", () => {
    expect(daysLeft("2020-01-15", "2020-01-01")).toBe(14);
    expect(deadlineText("2020-01-15", "2020-01-01", zh)).toBe("截止 2020-01-15（北京时间），还剩 14 天");
    expect(deadlineText("2020-01-15", "2020-01-15", zh)).toBe("今天截止（2020-01-15，北京时间）");
    expect(deadlineText("2020-01-15", "2020-01-18", zh)).toBe("截止 2020-01-15，已过 3 天");
    expect(deadlineText(null, "2020-01-18", zh)).toBe("本期未设截止日期");
    const en = (key: StringKey, values?: Record<string, string | number>) => text("en", key, values);
    expect(deadlineText("2020-01-15", "2020-01-14", en)).toBe("Deadline 2020-01-15 (Beijing time): 1 day left");
    expect(deadlineText("2020-01-15", "2020-01-16", en)).toBe("Deadline 2020-01-15: passed 1 day ago");
  });
});

describe("the headline figures", () => {
  const row = (key: string, level: "province" | "prefecture", values: Record<string, number | null>) => ({ key, level, values });
  const consolidated = (period: string, jinan: number, qingdao: number | null, plan = 0): Consolidated => ({
    edition: "323/2019",
    period,
    include: "latest",
    sheets: {
      教扶02: [
        row("370000", "province", { E02_INV_DONE: jinan + (qingdao ?? 0), E02_INV_PLAN: plan }),
        row("370100", "prefecture", { E02_INV_DONE: jinan }),
        row("370200", "prefecture", { E02_INV_DONE: qingdao }),
      ],
    },
    provenance: [{ unitCode: "370100", submissionId: "1", revision: 1, status: "submitted", submittedAt: "2020-01-10T00:00:00Z" }],
    missingPrefectures: qingdao === null ? reportingTree.root.children.filter((p) => p.code !== "370100").map((p) => p.code) : [],
    notAccepted: [{ unitCode: "370100", revision: 1, status: "submitted" }],
    freshness: { foldedThrough: { change: 1, changedAt: "2020-01-10T00:00:00Z" }, newestChange: 1, pendingChanges: 0 },
  });
  const investment = headlineIndicators.find((indicator) => indicator.fieldCode === "E02_INV_DONE")!;

  it("are the fields the province publishes, each on its sheet in the form set", () => {
    for (const indicator of headlineIndicators) {
      expect(currentFormSet.sheet(indicator.sheetCode)?.field(indicator.fieldCode), indicator.fieldCode).toBeDefined();
      if (indicator.planFieldCode) expect(currentFormSet.sheet(indicator.sheetCode)?.field(indicator.planFieldCode)).toBeDefined();
    }
    expect(headlineIndicators.map((indicator) => indicator.fieldCode)).toEqual([
      "E01_TOT",
      "E02_INV_DONE",
      "E02_BLD_DONE",
      "E02_FLD_DONE",
      "E03_KG_DONE",
      "E04_EXCH",
      "E07_AID_PERSONS",
      "E07_AID_AMOUNT",
    ]);
  });

  it("give the total against the plan and each prefecture's share, largest first", () => {
    const figure = indicatorFigure(currentFormSet, investment, consolidated("2019", 100, 300, 320), undefined);
    expect(figure.total).toBe(400);
    expect(figure.ofPlan).toBe(1.25);
    expect(figure.shares).toEqual([
      { unitCode: "370200", value: 300, share: 0.75 },
      { unitCode: "370100", value: 100, share: 0.25 },
    ]);
    expect(figure.previous).toEqual({ kind: "none" });
  });

  it("leave out the prefectures not included, and compare with the previous period only when it has data", () => {
    const current = consolidated("2019", 100, null, 320);
    expect(indicatorFigure(currentFormSet, investment, current, undefined).shares.map((share) => share.unitCode)).toEqual(["370100"]);
    const empty = { ...consolidated("2018", 0, 0), provenance: [] };
    expect(indicatorFigure(currentFormSet, investment, current, { period: "2018", consolidated: empty }).previous).toEqual({ kind: "noData", period: "2018" });
    const before = consolidated("2018", 80, null);
    expect(indicatorFigure(currentFormSet, investment, current, { period: "2018", consolidated: before }).previous).toEqual({
      kind: "figure",
      period: "2018",
      total: 80,
      change: 0.25,
    });
  });

  it("take the period before among the periods, not the one after", () => {
    const periods = [{ code: "2020" }, { code: "2017" }, { code: "2019" }];
    expect(previousPeriodOf(periods, "2019")).toBe("2017");
    expect(previousPeriodOf(periods, "2017")).toBeUndefined();
  });

  it("format 万元 with 2 decimals, counts as integers and percentages with 1", () => {
    const amount = currentFormSet.sheet("教扶02")!.field("E02_INV_DONE")!;
    const persons = currentFormSet.sheet("教扶01")!.field("E01_TOT")!;
    expect(formatWithUnit("zh", amount, 186600)).toBe("186,600.00 万元");
    expect(formatWithUnit("en", persons, 200833)).toBe("200,833 persons");
    expect(formatFigure("zh", persons, null)).toBe("—");
    expect(formatPercent("zh", 1.0798)).toBe("108.0%");
    expect(formatChange("en", -0.0104)).toBe("−1.0%");
  });

  it("say what they include, and that they may be out of date", () => {
    const partial = consolidated("2019", 100, null);
    expect(coverageText(partial, 16, zh)).toBe("含 1 个市的数据；15 个市未计入（未报或已退回）；1 份未经审核");
    const current = { foldedThrough: { change: 9, changedAt: "2020-01-10T00:00:00Z" }, newestChange: 9, pendingChanges: 0 };
    expect(coverageText({ missingPrefectures: [], notAccepted: [], freshness: current }, 16, zh)).toBe("含 16 个市的数据");
    // Totals the queue has not caught up with say so.
    expect(coverageText({ missingPrefectures: [], notAccepted: [], freshness: { ...current, newestChange: 11, pendingChanges: 2 } }, 16, zh)).toBe(
      "含 16 个市的数据；2 项新报送或审核尚未计入（汇总更新中，稍后刷新）",
    );
    expect(staleText("服务器出错", "2020-01-10 08:00:00", zh)).toBe("数据可能已过时：刷新失败（服务器出错）。以下是 2020-01-10 08:00:00 读取的数据。");
  });
});

describe("chart labels", () => {
  it("fit their column: kept whole when they fit, else cut with an ellipsis within the width (CJK counted twice as wide)", () => {
    expect(labelWidth("学前教育")).toBe(44);
    expect(labelWidth("Preschool")).toBe(54);
    expect(fitted("Preschool", 60)).toBe("Preschool");
    const cut = fitted("Secondary vocational education", 60);
    expect(cut.endsWith("…")).toBe(true);
    expect(labelWidth(cut)).toBeLessThanOrEqual(60);
    expect(fitted("中等职业教育在校生", 50)).toBe("中等职业…");
  });
});

describe("the roster card", () => {
  const en = (key: StringKey, values?: Record<string, string | number>) => text("en", key, values);
  const coverage = { period: "2019", units: 137, counties: 137, countiesTotal: 137, students: 200_833, aided: 199_829, aidedShare: 0.995 };

  it("says units with a roster and counties covered, students, and the aided share, in Chinese and in English", () => {
    expect(rosterCoverageLines(coverage, zh, "zh")).toEqual([
      "137 个单位已报名册，覆盖 137/137 个县（市、区）",
      "名册学生 200,833 人",
      "本期已受助 99.5%（199,829 人）",
    ]);
    expect(rosterCoverageLines({ ...coverage, units: 1, counties: 1 }, en, "en")).toEqual([
      "1 unit with a roster, covering 1 of 137 counties",
      "200,833 students on the rosters",
      "Aided this period: 99.5% (199,829)",
    ]);
  });

  it("says there is no roster yet rather than a share of nothing", () => {
    const none = { ...coverage, units: 0, counties: 0, students: 0, aided: 0, aidedShare: null };
    expect(rosterCoverageLines(none, zh, "zh")).toEqual(["0 个单位已报名册，覆盖 0/137 个县（市、区）", "名册学生 0 人", "尚无名册"]);
  });
});

describe("the map of the share verified (核准比对)", () => {
  const en = (key: StringKey, values?: Record<string, string | number>) => text("en", key, values);
  const unit = (unitCode: string, verified: number, list: number): UnitComparison => ({
    unitCode,
    unitName: reportingTree.unit(unitCode)?.name ?? unitCode,
    stages: [],
    roster: verified + 12,
    list,
    verified,
    rosterOnly: 12,
    rosterOnlyExplained: 5,
    listOnly: list - verified,
    coverage: list === 0 ? null : verified / list,
  });

  it("bands the share by the percentage it shows, so 94.96 % (shown 95.0%) is in the band from 95 %", () => {
    expect([null, 0, 0.4994, 0.4996, 0.7994, 0.8, 0.9494, 0.9496, 1].map(shareBandOf)).toEqual([
      "no-list",
      "under-50",
      "under-50",
      "50-80",
      "50-80",
      "80-95",
      "80-95",
      "95-up",
      "95-up",
    ]);
    expect(formatPercent("zh", 0.9496)).toBe("95.0%");
  });

  it("counts the prefectures in each band, in the legend's order", () => {
    const prefectures = [unit(code("济南"), 960, 1000), unit(code("青岛"), 0, 10), unit(code("淄博"), 0, 0), unit(code("枣庄"), 850, 1000)];
    expect(shareBandCounts(prefectures).map(({ band, count }) => [band, count])).toEqual([
      ["no-list", 1],
      ["under-50", 1],
      ["50-80", 0],
      ["80-95", 1],
      ["95-up", 1],
    ]);
  });

  it("labels a tile with its verified count, its list, the share and the two differences, in Chinese and in English", () => {
    expect(shareTileLabel(unit(code("济南"), 1204, 1260), zh, "zh")).toBe("济南市：核准 1,204 / 名单 1,260（95.6%），名册有库无 12，库有名册无 56");
    expect(shareTileLabel(unit(code("济南"), 1204, 1260), en, "en")).toBe(
      "Jinan: 1,204 verified of 1,260 listed (95.6%); 12 on a roster only, 56 on the list only",
    );
    expect(shareTileLabel(unit(code("淄博"), 0, 0), zh, "zh")).toBe("淄博市：核准 0 / 名单 0（—），名册有库无 12，库有名册无 0");
  });
});
