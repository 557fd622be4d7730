import type { UnitTree } from "../../shared/units/unit-tree.ts";
import { withCheckCharacter } from "../../shared/roster/citizen-id.ts";
import { AIDED_NO, AIDED_YES, ROSTER_RULES, ROSTER_STAGES } from "../../shared/roster/roster-definition.ts";
import type { RosterStage } from "../../shared/roster/roster-definition.ts";
import type { RosterData, RosterExplanation, RosterRow } from "../../shared/roster/roster-data.ts";
import { demoFormSet, demoReports } from "./demo-reports.ts";
import { seededRandom } from "./seeded-random.ts";

/**
 * Synthetic rosters of registered poor students, generated on demand and never stored: valid
 * check characters, birth dates that fit the stages, a few students not aided (each explained). The
 * demo's county rosters count, per county and stage, exactly the demo's 教扶01 rows, so the province's
 * rosters count the published 200,833 by stage. No number belongs to anyone: birth dates and
 * sequence numbers are drawn at random.
 */

/** Ages on 31 December of the period the generator draws from: inside each stage's usual range (R10.4). */
const TYPICAL_AGES: Record<string, [number, number]> = {
  E01_PRE: [3, 6],
  E01_CMP: [6, 15],
  E01_GHS: [15, 18],
  E01_SVE: [15, 19],
  E01_HED: [18, 23],
};
const SCHOOL_KINDS: Record<string, string[]> = {
  E01_PRE: ["中心幼儿园", "实验幼儿园", "第一幼儿园"],
  E01_CMP: ["实验小学", "第一小学", "第二小学", "第一初级中学", "第二初级中学", "实验中学"],
  E01_GHS: ["第一中学", "第二中学", "实验高级中学"],
  E01_SVE: ["职业中等专业学校", "职业教育中心"],
  E01_HED: ["山东大学", "山东师范大学", "青岛大学", "济南大学", "山东职业学院", "山东商业职业技术学院"],
};
const SURNAMES = [..."王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"];
const GIVEN = [..."子涵欣怡梓轩浩宇雨桐思远佳琪俊杰一诺嘉懿明轩若汐文博诗雨宇航晨曦"];
/** Why a registered poor student was not aided this period, as a county clerk would write it. */
const NOT_AIDED_REASONS = [
  "该生本期转学,受助手续在转入学校办理中",
  "该生家庭本期已稳定脱贫,经村、乡两级公示后申请暂停资助",
  "该生休学一学期,复学后补发资助",
  "资助资金本期末到账,已列入下期发放名单",
];
/** About one student in two hundred is not aided (应助尽助 leaves few). */
const NOT_AIDED_SHARE = 0.005;

/** 教扶01's stage counts of every county, as the demo's reports give them (summing to the published 2019 figures). */
export function demoStageCounts(regions: UnitTree, period = "2019"): Map<string, Record<string, number>> {
  const counts = new Map<string, Record<string, number>>();
  for (const report of demoReports(demoFormSet, regions, period))
    for (const row of report.sheets["教扶01"] ?? [])
      if (row.key !== report.unitCode)
        counts.set(row.key, Object.fromEntries(ROSTER_STAGES.map((stage) => [stage.countField, Number(row.values[stage.countField] ?? 0)])));
  return counts;
}

/**
 * A roster of `unitCode` whose students are registered in `countyCode`, `counts[stage.countField]`
 * of each stage; seeded, so the same arguments give the same roster.
 */
export function syntheticRoster(unitCode: string, countyCode: string, counts: Record<string, number>, period: string, seed: number): RosterData {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const periodYear = Number(period);
  const taken = new Set<string>();
  const rows: RosterRow[] = [];
  const explanations: RosterExplanation[] = [];
  const student = (stage: RosterStage) => {
    const [youngest, oldest] = TYPICAL_AGES[stage.countField] as [number, number];
    const year = periodYear - youngest - Math.floor(random() * (oldest - youngest + 1));
    const date = `${year}${String(1 + Math.floor(random() * 12)).padStart(2, "0")}${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
    let sequence = Math.floor(random() * 1000);
    while (taken.has(`${date}${sequence}`)) sequence = (sequence + 1) % 1000;
    taken.add(`${date}${sequence}`);
    const id = withCheckCharacter(`${countyCode}${date}${String(sequence).padStart(3, "0")}`);
    const aided = random() >= NOT_AIDED_SHARE;
    if (!aided) explanations.push({ ruleId: ROSTER_RULES.aided.id, rowKey: id, text: pick(NOT_AIDED_REASONS) });
    rows.push({
      position: rows.length,
      values: {
        E10_ID: id,
        E10_NAME: pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : ""),
        E10_COUNTY: countyCode,
        E10_STAGE: stage.labelZh,
        E10_SCHOOL: pick(SCHOOL_KINDS[stage.countField] as string[]),
        E10_AIDED: aided ? AIDED_YES : AIDED_NO,
      },
    });
  };
  for (const stage of ROSTER_STAGES) for (let index = 0; index < (counts[stage.countField] ?? 0); index++) student(stage);
  return { unitCode, period, rows, explanations };
}

/** The demo's 137 county rosters of the period, each consistent with its county's 教扶01 row. */
export function demoRosters(regions: UnitTree, period = "2019"): RosterData[] {
  return [...demoStageCounts(regions, period)].map(([countyCode, counts]) => syntheticRoster(countyCode, countyCode, counts, period, Number(countyCode)));
}
