import type { ValidationIssue } from "../shared/validate/validate-report.ts";
import type { WorkbookReadNote } from "../shared/workbook/read-report.ts";
import type { CheckedReport } from "./checked-report.ts";

/** The engine's messages start with the address, which the line already shows first. */
const withoutAddress = (message: string, address: string) => (message.startsWith(`${address} `) ? message.slice(address.length + 1) : message);

/** `教扶04!E7 R04.1 error 其中:… [R04.1 …] / of whom …`, plus the explanation (说明) of a warning. */
export function issueLine(issue: ValidationIssue, explained: boolean): string {
  const message = `${withoutAddress(issue.messageZh, issue.address)} / ${withoutAddress(issue.messageEn, issue.address)}`;
  const explanation = issue.severity === "warning" ? (explained ? `  说明:${issue.explanation}` : "  (未说明 / no explanation on the 说明 sheet)") : "";
  return `${issue.address} ${issue.ruleId} ${issue.severity} ${message}${explanation}`;
}

export function noteLine(note: WorkbookReadNote): string {
  return `note ${note.messageZh} / ${note.messageEn}`;
}

/** Every issue and note, one line each, then a summary line saying whether the report can be submitted. */
export function checkedReportLines({ report, prefecture, validation, notes }: CheckedReport): string[] {
  const unexplained = new Set(validation.unexplainedWarnings);
  const counts = `${validation.errorCount} 个错误、${validation.warningCount} 个警告(${unexplained.size} 个未说明) / ${validation.errorCount} errors, ${validation.warningCount} warnings (${unexplained.size} unexplained)`;
  const unit = `${prefecture.name} ${report.period}`;
  return [
    ...validation.issues.map((issue) => issueLine(issue, !unexplained.has(issue))),
    ...notes.map(noteLine),
    validation.canSubmit ? `${unit} 可以报送 / can be submitted: ${counts}` : `${unit} 不能报送 / cannot be submitted: ${counts}`,
  ];
}

/** The same as JSON, for scripts. */
export function checkedReportJson({ report, validation, notes }: CheckedReport) {
  return {
    edition: report.edition,
    prefectureCode: report.prefectureCode,
    period: report.period,
    canSubmit: validation.canSubmit,
    errorCount: validation.errorCount,
    warningCount: validation.warningCount,
    unexplainedWarningCount: validation.unexplainedWarnings.length,
    issues: validation.issues.map((issue) => ({ ...issue, explained: issue.severity === "warning" && !validation.unexplainedWarnings.includes(issue) })),
    notes,
  };
}
