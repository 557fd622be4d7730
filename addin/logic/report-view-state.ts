// The 填报 tab's state, DOM-free: what it knows beside the workbook (the period, the latest
// revision, where a submit stands) and what it draws from that (progress, the issue list's groups,
// the submit button). addin/ui/report-view.ts keeps one of these, fetches into it and draws from it.
import type { ApiError, Period, SubmissionDetail, SubmissionSummary } from "../../shared/api/api-client.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import type { ValidationIssue, ValidationResult } from "../../shared/validate/validate-report.ts";
import { BLANK_RULE, groupIssues } from "./issue-list.ts";
import type { SheetIssues } from "./issue-list.ts";
import type { QueuedSubmit } from "./submit-queue.ts";
import type { SubmitterState } from "./submitter.ts";

/** What the 填报 tab knows beside the workbook, and where a click on 报送 stands. */
export interface ReportViewState {
  period: Period | undefined;
  latest: SubmissionSummary | undefined;
  /** The latest revision with its reviews, fetched once it has been reviewed. */
  latestDetail: SubmissionDetail | undefined;
  /** The revision of the receipt the latest summary was last fetched for (a retry that lands later refreshes it once). */
  latestFetchedFor: number;
  /** Blank cells are progress until the clerk asks to submit; from then on they are errors. */
  blanksAsErrors: boolean;
  /** The workbook's report is the latest revision's (same SHA-256 of its canonical JSON). */
  sameAsLatest: boolean;
  /** The 409 already answered by refreshing the latest revision. */
  refreshedAfter: ApiError | undefined;
  /** A click on 报送 being prepared (re-read, key): a second click meanwhile does nothing. */
  preparing: boolean;
  /** The revision the last submission was based on (to tell a receipt for an identical report from a new revision). */
  basedOn: number | null | undefined;
}

export function initialReportViewState(): ReportViewState {
  return {
    period: undefined,
    latest: undefined,
    latestDetail: undefined,
    latestFetchedFor: 0,
    blanksAsErrors: false,
    sameAsLatest: false,
    refreshedAfter: undefined,
    preparing: false,
    basedOn: undefined,
  };
}

/** What the clerk's workbook holds now (undefined: no report in this workbook). */
export interface WorkbookProgress {
  filled: number;
  total: number;
  blanks: number;
  errors: number;
  unexplained: number;
  /** The workbook holds exactly the latest revision's report. */
  sameAsLatest: boolean;
}

/** The workbook's report as the state needs it: its form set, its figures and their last validation. */
export interface ValidatedReport {
  formSet: FormSet;
  report: ReportData;
  result: ValidationResult;
}

/** How far the workbook's report is: input cells filled and blank, errors, unexplained warnings. */
export function workbookProgress({ formSet, report, result }: ValidatedReport, sameAsLatest: boolean): WorkbookProgress {
  const blanks = result.issues.filter((issue) => issue.ruleId === BLANK_RULE).length;
  let filled = 0;
  for (const sheet of formSet.sheets) {
    const inputs = sheet.fields.filter((field) => !field.formula && !field.prefill).map((field) => field.code);
    for (const row of report.sheets[sheet.code] ?? [])
      filled += inputs.filter((code) => row.values[code] !== null && row.values[code] !== undefined && row.values[code] !== "").length;
  }
  return { filled, total: filled + blanks, blanks, errors: result.errorCount - blanks, unexplained: result.unexplainedWarnings.length, sameAsLatest };
}

/** The issue list to draw: the issues listed, grouped per sheet in the form set's order, and the blank cells counted per sheet. */
export interface IssueListing {
  listed: ValidationIssue[];
  groups: SheetIssues[];
  /** Blank cells per sheet while they are progress (empty once they are errors). */
  blanksBySheet: Map<string, number>;
  errors: number;
  warnings: number;
}

