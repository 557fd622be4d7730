import { formSetOf } from "../../shared/forms/form-set.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import { publishedProvince2019 } from "../../shared/forms/published-2019.ts";
import type { ReportingUnit, UnitTree } from "../../shared/units/unit-tree.ts";
import type { Explanation, ReportData, ReportRow } from "../../shared/report/report-data.ts";
import { dateToSerial } from "../../shared/values/excel-date.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { seededRandom } from "./seeded-random.ts";
import { splitWithin } from "./split-totals.ts";

/**
 * The demo's 16 prefecture reports: a plausible split of the province figures published for 2019
 * across the 137 counties that satisfies every rule, with a few warnings on purpose, each explained.
 * Deterministic, so the demo and the tests see the same numbers on every run.
 */

type Values = Record<string, number>[];

/** The edition the demo's figures are written in: the published 2019 figures are of 323/2019. */
export const demoFormSet = formSetOf("323/2019") as FormSet;

const UNIVERSITIES = [
  "山东大学",
  "中国海洋大学",
  "中国石油大学(华东)",
  "山东农业大学",
  "山东师范大学",
  "青岛大学",
  "济南大学",
  "山东科技大学",
  "山东理工大学",
  "曲阜师范大学",
  "聊城大学",
  "临沂大学",
  "鲁东大学",
  "烟台大学",
  "山东财经大学",
  "山东建筑大学",
  "齐鲁工业大学",
  "青岛科技大学",
  "青岛农业大学",
  "山东中医药大学",
  "泰山学院",
  "德州学院",
  "菏泽学院",
  "枣庄学院",
  "济宁学院",
  "潍坊学院",
  "山东交通学院",
  "山东工商学院",
  "滨州学院",
  "山东第一医科大学",
];
const universityName = (index: number) => UNIVERSITIES[index] ?? `山东第${index - UNIVERSITIES.length + 1}职业技术学院`;

/** The warnings the demo raises on purpose, with the explanation a clerk would write. */
const DEMO_EXPLANATIONS: Record<string, string> = {
  "R02.1": "该县规划总投入按原口径填报,完成投资含上级追加的改薄项目,已报市教育局备案。",
  "R09.2": "该县今年新建普通高中分校,部分毕业生转入普通高中复读,接受中职教育比例相应下降。",
};

