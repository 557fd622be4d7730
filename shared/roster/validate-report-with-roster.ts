import { validateReport } from "../validate/validate-report.ts";
import type { ValidationInput, ValidationResult } from "../validate/validate-report.ts";
import { rosterCountIssues } from "./roster-counts.ts";
import type { RosterCountsByCounty } from "./roster-counts-sheet.ts";

/**
 * The engine on a report, and X10.1 when the workbook carries its counties' roster counts (_roster,
 * present only in a period that requires rosters): the pane, the page and the CLI check offline what
 * the server checks again on submit, in the same words. X10.1's issues are errors: they block the submit.
 */
export function validateReportWithRoster(input: ValidationInput & { rosterCounts?: RosterCountsByCounty | undefined }): ValidationResult {
  const result = validateReport(input);
  const { rosterCounts } = input;
  if (!rosterCounts) return result;
  const issues = rosterCountIssues(input.formSet, input.unit, input.report, (county) => rosterCounts[county]);
  if (issues.length === 0) return result;
  return { ...result, issues: [...result.issues, ...issues], errorCount: result.errorCount + issues.length, canSubmit: false };
}
