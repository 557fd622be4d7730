import type { z } from "zod";
import type { submissionDetailSchema } from "../../shared/api/submissions.ts";
import type { validationIssueSchema } from "../../shared/api/validation-issue.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { diffReports } from "../../shared/report/report-diff.ts";
import type { RowSource } from "../../shared/consolidate/row-sources.ts";
import type { CellChange } from "../../shared/report/report-diff.ts";
import { listReviews } from "../db/reviews-repository.ts";
import { findRevision } from "../db/submissions-repository.ts";
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
