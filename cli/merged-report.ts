import type { MergedReport } from "../shared/api/api-client.ts";
import type { FormSet } from "../shared/forms/form-set.ts";
import { regionTable } from "../shared/regions/region-table.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { reportScopeOf } from "../shared/units/report-scope.ts";
import { unitTreeOf } from "../shared/units/unit-tree.ts";
import type { ReportingUnit } from "../shared/units/unit-tree.ts";
import { CliError } from "./cli-error.ts";

/**
 * The unit's report to submit upward: the server's merge of its children's revisions (which has no
 * cover: the unit's clerk signs it) with the unit's own cover and its own explanations (those of the
 * cover and of its 合计 rows) taken from a report of the unit — its filled workbook, the demo's report.
 */
export function mergedWithCover(formSet: FormSet, unit: ReportingUnit, merged: MergedReport, coverSource: ReportData): ReportData {
  if (coverSource.prefectureCode !== unit.code)
    throw new CliError(
      `封面工作簿是 ${coverSource.prefectureCode} 的,不是 ${unit.code} ${unit.name} 的`,
      `the cover's workbook is ${coverSource.prefectureCode}'s, not ${unit.code} ${unit.nameEn}'s`,
    );
  const coverSheets = formSet.sheets.filter((sheet) => sheet.kind === "cover");
  const coverCodes = new Set(coverSheets.map((sheet) => sheet.code));
  const sheets = { ...merged.report.sheets };
  for (const sheet of coverSheets) {
    const cover = coverSource.sheets[sheet.code]?.[0];
    const filled = cover && Object.values(cover.values).some((value) => value !== null && value !== "");
    if (!filled)
      throw new CliError(
        `封面工作簿中 ${unit.name} 的“${sheet.code}”表未填写(单位负责人、填表人等)`,
        `the cover's workbook has no ${sheet.code} (cover) of ${unit.nameEn} filled in (head of unit, filled by, …)`,
      );
    sheets[sheet.code] = [{ ...cover, key: unit.code }];
  }
  const own = (coverSource.explanations ?? []).filter((explanation) => coverCodes.has(explanation.sheetCode) || explanation.rowKey === unit.code);
  return { ...merged.report, sheets, explanations: [...(merged.report.explanations ?? []), ...own] };
}

const unitTitle = (code: string) => {
  const unit = unitTreeOf(regionTable).unit(code);
  return unit ? reportScopeOf(unit).title : code;
};

const statusZh: Record<string, string> = { submitted: "已报", accepted: "通过", returned: "退回" };

/** Which child revision each row came from, the children not accepted yet and those missing, one line each. */
export function provenanceLines(merged: MergedReport): string[] {
  return [
    ...merged.provenance.map(
      (entry) =>
        `来源 / from ${entry.unitCode} ${unitTitle(entry.unitCode)}  修订 / revision ${entry.revision}  ${statusZh[entry.status] ?? entry.status} / ${entry.status}  ${entry.submittedAt}`,
    ),
    merged.missingUnits.length === 0
      ? "下级全部纳入 / every unit below is included"
      : `未纳入(未报或已退回) / missing (not submitted or returned): ${merged.missingUnits.map((code) => `${code} ${unitTitle(code)}`).join(", ")}`,
    ...(merged.notAccepted.length === 0 ? [] : [`尚未通过审核 / not accepted yet: ${merged.notAccepted.join(", ")}`]),
  ];
}
