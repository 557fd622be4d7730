import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import { explanationReasonLabel } from "../../shared/report/explanation-reasons.ts";
import type { ExplanationReason } from "../../shared/report/explanation-reasons.ts";
import { issueKey } from "../../shared/report/report-data.ts";
import type { CellValue, Explanation } from "../../shared/report/report-data.ts";
import type { ValidationIssue } from "../../shared/validate/validate-report.ts";

/**
 * The explanations (说明) of a report: one per warning, keyed like the warning it answers. The pane
 * writes them to the 说明 sheet, so that they travel with the workbook and the submission.
 */
export class Explanations {
  private readonly byKey = new Map<string, Explanation>();

  constructor(explanations: Explanation[] = []) {
    for (const explanation of explanations) this.byKey.set(issueKey(explanation), explanation);
  }

  get list(): Explanation[] {
    return [...this.byKey.values()];
  }

  textFor(issue: ValidationIssue): string {
    return this.byKey.get(issueKey(issue))?.text ?? "";
  }

  reasonFor(issue: ValidationIssue): ExplanationReason | undefined {
    return this.byKey.get(issueKey(issue))?.reason;
  }

  /** Sets (or, with blank text, removes) the explanation of a warning. */
  set(issue: Pick<ValidationIssue, "ruleId" | "sheetCode" | "rowKey" | "fieldCode">, text: string, reason?: ExplanationReason): void {
    const key = issueKey(issue);
    const trimmed = text.trim();
    const explanation = { ruleId: issue.ruleId, sheetCode: issue.sheetCode, rowKey: issue.rowKey, fieldCode: issue.fieldCode, text: trimmed };
    if (trimmed) this.byKey.set(key, reason ? { ...explanation, reason } : explanation);
    else this.byKey.delete(key);
  }

  /** The 说明 sheet's rows, in its column order; cell and message from the current warnings, for readers of the sheet. */
  rows(layout: WorkbookLayout, warnings: ValidationIssue[]): CellValue[][] {
    const issueByKey = new Map(warnings.map((issue) => [issueKey(issue), issue]));
    return this.list.map((explanation) => {
      const issue = issueByKey.get(issueKey(explanation));
      const { reason, ...written } = explanation;
      const cells: Record<string, CellValue> = {
        ...written,
        cell: issue?.cell ?? "",
        message: issue?.messageZh ?? "",
        reason: reason ? explanationReasonLabel(reason).zh : "",
      };
      return layout.explanations.columns.map((column) => cells[column] ?? "");
    });
  }
}