/** Until the clerk asks to submit, blank cells are progress (counted per sheet), not listed issues. */
export function issueListing(report: ValidatedReport, blanksAsErrors: boolean, sheetName: (sheetCode: string) => string): IssueListing {
  const { result, formSet } = report;
  const order = formSet.sheets.map((sheet) => sheet.code);
  const listed = blanksAsErrors ? result.issues : result.issues.filter((issue) => issue.ruleId !== BLANK_RULE);
  const groups = groupIssues(listed, order);
  const blanksBySheet = new Map<string, number>();
  if (!blanksAsErrors)
    for (const issue of result.issues) if (issue.ruleId === BLANK_RULE) blanksBySheet.set(issue.sheetCode, (blanksBySheet.get(issue.sheetCode) ?? 0) + 1);
  // A sheet with blanks only still gets its line, to show its progress.
  for (const [sheetCode] of blanksBySheet) {
    if (groups.some((group) => group.sheetCode === sheetCode)) continue;
    groups.push({ sheetCode, sheetName: sheetName(sheetCode), errorCount: 0, warningCount: 0, issues: [] });
  }
  groups.sort((a, b) => order.indexOf(a.sheetCode) - order.indexOf(b.sheetCode));
  const errors = listed.filter((issue) => issue.severity === "error").length;
  return { listed, groups, blanksBySheet, errors, warnings: listed.length - errors };
}

/** What the submit area shows: the button, the reason field, one line on why it is disabled, the queue and the last outcome. */
export interface SubmitControls {
  /** A resubmission after a review: it needs a reason. */
  needsReason: boolean;
  /** The button is disabled whatever the reason field says. */
  busy: boolean;
  label: "submit" | "submitting";
  /** Why nothing is sent: the same figures as the latest revision, or errors and unexplained warnings. */
  notice:
    | { kind: "same"; key: "sameAsReturned" | "sameAsLatest"; revision: number }
    | { kind: "blocked"; blanks: number; errors: number; unexplained: number }
    | undefined;
  /** An entry waiting in the queue after a failed send. */
  queued: QueuedSubmit | undefined;
  /** A co-author's submission waiting in the workbook's queue: shown, and nothing else is sent meanwhile. */
  coauthor: QueuedSubmit | undefined;
  /** The last outcome to show: a receipt not yet reviewed, or a refusal. */
  outcome: "receipt" | "refusal" | undefined;
}

export function submitControls(state: ReportViewState, progress: WorkbookProgress, submitter: SubmitterState): SubmitControls {
  const { latest } = state;
  // Errors and unexplained warnings keep the button disabled; blank cells alone do not: asking to submit lists them as errors.
  const blocked = progress.errors > 0 || progress.unexplained > 0 || (state.blanksAsErrors && progress.blanks > 0);
  // The same figures again store nothing, except after a return: checked and found right, they go back with a reason.
  const nothingNew = state.sameAsLatest && latest?.status !== "returned";
  // One submission at a time: while one waits in the queue, another would only be a stale revision.
  const busy = blocked || state.preparing || submitter.sending || submitter.queue.length > 0 || submitter.coauthors.length > 0 || nothingNew;
  const notice: SubmitControls["notice"] =
    state.sameAsLatest && latest
      ? { kind: "same", key: latest.status === "returned" ? "sameAsReturned" : "sameAsLatest", revision: latest.revision }
      : blocked
        ? { kind: "blocked", blanks: progress.blanks, errors: progress.errors, unexplained: progress.unexplained }
        : undefined;
  const last = submitter.last;
  // A receipt is news until the province reviews that revision: then the state card says what happened to it.
  const reviewed = last?.kind === "landed" && latest !== undefined && latest.revision >= last.receipt.revision && latest.status !== "submitted";
  return {
    needsReason: latest !== undefined && latest.status !== "submitted",
    busy,
    label: submitter.sending || state.preparing ? "submitting" : "submit",
    notice,
    // An entry is saved before its first send; it counts as waiting only once a send has failed.
    queued: submitter.queue.find((entry) => entry.attempts > 0),
    coauthor: submitter.coauthors[0],
    outcome: last?.kind === "landed" && !reviewed ? "receipt" : last?.kind === "refused" ? "refusal" : undefined,
  };
}

/** A receipt for a revision newer than the latest fetched: fetch the latest once for it (true), and remember that it was. */
export function fetchLatestForReceipt(state: ReportViewState, revision: number): boolean {
  if (revision <= (state.latest?.revision ?? 0) || state.latestFetchedFor === revision) return false;
  state.latestFetchedFor = revision;
  return true;
}

/** A receipt for a revision no newer than the one the submission was based on: the server kept an identical report. */
export function isRepeatedReceipt(state: ReportViewState, revision: number): boolean {
  return state.basedOn !== undefined && state.basedOn !== null && revision <= state.basedOn;
}

/** A 409 not yet answered: refresh the latest revision once for it (true), and remember that it was. */
export function refreshAfterConflict(state: ReportViewState, error: ApiError): boolean {
  if (state.refreshedAfter === error) return false;
  state.refreshedAfter = error;
  return true;
}
