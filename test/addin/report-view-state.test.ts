// The 填报 tab's state, DOM-free (addin/logic/report-view-state.ts): progress counts input cells
// only, blank cells are progress until the clerk asks to submit, the submit button says why it is
// disabled, and a receipt or a 409 refetches the latest revision once.
import { describe, expect, it } from "vitest";
import { ApiError } from "../../shared/api/api-client.ts";
import type { SubmissionSummary } from "../../shared/api/api-client.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import type { ValidationIssue } from "../../shared/validate/validate-report.ts";
import { BLANK_RULE } from "../../addin/logic/issue-list.ts";
import {
  fetchLatestForReceipt,
  initialReportViewState,
  isRepeatedReceipt,
  issueListing,
  refreshAfterConflict,
  submitControls,
  workbookProgress,
} from "../../addin/logic/report-view-state.ts";
import type { ReportViewState, ValidatedReport, WorkbookProgress } from "../../addin/logic/report-view-state.ts";
import type { SubmitterState } from "../../addin/logic/submitter.ts";

const formSet = formSetOf("323/2019") as FormSet;

const issue = (ruleId: string, severity: "error" | "warning", sheetCode: string, cell: string): ValidationIssue => ({
  ruleId,
  severity,
  sheetCode,
  sheetName: sheetCode,
  cell,
  address: `${sheetCode}!${cell}`,
  rowKey: "370102",
  fieldCode: "",
  messageZh: `${ruleId} ${cell}`,
  messageEn: `${ruleId} ${cell}`,
});

/** 教扶01 with two inputs filled (E01_TOT is a formula, C_UNIT a prefill: neither counts), one blank on 教扶03, an error and a warning on 教扶01. */
function validated(issues: ValidationIssue[]): ValidatedReport {
  const errorCount = issues.filter((candidate) => candidate.severity === "error").length;
  return {
    formSet,
    report: {
      edition: "323/2019",
      unitCode: "370100",
      period: "2019",
      sheets: {
        封面: [{ key: "370100", values: { C_UNIT: "济南市", C_HEAD: "" } }],
        教扶01: [{ key: "370102", values: { E01_PRE: 3, E01_CMP: 0, E01_GHS: null, E01_TOT: 3 } }],
      },
    },
    result: {
      issues,
      errorCount,
      warningCount: issues.length - errorCount,
      unexplainedWarnings: issues.filter((candidate) => candidate.severity === "warning"),
      canSubmit: false,
    },
  };
}

const blank = issue(BLANK_RULE, "error", "教扶03", "E7");
const error = issue("R1", "error", "教扶01", "F7");
const warning = issue("R2", "warning", "教扶01", "E7");

describe("workbookProgress", () => {
  it("counts filled input cells (0 is filled; formulas, prefills, null and empty text are not), blanks apart from errors", () => {
    expect(workbookProgress(validated([blank, error, warning]), true)).toEqual({
      filled: 2,
      total: 3,
      blanks: 1,
      errors: 1,
      unexplained: 1,
      sameAsLatest: true,
    });
  });
});

describe("issueListing", () => {
  const name = (sheetCode: string) => `«${sheetCode}»`;

  it("leaves blanks out of the list while they are progress, and gives a sheet with blanks only its line", () => {
    const listing = issueListing(validated([blank, warning, error]), false, name);
    expect(listing.listed).toEqual([warning, error]);
    expect(listing.groups.map((group) => [group.sheetName, group.issues.map((listed) => listed.ruleId)])).toEqual([
      ["教扶01", ["R1", "R2"]],
      ["«教扶03»", []],
    ]);
    expect([...listing.blanksBySheet]).toEqual([["教扶03", 1]]);
    expect([listing.errors, listing.warnings]).toEqual([1, 1]);
  });

  it("lists blanks as errors once the clerk asked to submit", () => {
    const listing = issueListing(validated([blank, warning, error]), true, name);
    expect(listing.groups.map((group) => [group.sheetCode, group.issues.map((listed) => listed.ruleId)])).toEqual([
      ["教扶01", ["R1", "R2"]],
      ["教扶03", [BLANK_RULE]],
    ]);
    expect([listing.blanksBySheet.size, listing.errors, listing.warnings]).toEqual([0, 2, 1]);
  });
});

