import { describe, expect, it } from "vitest";
import { currentFormSet } from "../../support/current-form-set.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { sampleReport, withValue } from "../../support/sample-report.ts";

const jinan = reportingTree.unit("370100")!;
const valid = sampleReport(jinan, { seed: 7 });
const COUNTY = "370102"; // the first county: row 7 of every grid sheet
const value = (report: ReportData, sheetCode: string, fieldCode: string, rowKey = COUNTY) =>
  report.sheets[sheetCode]!.find((row) => row.key === rowKey)!.values[fieldCode] as number;

interface RuleCase {
  name: string;
  /** The report (and previous period) that breaks the rule. */
  failing: () => { report: ReportData; previous?: ReportData };
  /** A report close to the failing one on which the rule holds. */
  passing: () => { report: ReportData; previous?: ReportData };
  /** Every rule expected to fail on the failing report, and the cell of the first. */
  expectRules: string[];
  address: string;
  /** Fragments the Chinese message must contain. */
  says?: string[];
}

const set = (report: ReportData, sheetCode: string, fieldCode: string, newValue: number | string | null, rowKey: string | number = COUNTY) =>
  withValue(report, sheetCode, rowKey, fieldCode, newValue);

const cases: RuleCase[] = [
  {
    name: "R00.1 report date outside the period's year and the next half year",
    failing: () => ({ report: set(valid, "封面", "C_DATE", "2020-07-01", jinan.code) }),
    passing: () => ({ report: set(valid, "封面", "C_DATE", "2020-06-30", jinan.code) }),
    expectRules: ["R00.1"],
    address: "封面!C9",
    says: ["报出日期应在 2019-01-01 至 2020-06-30 之间，填的是 2020-07-01"],
  },
  {
    name: "R01.1 the total is not the sum of the stages (a workbook filled outside the add-in)",
    failing: () => ({ report: set(valid, "教扶01", "E01_TOT", 1) }),
    passing: () => {
      const stages = ["E01_PRE", "E01_CMP", "E01_GHS", "E01_SVE", "E01_HED"].reduce((sum, code) => sum + value(valid, "教扶01", code), 0);
      return { report: set(valid, "教扶01", "E01_TOT", stages) };
    },
    expectRules: ["R01.1"],
    address: "教扶01!H7",
    says: ["合计 (1) 不等于"],
  },
  {
    name: "R01.2 a stage changes by more than 50% against the previous period",
    failing: () => ({ report: valid, previous: set(valid, "教扶01", "E01_CMP", Math.floor(value(valid, "教扶01", "E01_CMP") / 3)) }),
    passing: () => ({ report: valid, previous: set(valid, "教扶01", "E01_CMP", Math.ceil(value(valid, "教扶01", "E01_CMP") / 1.5)) }),
    expectRules: ["R01.2"],
    address: "教扶01!D7",
    says: ["上期义务教育"],
  },
  {
    name: "R02.1 done exceeds 150% of plan",
    failing: () => ({ report: set(valid, "教扶02", "E02_EQP_DONE", Math.floor(value(valid, "教扶02", "E02_EQP_PLAN") * 150 + 1) / 100) }),
    passing: () => ({ report: set(valid, "教扶02", "E02_EQP_DONE", Math.floor(value(valid, "教扶02", "E02_EQP_PLAN") * 150) / 100) }),
    expectRules: ["R02.1"],
    address: "教扶02!K7",
    says: ["已完成设备购置", "大于 1.5 × 规划设备购置"],
  },
  {
    name: "R02.2 done above 0 while plan is 0",
    failing: () => ({ report: set(set(valid, "教扶02", "E02_FLD_PLAN", 0), "教扶02", "E02_FLD_DONE", 10, COUNTY) }),
    passing: () => ({ report: set(set(valid, "教扶02", "E02_FLD_PLAN", 0), "教扶02", "E02_FLD_DONE", 0, COUNTY) }),
    // 10 > 1.5 × 0 too: both warnings are true statements about the row.
    expectRules: ["R02.2", "R02.1"],
    address: "教扶02!I7",
    says: ["已建运动场面积 (10) > 0 且 规划运动场面积 (0) = 0"],
  },
  {
    name: "R02.3 a cumulative figure below the previous period's",
    failing: () => ({ report: valid, previous: set(valid, "教扶02", "E02_SCH", value(valid, "教扶02", "E02_SCH") + 1) }),
    passing: () => ({ report: valid, previous: set(valid, "教扶02", "E02_SCH", value(valid, "教扶02", "E02_SCH")) }),
    expectRules: ["R02.3"],
    address: "教扶02!L7",
  },
  {
    name: "R03.1 kindergartens done exceed 150% of plan",
    failing: () => ({ report: set(valid, "教扶03", "E03_KG_DONE", value(valid, "教扶03", "E03_KG_PLAN") * 2) }),
    passing: () => ({ report: set(valid, "教扶03", "E03_KG_DONE", Math.floor(value(valid, "教扶03", "E03_KG_PLAN") * 1.5)) }),
    expectRules: ["R03.1"],
    address: "教扶03!D7",
  },
  {
    name: "R03.2 kindergartens done while none planned",
    failing: () => ({ report: set(set(valid, "教扶03", "E03_KG_PLAN", 0), "教扶03", "E03_KG_DONE", 1) }),
    passing: () => ({ report: set(set(valid, "教扶03", "E03_KG_PLAN", 0), "教扶03", "E03_KG_DONE", 0) }),
    expectRules: ["R03.2", "R03.1"],
    address: "教扶03!D7",
  },
  {
    name: "R03.3 kindergartens below the previous period's",
    failing: () => ({ report: valid, previous: set(valid, "教扶03", "E03_KG_DONE", value(valid, "教扶03", "E03_KG_DONE") + 5) }),
    passing: () => ({ report: valid, previous: set(valid, "教扶03", "E03_KG_DONE", value(valid, "教扶03", "E03_KG_DONE") - 5) }),
    expectRules: ["R03.3"],
    address: "教扶03!D7",
  },
  {
    name: "R04.1 principals exceed exchanged teachers",
    failing: () => ({ report: set(set(valid, "教扶04", "E04_EXCH", 298), "教扶04", "E04_PRIN", 312) }),
    passing: () => ({ report: set(set(valid, "教扶04", "E04_EXCH", 298), "教扶04", "E04_PRIN", 298) }),
    expectRules: ["R04.1"],
    address: "教扶04!E7",
    says: ["其中:城镇校长到乡村学校任职、交流 (312) 大于 城镇学校向农村学校交流教师 (298)"],
  },
  {
    name: "R04.2 a teaching-staff figure below the previous period's",
    failing: () => ({ report: valid, previous: set(valid, "教扶04", "E04_TRAINED", value(valid, "教扶04", "E04_TRAINED") + 1) }),
    passing: () => ({ report: valid, previous: valid }),
    expectRules: ["R04.2"],
    address: "教扶04!I7",
  },
  {
    name: "R05.1 paired schools exceed key-village schools (R05.2 holds then)",
    failing: () => ({ report: set(set(valid, "教扶05", "E05_COVERED", value(valid, "教扶05", "E05_KEY_SCH") + 1), "教扶05", "E05_PAIRS", 999) }),
    passing: () => ({ report: set(set(valid, "教扶05", "E05_COVERED", value(valid, "教扶05", "E05_KEY_SCH")), "教扶05", "E05_PAIRS", 999) }),
    expectRules: ["R05.1"],
    address: "教扶05!D7",
  },
  {
    name: "R05.2 coverage below 100%",
    failing: () => ({ report: set(valid, "教扶05", "E05_COVERED", value(valid, "教扶05", "E05_KEY_SCH") - 1) }),
    passing: () => ({ report: valid }),
    expectRules: ["R05.2"],
    address: "教扶05!D7",
  },
  {
    name: "R05.3 fewer pairs than paired schools",
    failing: () => ({ report: set(valid, "教扶05", "E05_PAIRS", value(valid, "教扶05", "E05_COVERED") - 1) }),
    passing: () => ({ report: set(valid, "教扶05", "E05_PAIRS", value(valid, "教扶05", "E05_COVERED")) }),
    expectRules: ["R05.3"],
    address: "教扶05!E7",
  },
  {
    name: "R06.1 a county that is not this prefecture's",
    failing: () => ({ report: set(valid, "教扶06", "E06_COUNTY", "370202", 1) }),
    passing: () => ({ report: set(valid, "教扶06", "E06_COUNTY", "370112", 1) }),
    expectRules: ["R06.1"],
    address: "教扶06!B7",
    says: ["(370202) 不是本市所辖县"],
  },
  {
    name: "R06.1 two rows with the same university, county and township (after trimming and folding full-width)",
    failing: () => {
      const first = valid.sheets["教扶06"]![0]!.values;
      let report = set(valid, "教扶06", "E06_UNIV", ` ${String(first.E06_UNIV)}　`, 2);
      report = set(
        report,
        "教扶06",
        "E06_COUNTY",
        String(first.E06_COUNTY).replace(/\d/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0)),
        2,
      );
      return { report: set(report, "教扶06", "E06_TOWN", first.E06_TOWN as string, 2) };
    },
    passing: () => ({ report: set(valid, "教扶06", "E06_TOWN", "另一个乡镇", 2) }),
    expectRules: ["R06.1", "R06.1"],
    address: "教扶06!A6",
    says: ["与其他行重复"],
  },
  {
    name: "R07.1 aid per person outside 200–20000 yuan",
    failing: () => ({ report: set(set(valid, "教扶07", "E07_AID_PERSONS", 100000), "教扶07", "E07_AID_AMOUNT", 1) }),
    passing: () => ({ report: set(set(valid, "教扶07", "E07_AID_PERSONS", 100000), "教扶07", "E07_AID_AMOUNT", 2000) }),
    expectRules: ["R07.1"],
    address: "教扶07!E7",
    says: ["人均资助 (0.1) 小于 200"],
  },
  {
    name: "X07.1 fewer aid person-times than the county's registered poor population (cross-sheet)",
    failing: () => ({ report: set(set(valid, "教扶07", "E07_AID_PERSONS", 10), "教扶07", "E07_AID_AMOUNT", 1) }),
    passing: () => ({ report: set(set(valid, "教扶01", "E01_CMP", 0), "教扶07", "E07_AID_PERSONS", value(valid, "教扶07", "E07_AID_PERSONS")) }),
    expectRules: ["X07.1"],
    address: "教扶07!C7",
    says: ["教扶01 合计"],
  },
  {
    name: "R08.1 returned exceed suspected",
    failing: () => ({ report: set(valid, "教扶08", "E08_RETURNED", value(valid, "教扶08", "E08_SUSPECT") + 1) }),
    passing: () => ({ report: valid }),
    expectRules: ["R08.1"],
    address: "教扶08!D7",
  },
  {
    name: "R08.1 placed exceed disabled",
    failing: () => ({ report: set(valid, "教扶08", "E08_DIS_PLACED", value(valid, "教扶08", "E08_DISABLED") + 1) }),
    passing: () => ({ report: set(valid, "教扶08", "E08_DIS_PLACED", value(valid, "教扶08", "E08_DISABLED")) }),
    expectRules: ["R08.1"],
    address: "教扶08!F7",
  },
  {
    name: "R08.1 taught at home exceed placed",
    failing: () => ({ report: set(valid, "教扶08", "E08_HOME_TEACH", value(valid, "教扶08", "E08_DIS_PLACED") + 1) }),
    passing: () => ({ report: set(valid, "教扶08", "E08_HOME_TEACH", value(valid, "教扶08", "E08_DIS_PLACED")) }),
    expectRules: ["R08.1"],
    address: "教扶08!G7",
  },
  {
    name: "R08.2 not every suspected child returned",
    failing: () => ({ report: set(set(valid, "教扶08", "E08_SUSPECT", 5), "教扶08", "E08_RETURNED", 4) }),
    passing: () => ({ report: set(set(valid, "教扶08", "E08_SUSPECT", 5), "教扶08", "E08_RETURNED", 5) }),
    expectRules: ["R08.2"],
    address: "教扶08!D7",
  },
  {
    name: "X08.1 more care rooms than key-village schools (cross-sheet)",
    failing: () => ({ report: set(valid, "教扶08", "E08_CARE_ROOMS", value(valid, "教扶05", "E05_KEY_SCH") + 1) }),
    passing: () => ({ report: set(valid, "教扶08", "E08_CARE_ROOMS", value(valid, "教扶05", "E05_KEY_SCH")) }),
    expectRules: ["X08.1"],
    address: "教扶08!H7",
    says: ["教扶05 省扶贫工作重点村中小学校"],
  },
  {
    name: "R09.1 vocational students exceed the graduates (share then above 90%)",
    failing: () => ({ report: set(valid, "教扶09", "E09_TO_SVE", value(valid, "教扶09", "E09_RURAL_NOT_HS") + 1) }),
    passing: () => ({ report: set(valid, "教扶09", "E09_TO_SVE", value(valid, "教扶09", "E09_RURAL_NOT_HS")) }),
    expectRules: ["R09.1"],
    address: "教扶09!D7",
  },
  {
    name: "R09.1 admitted exceed gaokao candidates",
    failing: () => ({ report: set(valid, "教扶09", "E09_ADMITTED", value(valid, "教扶09", "E09_GAOKAO") + 1) }),
    passing: () => ({ report: valid }),
    expectRules: ["R09.1"],
    address: "教扶09!G7",
  },
  {
    name: "R09.2 share in vocational education below 90%",
    failing: () => ({ report: set(set(valid, "教扶09", "E09_RURAL_NOT_HS", 1000), "教扶09", "E09_TO_SVE", 899) }),
    passing: () => ({ report: set(set(valid, "教扶09", "E09_RURAL_NOT_HS", 1000), "教扶09", "E09_TO_SVE", 900) }),
    expectRules: ["R09.2"],
    address: "教扶09!E7",
    says: ["接受中职教育比例 (89.90%) 小于 90.00%"],
  },
];