export function demoReports(formSet: FormSet, regions: UnitTree, period = "2019"): ReportData[] {
  const published = publishedProvince2019;
  const random = seededRandom(2019);
  const counties = regions.root.children.flatMap((prefecture) => prefecture.children.map((county) => ({ prefecture, county })));
  const weights = (spread: number) => counties.map(() => 1 - spread / 2 + random() * spread);
  const population = weights(1.2);
  const poverty = weights(1.6);
  const investment = weights(1.4);
  const total = (sheetCode: string, fieldCode: string) => published[sheetCode]?.[fieldCode] ?? 0;
  const split = (sheetCode: string, fieldCode: string, by: number[], cap?: (index: number) => number) => splitWithin(total(sheetCode, fieldCode), by, cap);
  const money = (sheetCode: string, fieldCode: string, by: number[], cap?: (index: number) => number) =>
    splitWithin(Math.round(total(sheetCode, fieldCode) * 100), by, cap);
  const jitter = (base: number[]) => base.map((weight) => weight * (0.85 + random() * 0.3));
  const columns = (fields: Record<string, number[]>): Values =>
    counties.map((_, index) => Object.fromEntries(Object.entries(fields).map(([code, parts]) => [code, parts[index] as number])));
  const atMost =
    (wholes: number[], ratio = 1) =>
    (index: number) =>
      Math.floor((wholes[index] as number) * ratio);

  const e01 = Object.fromEntries(["E01_PRE", "E01_CMP", "E01_GHS", "E01_SVE", "E01_HED"].map((code) => [code, split("教扶01", code, jitter(population))]));
  const registered = counties.map((_, index) => Object.values(e01).reduce((sum, parts) => sum + (parts[index] as number), 0));

  // Done is split in proportion to plan and never above 150% of it (R02.1), so no county warns by accident.
  const e02: Record<string, number[]> = {};
  for (const pair of ["INV", "BLD", "FLD", "EQP"]) {
    const isMoney = pair === "INV" || pair === "EQP";
    const plan = isMoney ? money("教扶02", `E02_${pair}_PLAN`, jitter(investment)) : split("教扶02", `E02_${pair}_PLAN`, jitter(investment));
    const done = isMoney ? money("教扶02", `E02_${pair}_DONE`, plan, atMost(plan, 1.5)) : split("教扶02", `E02_${pair}_DONE`, plan, atMost(plan, 1.5));
    e02[`E02_${pair}_PLAN`] = isMoney ? plan.map((hundredths) => hundredths / 100) : plan;
    e02[`E02_${pair}_DONE`] = isMoney ? done.map((hundredths) => hundredths / 100) : done;
  }
  e02.E02_SCH = split("教扶02", "E02_SCH", jitter(investment));
  const kindergartensPlanned = split("教扶03", "E03_KG_PLAN", jitter(population));
  const e03 = { E03_KG_PLAN: kindergartensPlanned, E03_KG_DONE: split("教扶03", "E03_KG_DONE", kindergartensPlanned, atMost(kindergartensPlanned, 1.5)) };

  const exchanged = split("教扶04", "E04_EXCH", jitter(population));
  const e04 = {
    E04_NEW_RURAL: split("教扶04", "E04_NEW_RURAL", jitter(population)),
    E04_EXCH: exchanged,
    E04_PRIN: split("教扶04", "E04_PRIN", exchanged, atMost(exchanged)),
    ...Object.fromEntries(["E04_TRAIN_KEY", "E04_VOL", "E04_SEND", "E04_TRAINED"].map((code) => [code, split("教扶04", code, jitter(population))])),
  };

  // Full coverage: every key-village school is paired, and every paired school has a pairing agreement.
  const keySchools = split("教扶05", "E05_KEY_SCH", jitter(poverty));
  const pairsBeyondCovered = splitWithin(total("教扶05", "E05_PAIRS") - total("教扶05", "E05_COVERED"), keySchools);
  const e05 = {
    E05_KEY_SCH: keySchools,
    E05_COVERED: keySchools,
    E05_PAIRS: keySchools.map((covered, index) => covered + (pairsBeyondCovered[index] as number)),
  };

  // Every registered student aided at least once since 2016 (X07.1); the amount follows the person-times.
  const aidBeyondRegistered = splitWithin(total("教扶07", "E07_AID_PERSONS") - registered.reduce((sum, value) => sum + value, 0), jitter(population));
  const aidPersons = registered.map((value, index) => value + (aidBeyondRegistered[index] as number));
  const e07 = { E07_AID_PERSONS: aidPersons, E07_AID_AMOUNT: money("教扶07", "E07_AID_AMOUNT", aidPersons).map((hundredths) => hundredths / 100) };

  const suspected = split("教扶08", "E08_SUSPECT", jitter(poverty));
  const disabled = split("教扶08", "E08_DISABLED", jitter(population));
  const placed = split("教扶08", "E08_DIS_PLACED", disabled, atMost(disabled));
  const e08 = {
    E08_SUSPECT: suspected,
    E08_RETURNED: suspected,
    E08_DISABLED: disabled,
    E08_DIS_PLACED: placed,
    E08_HOME_TEACH: split("教扶08", "E08_HOME_TEACH", placed, atMost(placed)),
    E08_CARE_ROOMS: split("教扶08", "E08_CARE_ROOMS", keySchools, atMost(keySchools)),
  };

  const graduates = split("教扶09", "E09_RURAL_NOT_HS", jitter(population));
  const gaokao = split("教扶09", "E09_GAOKAO", jitter(poverty));
  const e09 = {
    E09_RURAL_NOT_HS: graduates,
    E09_TO_SVE: split("教扶09", "E09_TO_SVE", graduates, atMost(graduates)),
    E09_GAOKAO: gaokao,
    E09_ADMITTED: gaokao,
    ...Object.fromEntries(["E09_FREE_NORMAL", "E09_FREE_MED", "E09_FREE_AGRI"].map((code) => [code, split("教扶09", code, jitter(population))])),
  };

  const grids: Record<string, Values> = {
    教扶01: columns(e01),
    教扶02: columns(e02),
    教扶03: columns(e03),
    教扶04: columns(e04),
    教扶05: columns(e05),
    教扶07: columns(e07),
    教扶08: columns(e08),
    教扶09: columns(e09),
  };
  raiseDemoWarnings(
    grids,
    counties.map(({ prefecture }) => prefecture.code),
  );

  const lists = universityRows(regions, random);
  return regions.root.children.map((prefecture) => {
    const sheets: Record<string, ReportRow[]> = {};
    counties.forEach(({ prefecture: owner, county }, index) => {
      if (owner !== prefecture) return;
      for (const [sheetCode, values] of Object.entries(grids))
        (sheets[sheetCode] ??= []).push({ key: county.code, values: values[index] as Record<string, number> });
    });
    sheets["教扶06"] = lists.get(prefecture.code) ?? [];
    sheets["封面"] = [{ key: prefecture.code, values: coverOf(prefecture, period) }];
    const report: ReportData = { edition: formSet.edition, unitCode: prefecture.code, period, sheets, explanations: [] };
    report.explanations = explain(formSet, prefecture, report);
    return report;
  });
}

