import type { PovertyListUpload, ProvinceComparison, RosterComparison, UnitComparison } from "../shared/api/roster-comparison.ts";
import { beijingTime } from "../shared/values/beijing-time.ts";

// `tianbao roster compare|list-upload` in words: counts, then students by masked ID (never a raw one).

const share = (coverage: number | null) => (coverage === null ? "—" : `${(coverage * 100).toFixed(1)}%`);

/** One unit's line: 核准, the two differences, the list and the coverage. */
export function comparisonCountsLine(unit: UnitComparison): string {
  return `${unit.unitCode} ${unit.unitName}: 名册 / roster ${unit.roster}, 名单 / list ${unit.list}, 核准 / verified ${unit.verified}, 名册有库无 / roster only ${unit.rosterOnly} (已说明 / explained ${unit.rosterOnlyExplained}), 库有名册无 / list only ${unit.listOnly}, 覆盖 / coverage ${share(unit.coverage)}`;
}

const listLine = (at: string | null) =>
  at === null ? "尚未上传扶贫部门名单,无法比对 / no poverty list uploaded yet: nothing to compare with" : `名单上传于 / list uploaded ${beijingTime(at)}`;

export function unitComparisonLines(comparison: RosterComparison): string[] {
  return [
    `${comparison.period} 比对 / comparison — ${listLine(comparison.listUploadedAt)}`,
    comparisonCountsLine(comparison),
    ...comparison.stages.map(
      (stage) => `  ${stage.stage} (${stage.countField}): 名册 / roster ${stage.roster}, 核准 / verified ${stage.verified}, 教扶01 ${stage.reported ?? "—"}`,
    ),
    ...(comparison.rosterOnlyStudents.length > 0 ? ["名册有、库无(请核实并说明)/ on a roster, not in the list (check and explain):"] : []),
    ...comparison.rosterOnlyStudents.map((student) => `  ${student.maskedId}  ${student.countyCode} ${student.stage}`),
    ...(comparison.listOnlyEntries && comparison.listOnlyEntries.length > 0
      ? ["库有、名册无(按名单行号查找)/ in the list, on no roster (find them by the list's row number):"]
      : []),
    ...(comparison.listOnlyEntries ?? []).map((entry) => `  第 ${entry.rowNumber} 行 / row ${entry.rowNumber}  ${entry.maskedId}`),
  ];
}

export function provinceComparisonLines(comparison: ProvinceComparison): string[] {
  const compared = (unit: UnitComparison) => unit.roster > 0 || unit.list > 0;
  return [
    `${comparison.period} 全省比对 / the province's comparison — ${listLine(comparison.listUploadedAt)}`,
    comparisonCountsLine(comparison.province),
    ...comparison.prefectures
      .filter(compared)
      .flatMap((prefecture) => [
        comparisonCountsLine(prefecture),
        ...comparison.counties
          .filter((county) => county.prefectureCode === prefecture.unitCode && compared(county))
          .map((county) => `  ${comparisonCountsLine(county)}`),
      ]),
  ];
}

export function listUploadLines(upload: PovertyListUpload): string[] {
  return [
    upload.dryRun
      ? `试运行,未保存 / dry run, nothing kept: ${upload.period}`
      : `已替换 ${upload.period} 的扶贫部门名单 / the period's poverty list replaced: ${upload.period} (${beijingTime(upload.uploadedAt ?? "")})`,
    `  列 / columns: ${upload.headers.id}, ${upload.headers.county}`,
    `  ${upload.rows} 行 / rows: 有效 / valid ${upload.valid}, 无效 / invalid ${upload.invalid}, 重复 / duplicates ${upload.duplicates}`,
    ...(upload.invalidRows.length > 0
      ? [`  无效行 / invalid rows: ${upload.invalidRows.join(", ")}${upload.invalid > upload.invalidRows.length ? " …" : ""}`]
      : []),
    ...upload.preview.map((row) => `  第 ${row.rowNumber} 行 / row ${row.rowNumber}  ${row.maskedId}  ${row.countyCode}`),
  ];
}