const validate = ({ report, previous }: { report: ReportData; previous?: ReportData }) =>
  validateReport({ formSet: currentFormSet, unit: jinan, report, ...(previous ? { previous } : {}) });

describe("every rule of the 2019 edition", () => {
  it("finds nothing wrong with a valid report", () => {
    const result = validate({ report: valid, previous: valid });
    expect(result.issues).toEqual([]);
    expect(result.canSubmit).toBe(true);
  });

  it("covers every rule of the form set with a case", () => {
    const ruleIds = currentFormSet.sheets.flatMap((sheet) => sheet.rules.map((rule) => rule.definition.id));
    expect(new Set(cases.flatMap((testCase) => testCase.expectRules))).toEqual(new Set(ruleIds));
  });

  for (const testCase of cases) {
    describe(testCase.name, () => {
      it("fails, naming the rule, the cell and the values", () => {
        const result = validate(testCase.failing());
        expect(result.issues.map((issue) => issue.ruleId).sort()).toEqual([...testCase.expectRules].sort());
        const first = result.issues.find((issue) => issue.ruleId === testCase.expectRules[0])!;
        expect(first.address).toBe(testCase.address);
        expect(first.messageZh.startsWith(`${testCase.address} `)).toBe(true);
        expect(first.messageZh).toContain(`[${first.ruleId} `);
        expect(first.messageEn).toContain(`[${first.ruleId} `);
        for (const fragment of testCase.says ?? []) expect(first.messageZh).toContain(fragment);
        const severity = currentFormSet.sheets.flatMap((sheet) => sheet.rules).find((rule) => rule.definition.id === first.ruleId)!.definition.severity;
        expect(first.severity).toBe(severity);
        expect(result.canSubmit).toBe(false);
      });
      it("holds on the corrected values", () => {
        expect(validate(testCase.passing()).issues).toEqual([]);
      });
    });
  }
});
