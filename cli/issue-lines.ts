import { englishCount } from "../shared/values/english-count.ts";
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

function noteLine(note: WorkbookReadNote): string {
  return `note ${note.messageZh} / ${note.messageEn}`;
}

/** Which previous period the history rules were checked against, or that they were left to the server. */
function historyLine({ previous }: CheckedReport): string {
  return previous
    ? `history 历史规则已对照 ${previous.period} 年通过数(_prev)审核 / history rules checked against ${previous.period}'s accepted figures (_prev)`
    : "history 工作簿未带上期通过数(_prev 为空),历史规则由服务器在报送时审核 / the workbook carries no previous period's accepted figures (_prev is empty): the server checks the history rules on submit";
}

/** Every issue and note, one line each, the history line, then a summary line saying whether the report can be submitted. */
export function checkedReportLines(checked: CheckedReport): string[] {
  const { report, unitName, validation, notes } = checked;
  const unexplained = new Set(validation.unexplainedWarnings);
  const counts = `${validation.errorCount} 个错误、${validation.warningCount} 个警告(${unexplained.size} 个未说明) / ${englishCount(validation.errorCount, "error")}, ${englishCount(validation.warningCount, "warning")} (${unexplained.size} unexplained)`;
  const unit = `${unitName} ${report.period}`;
  return [
    ...validation.issues.map((issue) => issueLine(issue, !unexplained.has(issue))),
    ...notes.map(noteLine),
    historyLine(checked),
    validation.canSubmit ? `${unit} 可以报送 / can be submitted: ${counts}` : `${unit} 不能报送 / cannot be submitted: ${counts}`,
  ];
}

/** The same as JSON, for scripts. */
export function checkedReportJson({ report, validation, notes, previous }: CheckedReport) {
  return {
    edition: report.edition,
    unitCode: report.unitCode,
    period: report.period,
    /** The period whose accepted figures (_prev) the history rules were checked against; null when the workbook carries none. */
    previousPeriod: previous?.period ?? null,
    canSubmit: validation.canSubmit,
    errorCount: validation.errorCount,
    warningCount: validation.warningCount,
    unexplainedWarningCount: validation.unexplainedWarnings.length,
    issues: validation.issues.map((issue) => ({ ...issue, explained: issue.severity === "warning" && !validation.unexplainedWarnings.includes(issue) })),
    notes,
  };
}
