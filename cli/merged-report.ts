import type { MergedReport } from "../shared/api/api-client.ts";
import type { FormSet } from "../shared/forms/form-set.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { unitNameOf } from "../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../shared/units/unit-tree.ts";
import type { ValidationResult } from "../shared/validate/validate-report.ts";
import { beijingTime } from "../shared/values/beijing-time.ts";
import { englishCount } from "../shared/values/english-count.ts";
import { CliError } from "./cli-error.ts";
import { rebuildOutcome } from "../shared/consolidate/merge-staleness.ts";

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

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

type Staleness = NonNullable<MergedReport["staleness"]>;

const changeWords: Record<Staleness["children"][number]["change"], string> = {
  resubmitted: "重报 / resubmitted",
  returned: "已退回,其行清空待填 / returned, its rows cleared for you to type",
  submitted: "首次报送,替换所填的行 / first submitted, replaces the rows typed",
};
const revisionWords = (revision: number | null, typed: string) => (revision === null ? typed : `第 ${revision} 版 / rev ${revision}`);

/** A 合计 figure a rebuild changes, labelled from the form set: "教扶01 在校学生数 1200 → 1250". */
function totalLine(formSet: FormSet | undefined, total: Staleness["totals"][number]): string {
  const field = formSet?.sheet(total.sheetCode)?.fields.find((candidate) => candidate.code === total.fieldCode);
  return `${total.sheetCode} ${field?.labelZh ?? total.fieldCode} ${total.before ?? "—"} → ${total.after ?? "—"}`;
}

/**
 * Whether the unit's latest revision still carries what its counties contribute now; if not, which
 * counties moved on, the 合计 figures that change (the first five) and the one command that rebuilds it.
 */
export function stalenessLines(unit: ReportingUnit, merged: MergedReport, formSet: FormSet | undefined, period: string): string[] {
  const staleness = merged.staleness;
  if (!staleness) return [`${unit.name}尚未报送,合成后报送 / ${unit.nameEn} has not submitted: merge, then submit`];
  if (staleness.children.length === 0)
    return [`${unit.name}第 ${staleness.revision} 版与下级当前修订一致 / revision ${staleness.revision} is current with the units below`];
  const shown = staleness.totals.slice(0, 5).map((total) => totalLine(formSet, total));
  const more = staleness.totals.length - shown.length;
  return [
    `${unit.name}第 ${staleness.revision} 版已过时,下级有变化 / ${unit.nameEn}'s revision ${staleness.revision} is out of date, units below moved on:`,
    ...staleness.children.map(
      (child) =>
        `  ${child.unitCode} ${unitNameOf(child.unitCode)}: ${revisionWords(child.was, "市填 / typed")} → ${revisionWords(child.now, "无 / none")}  ${changeWords[child.change]}`,
    ),
    ...(shown.length === 0 ? [] : [`  合计变化 / totals that change: ${shown.join("; ")}${more > 0 ? ` 等 ${more} 项 / and ${more} more` : ""}`]),
    `重新合成 / rebuild: tianbao merge --period ${period} --unit ${unit.code} --cover-from ${unit.code}-${period}.xlsx -o ${unit.code}-${period}.xlsx` +
      (staleness.keptUnits.length === 0
        ? ""
        : `  (沿用所填 ${staleness.keptUnits.length} 个下级的行 / keeps the rows typed for ${plural(staleness.keptUnits.length, "unit")})`),
  ];
}

/** What a rebuild did to the rows of the units below: kept as typed, replaced by their revision, or cleared for the clerk to type. */
export function rebuildLines(merged: MergedReport, kept: readonly string[], revision: number | undefined): string[] {
  const outcome = rebuildOutcome(merged.staleness?.children ?? [], kept);
  return [
    ...keptLines(outcome.kept, revision),
    ...(outcome.replaced.length === 0 ? [] : [`替换为下级的新修订 / replaced by their current revision: ${unitList(outcome.replaced)}`]),
    ...(outcome.cleared.length === 0 ? [] : [`已退回,行已清空待填 / returned, rows cleared for you to type: ${unitList(outcome.cleared)}`]),
  ];
}
