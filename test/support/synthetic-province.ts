import { consolidate } from "../../shared/consolidate/consolidate.ts";
import type { ConsolidatedReport } from "../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "./current-form-set.ts";
import { buildUnitTree } from "../../shared/units/unit-tree.ts";
import type { UnitRecord, UnitTree } from "../../shared/units/unit-tree.ts";
import { REPORTING_LEVELS_323 } from "../../shared/units/unit-levels.ts";
import type { ConsolidationStatusRow } from "../../shared/workbook/render-consolidated.ts";
import { acceptedStatusRows } from "./consolidated-reports.ts";
import { sampleReport } from "./sample-report.ts";

/**
 * A province of any size, as a reporting tree like Shandong's: `prefectures` units below the root of
 * `countiesEach` counties, 6-digit codes (prefecture 100000 + 100·p, its counties the next 99).
 * The consolidated grid sheets then have 1 + prefectures × (1 + countiesEach) rows.
 */
export function syntheticRegions(prefectures: number, countiesEach: number): UnitTree {
  if (prefectures > 8_999 || countiesEach > 99) throw new Error("synthetic codes are 6 digits: at most 8,999 prefectures of 99 counties");
  const records: UnitRecord[] = [{ code: "370000", name: "山东省", nameEn: "Shandong", level: "province", parentCode: "" }];
  for (let p = 0; p < prefectures; p++) {
    const code = 100_000 + 100 * p;
    records.push({ code: String(code), name: `市${p + 1}`, nameEn: `Prefecture ${p + 1}`, level: "prefecture", parentCode: "370000" });
    for (let c = 0; c < countiesEach; c++)
      records.push({ code: String(code + c + 1), name: `县${p + 1}-${c + 1}`, nameEn: `County ${p + 1}-${c + 1}`, level: "county", parentCode: String(code) });
  }
  return buildUnitTree(REPORTING_LEVELS_323, records);
}

/** The consolidated report of a synthetic province, every prefecture submitted (a valid sample report each) and accepted; `missing` prefectures left out. */
export function syntheticConsolidation(
  regions: UnitTree,
  options: { missing?: readonly string[]; period?: string } = {},
): { consolidated: ConsolidatedReport; status: ConsolidationStatusRow[] } {
  const period = options.period ?? "2019";
  const missing = new Set(options.missing ?? []);
  const submitted = regions.root.children.filter((prefecture) => !missing.has(prefecture.code));
  const consolidated = consolidate(
    currentFormSet,
    regions.root,
    period,
    submitted.map((prefecture, index) => ({
      report: sampleReport(prefecture, { seed: index + 1, period }),
      provenance: { unitCode: prefecture.code, submissionId: String(index), revision: 1, status: "accepted", submittedAt: "2020-01-20T08:00:00Z" },
    })),
  );
  return { consolidated, status: acceptedStatusRows(regions, { missing }) };
}

/** A synthetic province whose consolidated grid sheets have about `rows` rows: prefectures of 99 counties (a smaller last one). */
export function syntheticProvinceOfRows(rows: number): UnitTree {
  return syntheticRegions(Math.max(1, Math.round((rows - 1) / 100)), 99);
}
