import type { ValidationIssue } from "../../shared/validate/validate-report.ts";
import { MAX_COLUMNS, parseA1 } from "../../shared/xlsx/cell-address.ts";
import type { Language } from "./i18n.ts";

/** The issues of one sheet as the pane lists them. */
export interface SheetIssues {
  sheetCode: string;
  sheetName: string;
  errorCount: number;
  warningCount: number;
  /** Errors first, then warnings; within each, in the order of the cells. */
  issues: ValidationIssue[];
}

/** Cells in reading order: "E7" before "C8" before "C10"; an issue in no one cell ("") first. */
function cellOrder(cell: string): number {
  if (!cell) return -1;
  const { row, col } = parseA1(cell);
  return row * MAX_COLUMNS + col;
}

/** Groups issues by sheet in the form set's order (sheetOrder); errors before warnings. */
export function groupIssues(issues: ValidationIssue[], sheetOrder: string[]): SheetIssues[] {
  const groups = new Map<string, SheetIssues>();
  for (const issue of issues) {
    let group = groups.get(issue.sheetCode);
    if (!group) groups.set(issue.sheetCode, (group = { sheetCode: issue.sheetCode, sheetName: issue.sheetName, errorCount: 0, warningCount: 0, issues: [] }));
    group.issues.push(issue);
    if (issue.severity === "error") group.errorCount++;
    else group.warningCount++;
  }
  const rank = (code: string) => (sheetOrder.includes(code) ? sheetOrder.indexOf(code) : sheetOrder.length);
  const sorted = [...groups.values()].sort((a, b) => rank(a.sheetCode) - rank(b.sheetCode));
  for (const group of sorted) {
    group.issues.sort((a, b) => (a.severity === b.severity ? cellOrder(a.cell) - cellOrder(b.cell) : a.severity === "error" ? -1 : 1));
  }
  return sorted;
}

export const messageOf = (issue: ValidationIssue, language: Language) => (language === "zh" ? issue.messageZh : issue.messageEn);
