import type { MergedReport } from "../shared/api/api-client.ts";
import type { FormSet } from "../shared/forms/form-set.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { unitNameOf } from "../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../shared/units/unit-tree.ts";
import type { ValidationResult } from "../shared/validate/validate-report.ts";
import { beijingTime } from "../shared/values/beijing-time.ts";
import { englishCount } from "../shared/values/english-count.ts";
import { CliError } from "./cli-error.ts";

/**
 * The unit's own report that `merge --cover-from` names must be the unit's and have its cover filled:
 * the merge has no cover of its own (the unit's clerk signs it; shared/workbook/merged-workbook.ts takes it from here).
 */
export function requireOwnCover(formSet: FormSet, unit: ReportingUnit, coverSource: ReportData): void {
  if (coverSource.unitCode !== unit.code)
    throw new CliError(
      `封面工作簿是 ${coverSource.unitCode} 的,不是 ${unit.code} ${unit.name} 的`,
      `the cover's workbook is ${coverSource.unitCode}'s, not ${unit.code} ${unit.nameEn}'s`,
    );
  for (const sheet of formSet.sheets.filter((candidate) => candidate.kind === "cover")) {
    const cover = coverSource.sheets[sheet.code]?.[0];
    if (!cover || !Object.values(cover.values).some((value) => value !== null && value !== ""))
      throw new CliError(
        `封面工作簿中 ${unit.name} 的“${sheet.code}”表未填写(单位负责人、填表人等)`,
        `the cover's workbook has no ${sheet.code} (cover) of ${unit.nameEn} filled in (head of unit, filled by, …)`,
      );
  }
}

const statusZh: Record<string, string> = { submitted: "已报", accepted: "通过", returned: "退回" };
const unitList = (codes: readonly string[]) => codes.map((code) => `${code} ${unitNameOf(code)}`).join(", ");

/** The children missing from a merge, told apart: those returned (they may resubmit) and those that never submitted. */
export function missingLines(merged: MergedReport): string[] {
  const returned = merged.missingUnits.filter((code) => merged.returnedUnits.includes(code));
  const never = merged.missingUnits.filter((code) => !merged.returnedUnits.includes(code));
  return [
    ...(returned.length === 0 ? [] : [`  已退回,未重报 / returned, not resubmitted: ${unitList(returned)}`]),
    ...(never.length === 0 ? [] : [`  从未报送 / never submitted: ${unitList(never)}`]),
  ];
}

/** Which child revision each row came from (times in Beijing time, as the page shows them), the children missing and those not accepted yet. */
export function provenanceLines(merged: MergedReport): string[] {
  return [
    ...merged.provenance.map(
      (entry) =>
        `来源 / from ${entry.unitCode} ${unitNameOf(entry.unitCode)}  修订 / revision ${entry.revision}  ${statusZh[entry.status] ?? entry.status} / ${entry.status}  ${beijingTime(entry.submittedAt)}`,
    ),
    ...(merged.missingUnits.length === 0
      ? ["下级全部纳入 / every unit below is included"]
      : [`未纳入 ${merged.missingUnits.length} 个 / missing ${merged.missingUnits.length}:`, ...missingLines(merged)]),
    ...(merged.notAccepted.length === 0 ? [] : [`尚未通过审核 / not accepted yet: ${merged.notAccepted.join(", ")}`]),
  ];
}

/** The children whose rows the unit's clerk typed in its latest revision and the rebuild kept (not blanked). */
export function keptLines(kept: readonly string[], revision: number | undefined): string[] {
  return kept.length === 0 ? [] : [`沿用本单位第 ${revision} 版所填的行 / kept the rows typed in revision ${revision}: ${unitList(kept)}`];
}

/**
 * Why a merge with children missing cannot be submitted, in a few lines rather than one per blank
 * cell: who is missing, how many other problems the report has, and how to finish.
 */
export function unfinishedMergeLines(merged: MergedReport, validation: ValidationResult, finish: { mergeCommand: string; file: string }): string[] {
  const missing = new Set(merged.missingUnits);
  const others = validation.issues.filter((issue) => !missing.has(issue.rowKey));
  const unexplained = new Set(validation.unexplainedWarnings);
  const errors = others.filter((issue) => issue.severity === "error").length;
  const warnings = others.filter((issue) => unexplained.has(issue)).length;
  return [
    `缺 ${merged.missingUnits.length} 个下级的数据,其行为空 / ${merged.missingUnits.length} units below are missing, their rows blank:`,
    ...missingLines(merged),
    ...(errors + warnings === 0
      ? []
      : [
          `  其余 ${errors} 个错误、${warnings} 个未说明的警告,用 tianbao validate ${finish.file} 查看 / ${englishCount(errors, "other error")}, ${englishCount(warnings, "unexplained warning")}: see them with tianbao validate ${finish.file}`,
        ]),
    `完成方法 / to finish: ${finish.mergeCommand} -o ${finish.file},在工作簿中填写上列下级的行(或待其报送后重新合成),再 tianbao submit ${finish.file}`,
    `  / write the workbook, type the rows of the units above (or merge again once they submit), then submit it`,
  ];
}