describe("submitControls", () => {
  const ready: WorkbookProgress = { filled: 3, total: 3, blanks: 0, errors: 0, unexplained: 0, sameAsLatest: false };
  const idle: SubmitterState = { queue: [], coauthors: [], sending: false, keptIn: "saved" };
  const latest = (revision: number, status: SubmissionSummary["status"]): SubmissionSummary => ({
    submissionId: `s${revision}`,
    revision,
    submittedAt: "2020-01-10T02:00:00.000Z",
    sha256: "ab".repeat(32),
    status,
    submittedBy: "t1",
    submittedByName: "济南市填报员",
    basedOnRevision: null,
    resubmissionReason: null,
  });
  const state = (changes: Partial<ReportViewState>): ReportViewState => ({ ...initialReportViewState(), ...changes });

  it("enables 报送 for a ready report, first submission, no reason asked", () => {
    expect(submitControls(state({}), ready, idle)).toEqual({
      needsReason: false,
      busy: false,
      label: "submit",
      notice: undefined,
      queued: undefined,
      outcome: undefined,
    });
  });

  it("disables it for errors or unexplained warnings, and for blanks only once they count as errors", () => {
    expect(submitControls(state({}), { ...ready, unexplained: 1 }, idle)).toMatchObject({ busy: true, notice: { kind: "blocked" } });
    // The notice counts blanks apart from errors, as the state line does (issue 26: 432 blanks, not "433 errors").
    expect(submitControls(state({ blanksAsErrors: true }), { ...ready, blanks: 432, errors: 1 }, idle).notice).toEqual({
      kind: "blocked",
      blanks: 432,
      errors: 1,
      unexplained: 0,
    });
    expect(submitControls(state({}), { ...ready, blanks: 2 }, idle)).toMatchObject({ busy: false, notice: undefined });
    expect(submitControls(state({ blanksAsErrors: true }), { ...ready, blanks: 2 }, idle)).toMatchObject({ busy: true, notice: { kind: "blocked" } });
  });

  it("asks a reason after a review; the same figures again are nothing new, except after a return", () => {
    expect(submitControls(state({ latest: latest(2, "accepted"), sameAsLatest: true }), ready, idle)).toMatchObject({
      needsReason: true,
      busy: true,
      notice: { kind: "same", key: "sameAsLatest", revision: 2 },
    });
    expect(submitControls(state({ latest: latest(2, "returned"), sameAsLatest: true }), ready, idle)).toMatchObject({
      needsReason: true,
      busy: false,
      notice: { kind: "same", key: "sameAsReturned", revision: 2 },
    });
  });

  it("is busy while preparing, sending or while an entry waits; shows an entry as queued only after a failed send", () => {
    const entry = { idempotencyKey: "k", period: "2019", unitCode: "370100", body: {} as never, queuedAt: "2020-01-10T02:00:00.000Z", attempts: 0 };
    expect(submitControls(state({ preparing: true }), ready, idle)).toMatchObject({ busy: true, label: "submitting" });
    expect(submitControls(state({}), ready, { ...idle, sending: true })).toMatchObject({ busy: true, label: "submitting" });
    expect(submitControls(state({}), ready, { ...idle, queue: [entry] })).toMatchObject({ busy: true, label: "submit", queued: undefined });
    expect(submitControls(state({}), ready, { ...idle, queue: [{ ...entry, attempts: 2 }] }).queued?.attempts).toBe(2);
  });

  it("shows a receipt until that revision is reviewed, and a refusal", () => {
    const receipt = { submissionId: "s3", revision: 3, submittedAt: "2020-01-10T02:00:00.000Z", sha256: "cd".repeat(32), status: "submitted" as const };
    const landed: SubmitterState = { ...idle, last: { kind: "landed", receipt } };
    expect(submitControls(state({ latest: latest(3, "submitted") }), ready, landed).outcome).toBe("receipt");
    expect(submitControls(state({ latest: latest(3, "returned") }), ready, landed).outcome).toBeUndefined();
    expect(submitControls(state({}), ready, { ...idle, last: { kind: "refused", error: new ApiError(423, {}) } }).outcome).toBe("refusal");
  });
});

describe("refetching the latest revision", () => {
  it("once per receipt newer than the latest known", () => {
    const state = initialReportViewState();
    expect([fetchLatestForReceipt(state, 1), fetchLatestForReceipt(state, 1), fetchLatestForReceipt(state, 2)]).toEqual([true, false, true]);
  });

  it("once per 409", () => {
    const state = initialReportViewState();
    const conflict = new ApiError(409, { currentRevision: 4 });
    expect([refreshAfterConflict(state, conflict), refreshAfterConflict(state, conflict), refreshAfterConflict(state, new ApiError(409, {}))]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it("tells a receipt for an identical report (no newer than the revision it was based on)", () => {
    const state = initialReportViewState();
    expect(isRepeatedReceipt(state, 1)).toBe(false);
    state.basedOn = null;
    expect(isRepeatedReceipt(state, 1)).toBe(false);
    state.basedOn = 3;
    expect([isRepeatedReceipt(state, 3), isRepeatedReceipt(state, 4)]).toEqual([true, false]);
  });
});
