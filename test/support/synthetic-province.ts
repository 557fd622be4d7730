import { consolidate } from "../../shared/consolidate/consolidate.ts";
import type { ConsolidatedReport } from "../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "./current-form-set.ts";
import type { Prefecture, RegionTable } from "../../shared/regions/region-table.ts";
import type { ConsolidationStatusRow } from "../../shared/workbook/render-consolidated.ts";
import { acceptedStatusRows } from "./consolidated-reports.ts";
import { sampleReport } from "./sample-report.ts";

/**
 * A province of any size, shaped as parseRegionTable makes one: `prefectures` top-level units of
 * `countiesEach` counties, 6-digit codes (prefecture 100000 + 100·p, its counties the next 99).
 * The consolidated grid sheets then have 1 + prefectures × (1 + countiesEach) rows.
 */
export function syntheticRegions(prefectures: number, countiesEach: number): RegionTable {
  if (prefectures > 8_999 || countiesEach > 99) throw new Error("synthetic codes are 6 digits: at most 8,999 prefectures of 99 counties");
  const table: Prefecture[] = Array.from({ length: prefectures }, (_, p) => {
    const code = 100_000 + 100 * p;
    return {
      code: String(code),
      name: `市${p + 1}`,
      nameEn: `Prefecture ${p + 1}`,
      counties: Array.from({ length: countiesEach }, (_, c) => ({
        code: String(code + c + 1),
        name: `县${p + 1}-${c + 1}`,
        nameEn: `County ${p + 1}-${c + 1}`,
      })),
    };
  });
  const byCode = new Map(table.map((prefecture) => [prefecture.code, prefecture]));
  const byCounty = new Map(table.flatMap((prefecture) => prefecture.counties.map((county) => [county.code, prefecture] as const)));
  return {
    province: { code: "370000", name: "山东省", nameEn: "Shandong" },
    prefectures: table,
    prefecture: (code) => byCode.get(code),
    prefectureOfCounty: (code) => byCounty.get(code),
  };
}

/** The consolidated report of a synthetic province, every prefecture submitted (a valid sample report each) and accepted; `missing` prefectures left out. */
export function syntheticConsolidation(
  regions: RegionTable,
  options: { missing?: readonly string[]; period?: string } = {},
): { consolidated: ConsolidatedReport; status: ConsolidationStatusRow[] } {
  const period = options.period ?? "2019";
  const missing = new Set(options.missing ?? []);
  const submitted = regions.prefectures.filter((prefecture) => !missing.has(prefecture.code));
  const consolidated = consolidate(
    currentFormSet,
    regions,
    period,
    submitted.map((prefecture, index) => ({
      report: sampleReport(prefecture, { seed: index + 1, period }),
      provenance: { unitCode: prefecture.code, submissionId: String(index), revision: 1, status: "accepted", submittedAt: "2020-01-20T08:00:00Z" },
    })),
  );
  return { consolidated, status: acceptedStatusRows(regions, { missing }) };
}

/** A synthetic province whose consolidated grid sheets have about `rows` rows: prefectures of 99 counties (a smaller last one). */
export function syntheticProvinceOfRows(rows: number): RegionTable {
  return syntheticRegions(Math.max(1, Math.round((rows - 1) / 100)), 99);
}