/**
 * Two warnings on purpose, in prefectures' first counties, moving figures between counties of the
 * same prefecture so that every total stays the published one.
 */
function raiseDemoWarnings(grids: Record<string, Values>, prefectureOfRow: string[]): void {
  const firstRowOf = (unitCode: string) => prefectureOfRow.indexOf(unitCode);
  // R02.1 in Jinan's first county: part of its planned investment is booked under its neighbour.
  const investment = grids["教扶02"] as Values;
  const [jinan, neighbour] = [firstRowOf("370100"), firstRowOf("370100") + 1].map((row) => investment[row] as Record<string, number>) as [
    Record<string, number>,
    Record<string, number>,
  ];
  const plan = Math.floor(((jinan.E02_INV_DONE as number) / 1.6) * 100) / 100;
  neighbour.E02_INV_PLAN = Math.round(((neighbour.E02_INV_PLAN as number) + (jinan.E02_INV_PLAN as number) - plan) * 100) / 100;
  jinan.E02_INV_PLAN = plan;
  // R09.2 in Qingdao's first county: fewer graduates into vocational school there, more in the others.
  const vocational = grids["教扶09"] as Values;
  const qingdaoRows = prefectureOfRow.flatMap((code, row) => (code === "370200" ? [row] : []));
  const first = vocational[qingdaoRows[0] as number] as Record<string, number>;
  const lowered = Math.floor((first.E09_RURAL_NOT_HS as number) * 0.85);
  let moved = (first.E09_TO_SVE as number) - lowered;
  first.E09_TO_SVE = lowered;
  for (const row of qingdaoRows.slice(1)) {
    const county = vocational[row] as Record<string, number>;
    const room = Math.min(moved, (county.E09_RURAL_NOT_HS as number) - (county.E09_TO_SVE as number));
    county.E09_TO_SVE = (county.E09_TO_SVE as number) + room;
    moved -= room;
  }
  if (moved !== 0) throw new Error("demo data: no room to move vocational students within Qingdao");
}

/** 教扶06: the published universities and townships spread over the prefectures, each township a row. */
function universityRows(regions: UnitTree, random: () => number): Map<string, ReportRow[]> {
  const published = publishedProvince2019["教扶06"] as Record<string, number>;
  const townships = published.E06_TOWN_COUNT as number;
  const universities = published.E06_UNIV_COUNT as number;
  const counties = regions.root.children.flatMap((prefecture) => prefecture.children.map((county) => ({ prefecture, county })));
  const rowWeights = Array.from({ length: townships }, () => 0.5 + random());
  const sums = Object.fromEntries(
    ["E06_PROJ", "E06_TEAM", "E06_CONSULT", "E06_TRAIN"].map((code) => [code, splitWithin(published[code] as number, rowWeights)]),
  );
  const rows = new Map<string, ReportRow[]>();
  for (let township = 0; township < townships; township++) {
    // Spread townships over the counties in a stride, so every prefecture has some and a university appears in several.
    const { prefecture, county } = counties[(township * 37) % counties.length] as { prefecture: ReportingUnit; county: { code: string; name: string } };
    const list = rows.get(prefecture.code) ?? rows.set(prefecture.code, []).get(prefecture.code)!;
    list.push({
      key: "",
      position: list.length,
      values: {
        E06_UNIV: universityName(township % universities),
        E06_COUNTY: county.code,
        E06_TOWN: `${county.name}帮扶乡镇${township + 1}`,
        ...Object.fromEntries(Object.entries(sums).map(([code, parts]) => [code, parts[township] as number])),
      },
    });
  }
  return rows;
}

function coverOf(prefecture: ReportingUnit, period: string): Record<string, string | number> {
  const areaCode = { "370100": "0531", "370200": "0532" }[prefecture.code] ?? "0535";
  return {
    C_HEAD: `${prefecture.name}教育局负责人`,
    C_STAT_HEAD: `${prefecture.name}统计科长`,
    C_FILLER: `${prefecture.name}填报员`,
    C_PHONE: `${areaCode}-8691${prefecture.code.slice(2, 6)}`,
    C_DATE: dateToSerial(Number(period) + 1, 1, 15),
  };
}

/** Explanations for the demo's warnings, attached to the issues the engine itself reports. */
function explain(formSet: FormSet, prefecture: ReportingUnit, report: ReportData): Explanation[] {
  const result = validateReport({ formSet, unit: prefecture, report });
  return result.issues
    .filter((issue) => issue.severity === "warning")
    .map((issue) => {
      const text = DEMO_EXPLANATIONS[issue.ruleId];
      if (!text) throw new Error(`demo data raises an unplanned warning: ${issue.messageZh}`);
      return { ruleId: issue.ruleId, sheetCode: issue.sheetCode, rowKey: issue.rowKey, fieldCode: issue.fieldCode, text };
    });
}
