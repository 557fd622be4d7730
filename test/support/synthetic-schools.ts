import type { ReportData } from "../../shared/report/report-data.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { REPORTING_LEVELS_323 } from "../../shared/units/unit-levels.ts";
import type { UnitLevel } from "../../shared/units/unit-levels.ts";
import { buildUnitTree } from "../../shared/units/unit-tree.ts";
import type { ReportingUnit, UnitRecord, UnitTree } from "../../shared/units/unit-tree.ts";
import { dateToSerial } from "../../shared/values/excel-date.ts";
import { seededRandom } from "../../scripts/demo/seeded-random.ts";
import { validCountyValues } from "./sample-report.ts";

// Issue 31: Shandong's tree with a level of schools below the counties, levels being data — bench
// and test data only, never imported by product code. A school reports its own row of each grid
// sheet and the cover, no list sheet (教扶06 names counties); its clerk's county reviews it, as a
// prefecture reviews its counties; the province consolidates its prefectures' revisions as before.
//
// Codes are six digits, 400000 + i (no Shandong division starts with 4): the API's unit paths
// (shared/api/common.ts) and D1's regions (migration 0001: length(code) = 6, level one of the three
// levels) take no longer code and no other level. D1's regions hold a school as level 'county' —
// the Worker reads only a region's code and parent (the fold's chain and children) — until a
// migration lets regions hold any level of the tree.

/** The school level: its own row, no list sheets. */
export const SCHOOL_LEVEL: UnitLevel = { code: "school", nameZh: "学校", nameEn: "school", report: { gridRows: "own", listSheets: false } };

/** The 323 levels with schools below the counties. */
export const SCHOOL_LEVELS: readonly UnitLevel[] = [...REPORTING_LEVELS_323, SCHOOL_LEVEL];

/** Shandong's 137 counties in the tree's order: school i belongs to county i mod 137. */
export const schoolCounties: readonly string[] = reportingTree.root.children.flatMap((prefecture) => prefecture.children.map((county) => county.code));

export const schoolCodeOf = (index: number): string => String(400_000 + index);

/** The county school `index` belongs to (school i under county i mod 137, so each county's schools are i, i + 137, …). */
export const schoolCountyOf = (index: number): string => schoolCounties[index % schoolCounties.length] as string;

/** Shandong's tree (its province, prefectures and counties as they are) with `count` schools below the counties. */
export function schoolTree(count: number): UnitTree {
  if (!Number.isInteger(count) || count < 0 || count > 200_000) throw new Error("schools: an integer 0 … 200,000 (codes 400000 … 599999)");
  const records: UnitRecord[] = reportingTree.units.map((unit) => ({
    code: unit.code,
    name: unit.name,
    nameEn: unit.nameEn,
    level: unit.level.code,
    parentCode: unit.parent?.code ?? "",
  }));
  for (let index = 0; index < count; index++)
    records.push({ code: schoolCodeOf(index), name: `学校${index + 1}`, nameEn: `School ${index + 1}`, level: "school", parentCode: schoolCountyOf(index) });
  return buildUnitTree(SCHOOL_LEVELS, records);
}

/** D1's row of a school's region: [code, name, name_en, level as D1 may hold it, parent_code]. */
export function schoolRegionRow(school: ReportingUnit): [string, string, string, string, string] {
  return [school.code, school.name, school.nameEn, "county", school.parent?.code as string];
}

export const insertRegionSql = "INSERT INTO regions (code, name, name_en, level, parent_code) VALUES (?1, ?2, ?3, ?4, ?5)";

/** A valid report of one school: its own row of each grid sheet (a county's valid figures), the cover signed. */
export function sampleSchoolReport(school: ReportingUnit, options: { seed?: number; period?: string } = {}): ReportData {
  const period = options.period ?? "2019";
  const sheets: ReportData["sheets"] = {};
  for (const [sheetCode, values] of Object.entries(validCountyValues(seededRandom(options.seed ?? 1)))) sheets[sheetCode] = [{ key: school.code, values }];
  sheets["封面"] = [
    {
      key: school.code,
      values: { C_HEAD: "王校长", C_STAT_HEAD: "李老师", C_FILLER: "张三", C_PHONE: "13800000000", C_DATE: dateToSerial(Number(period) + 1, 1, 5) },
    },
  ];
  return { edition: "323/2019", unitCode: school.code, period, sheets, explanations: [] };
}
