import type { z } from "zod";
import type { submissionDetailSchema } from "../../shared/api/submissions.ts";
import type { sinceAcceptedSchema } from "../../shared/api/since-accepted.ts";
import type { validationIssueSchema } from "../../shared/api/validation-issue.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { diffReports } from "../../shared/report/report-diff.ts";
import type { RowSource } from "../../shared/consolidate/row-sources.ts";
import type { CellChange } from "../../shared/report/report-diff.ts";
import { listReviews } from "../db/reviews-repository.ts";
import { findRevision, listRevisions as listStoredRevisions } from "../db/submissions-repository.ts";
import type { SubmissionRecord } from "../db/submissions-repository.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import { formSetOfPeriod, requirePeriod } from "./require-period.ts";
import { summaryOf } from "./submission-shapes.ts";
import { reportOfPayload } from "../db/stored-report.ts";

// Reading stored revisions: one in full, or two compared cell by cell.

/** A unit's revisions, as stored: the list needs no check beyond the route's. */
export { listRevisions } from "../db/submissions-repository.ts";

type StoredRevision = SubmissionRecord & { payload: string; explanations: string; sources: string | null };

export async function requireRevision(db: D1Database, periodCode: string, unitCode: string, revision: number): Promise<StoredRevision> {
  const found = await findRevision(db, periodCode, unitCode, revision);
  if (!found) {
    throw new ProblemError(
      problemKinds.notFound,
      `${periodCode} 年 ${unitCode} 没有修订 ${revision} / No revision ${revision} of ${unitCode} for ${periodCode}`,
    );
  }
  return found;
}

export async function revisionDetail(db: D1Database, periodCode: string, unitCode: string, revision: number): Promise<z.output<typeof submissionDetailSchema>> {
  const stored = await requireRevision(db, periodCode, unitCode, revision);
  return {
    ...summaryOf(stored),
    report: reportOfPayload(stored.payload) as z.output<typeof submissionDetailSchema>["report"],
    warnings: JSON.parse(stored.explanations) as z.output<typeof validationIssueSchema>[],
    reviews: await listReviews(db, stored.id),
    sources: stored.sources === null ? null : (JSON.parse(stored.sources) as RowSource[]),
  };
}

/** What changed from revision `against` to `revision`, and the reason the clerk gave for `revision` (a resubmission after a return may change no figure). */
export async function revisionDiff(
  db: D1Database,
  periodCode: string,
  prefecture: ReportingUnit,
  revision: number,
  against: number,
): Promise<{ changes: CellChange[]; resubmissionReason: string | null }> {
  const period = await requirePeriod(db, periodCode);
  const [after, before] = await Promise.all([
    requireRevision(db, periodCode, prefecture.code, revision),
    requireRevision(db, periodCode, prefecture.code, against),
  ]);
  const changes = diffReports(await formSetOfPeriod(db, period), prefecture, reportOfPayload(before.payload), reportOfPayload(after.payload));
  return { changes, resubmissionReason: after.resubmissionReason };
}

type SinceAccepted = z.output<typeof sinceAcceptedSchema>;

/**
 * What changed from the unit's newest accepted revision before `revision` (same period) to `revision`,
 * each cell with this revision's warnings there and their 说明, and the reasons given for every
 * revision since: what the reviewer weighs before accepting a change to figures already accepted.
 */
export async function changesSinceAccepted(db: D1Database, periodCode: string, unit: ReportingUnit, revision: number): Promise<SinceAccepted> {
  const period = await requirePeriod(db, periodCode);
  const revisions = await listStoredRevisions(db, periodCode, unit.code);
  if (!revisions.some((stored) => stored.revision === revision))
    throw new ProblemError(
      problemKinds.notFound,
      `${periodCode} 年 ${unit.code} 没有修订 ${revision} / No revision ${revision} of ${unit.code} for ${periodCode}`,
    );
  const accepted = revisions.filter((stored) => stored.revision < revision && stored.status === "accepted").at(-1);
  if (!accepted) return { revision, accepted: null, changes: [], reasons: [] };
  const [after, before] = await Promise.all([
    requireRevision(db, periodCode, unit.code, revision),
    requireRevision(db, periodCode, unit.code, accepted.revision),
  ]);
  const warnings = JSON.parse(after.explanations) as z.output<typeof validationIssueSchema>[];
  const changes = diffReports(await formSetOfPeriod(db, period), unit, reportOfPayload(before.payload), reportOfPayload(after.payload));
  return {
    revision,
    accepted: accepted.revision,
    changes: changes.map((change) => ({
      ...change,
      explanations: warnings
        .filter((warning) => warning.sheetCode === change.sheetCode && warning.rowKey === change.rowKey && warning.fieldCode === change.fieldCode)
        .map((warning) => ({ ruleId: warning.ruleId, messageZh: warning.messageZh, messageEn: warning.messageEn, explanation: warning.explanation ?? null })),
    })),
    reasons: revisions
      .filter((stored) => stored.revision > accepted.revision && stored.revision <= revision && stored.resubmissionReason)
      .map((stored) => ({ revision: stored.revision, reason: stored.resubmissionReason as string })),
  };
}
