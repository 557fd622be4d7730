import { describe, expect, it } from "vitest";
import { mergeChildReports } from "../../../shared/consolidate/merge-unit-reports.ts";
import { formSetOf } from "../../../shared/forms/form-set.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { unitLayout } from "../../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";
import { REPORTING_LEVELS_323 } from "../../../shared/units/unit-levels.ts";
import type { UnitLevel } from "../../../shared/units/unit-levels.ts";
import { buildUnitTree } from "../../../shared/units/unit-tree.ts";
import { parseDivisions } from "../../../shared/units/divisions.ts";
import { shandongDivisions2019Csv } from "../../../shared/units/shandong-divisions-2019.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { readReportWorkbook } from "../../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../../shared/workbook/render-template.ts";
import { sampleReport, validCountyValues } from "../../support/sample-report.ts";
import { seededRandom } from "../../../scripts/demo/seeded-random.ts";

/*
 * A level below the county, from data only: towns (made up) under 历下区. Their level reports its
 * own row on every grid sheet and no 教扶06 (whose unit column names counties); 历下区's level is
 * redefined, as data, to report one row per town plus 合计.
 */
const levels: UnitLevel[] = [
  ...REPORTING_LEVELS_323.filter((level) => level.code !== "county"),
  { code: "county", nameZh: "县(市、区)", nameEn: "county", report: { gridRows: "totalAndChildren", listSheets: true }, namedInLists: true },
  { code: "town", nameZh: "乡镇(街道)", nameEn: "town", report: { gridRows: "own", listSheets: false } },
];
const towns = [
  { code: "370102001", name: "解放路街道", nameEn: "Jiefanglu Subdistrict", level: "town", parentCode: "370102" },
  { code: "370102002", name: "千佛山街道", nameEn: "Qianfoshan Subdistrict", level: "town", parentCode: "370102" },
];
const units = buildUnitTree(levels, [...parseDivisions(shandongDivisions2019Csv), ...towns]);
const formSet = currentFormSet;
const lixia = units.unit("370102")!;
const [jiefanglu, qianfoshan] = lixia.children as [NonNullable<ReturnType<typeof units.unit>>, NonNullable<ReturnType<typeof units.unit>>];

function townReport(code: string, seed: number): ReportData {
  const values = validCountyValues(seededRandom(seed));
  const cover = sampleReport(reportingTree.unit("370100")!).sheets["封面"]![0]!;
  return {
    edition: formSet.edition,
    unitCode: code,
    period: "2019",
    sheets: {
      ...Object.fromEntries(Object.entries(values).map(([sheetCode, row]) => [sheetCode, [{ key: code, values: row }]])),
      封面: [{ ...cover, key: code }],
    },
    explanations: [],
  };
}

describe("a made-up level below the county, added as data", () => {
  it("lays out a town's workbook: its own row keyed by its code on each grid sheet, no 教扶06", () => {
    const layout = unitLayout(formSet, jiefanglu, "2019");
    expect(layout.unitName).toBe("济南市历下区解放路街道");
    expect(layout.sheets.map((sheet) => sheet.sheet.code)).toEqual(formSet.sheets.filter((sheet) => sheet.kind !== "list").map((sheet) => sheet.code));
    expect(layout.sheet("教扶03")!.rows).toEqual([{ key: "370102001", name: "解放路街道", kind: "county", outlineLevel: 0 }]);
    // 历下区 now reports 合计 and its towns.
    expect(
      unitLayout(formSet, lixia, "2019")
        .sheet("教扶01")!
        .rows.map((row) => row.key),
    ).toEqual(["370102", "370102001", "370102002"]);
  });

  it("renders, reads back and validates a town's report with the same engine and messages", () => {
    const report = townReport(jiefanglu.code, 11);
    expect(validateReport({ formSet, unit: jiefanglu, report }).issues).toEqual([]);
    report.sheets["教扶04"]![0]!.values.E04_PRIN = 9999;
    report.sheets["教扶06"] = [{ key: "", position: 0, values: { E06_UNIV: "大学", E06_COUNTY: "370102", E06_TOWN: "解放路街道" } }];
    const issues = validateReport({ formSet, unit: jiefanglu, report }).issues.map((issue) => `${issue.address} ${issue.ruleId} ${issue.messageEn}`);
    expect(issues).toEqual([
      "教扶06 T03 教扶06 this unit's report has no sheet 教扶06 [T03 form structure]",
      expect.stringMatching(/^教扶04!E6 R04\.1 教扶04!E6 of whom town principals posted to rural schools \(9999\) /),
    ]);
    const { 教扶06: _list, ...withoutList } = report.sheets;
    const read = readReportWorkbook(renderReportTemplate({ formSet, unit: jiefanglu, period: "2019", report: { ...report, sheets: withoutList } }), {
      formSetOf,
      units,
    });
    expect(read.unitCode).toBe("370102001");
    expect(read.sheets["教扶04"]!.map((row) => [row.key, row.values.E04_PRIN])).toEqual([["370102001", 9999]]);
    expect(validateReport({ formSet, unit: jiefanglu, report: read }).issues.map((issue) => issue.ruleId)).toEqual(["R04.1"]);
  });

  it("merges the towns into the county's report, 合计 computed as the workbook does", () => {
    const merged = mergeChildReports(formSet, lixia, [townReport(qianfoshan.code, 12), townReport(jiefanglu.code, 11)]);
    expect(merged.report.sheets["教扶01"]!.map((row) => row.key)).toEqual(["370102001", "370102002"]);
    expect(merged.report.sheets["教扶06"]).toEqual([]);
    const pre = merged.report.sheets["教扶01"]!.reduce((sum, row) => sum + Number(row.values.E01_PRE), 0);
    expect(merged.totals["教扶01"]!.E01_PRE).toBe(pre);
    expect(validateReport({ formSet, unit: lixia, report: merged.report }).issues.filter((issue) => issue.sheetCode !== "封面")).toEqual([]);
  });
});
