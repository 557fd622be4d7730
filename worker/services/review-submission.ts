import type { z } from "zod";
import type { reviewBodySchema } from "../../shared/api/submissions.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { Caller } from "../auth/caller.ts";
import { listAttachments } from "../db/attachments-repository.ts";
import { reviewStatements } from "../db/reviews-repository.ts";
import { findLatestRevision } from "../db/submissions-repository.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import { formSetOfPeriod, requirePeriod } from "./require-period.ts";
import { brokenStateRule } from "../db/state-rules.ts";
import { periodLockedProblem, requireOpenFor } from "./period-lock.ts";
import { requireRevision } from "./revisions.ts";

type ReviewBody = z.output<typeof reviewBodySchema>;

const actionZh = { accept: "通过", return: "退回" } as const;

/**
 * Accepts or returns a revision: only the latest one, only while it awaits review ('submitted'),
 * only while the period is open for the unit (423). The status change, the review row and the audit row are one batch; a concurrent review or
 * submission that gets there first makes this one a 409.
 */
export async function reviewSubmission(db: D1Database, caller: Caller, periodCode: string, prefecture: ReportingUnit, revision: number, body: ReviewBody) {
  const period = await requirePeriod(db, periodCode);
  const submission = await requireRevision(db, periodCode, prefecture.code, revision);
  const cells = body.cells ?? [];
  requireCellsOnLayout(cells, unitLayout(await formSetOfPeriod(db, period), prefecture, period.code));

  const notReviewable = async () => {
    const latest = await findLatestRevision(db, periodCode, prefecture.code);
    const reason =
      latest && latest.revision !== revision
        ? `只能审核最新修订 ${latest.revision} / Only the latest revision (${latest.revision}) can be reviewed`
        : `修订 ${revision} 的状态为 ${latest?.status}，只能审核待审（submitted）的修订 / Revision ${revision} is ${latest?.status}; only a submitted revision can be reviewed`;
    return new ProblemError(problemKinds.conflict, `不能${actionZh[body.action]}：${reason}`, {
      currentRevision: latest?.revision ?? null,
      status: latest?.status ?? null,
    });
  };
  // Attachments are append-only: once there, a copy stays, so checking before the batch is enough.
  if (body.action === "accept" && period.requireStampedCopy && (await listAttachments(db, submission.id)).length === 0) {
    throw new ProblemError(
      problemKinds.stampedCopyRequired,
      `报告期 ${periodCode} 须附盖章件才能通过：修订 ${revision} 尚未附盖章件 / Period ${periodCode} needs the stamped copy before acceptance; revision ${revision} has none`,
      { revision },
    );
  }
  requireOpenFor(period, prefecture, "review");
  const actedAt = new Date().toISOString();
  const review = { action: body.action, comment: body.comment ?? null, cells, actedBy: caller.tokenId, actedAt };
  const statements = reviewStatements(db, { ...review, submissionId: submission.id, periodCode, unitCode: prefecture.code, revision });
  const [updated] = await db.batch(statements).catch(async (error: unknown) => {
    // Locked or reviewed since it was read: the UPDATE's triggers refused it (migration 0010).
    const broken = brokenStateRule(error);
    if (broken === "period-locked") throw periodLockedProblem(period, prefecture, "review");
    if (broken === "conflict") throw await notReviewable();
    throw error;
  });
  if (!updated?.meta.changes) throw await notReviewable();
  const status = body.action === "accept" ? ("accepted" as const) : ("returned" as const);
  return { submission: { ...submission, status }, review: { ...review, actedByName: caller.tokenName } };
}

/** 400 unless every cell the comment points at is a value cell of the prefecture's workbook. */
function requireCellsOnLayout(cells: { sheetCode: string; cell: string }[], layout: ReturnType<typeof unitLayout>): void {
  const bad = cells.flatMap((reference, index) => (layout.sheet(reference.sheetCode)?.locate(reference.cell) ? [] : [{ reference, index }]));
  if (bad.length === 0) return;
  throw new ProblemError(
    problemKinds.invalidRequest,
    `以下单元格不在报表中：${bad.map(({ reference }) => `${reference.sheetCode}!${reference.cell}`).join(", ")} / These cells are not on the forms`,
    {
      errors: bad.map(({ reference, index }) => ({
        location: "body",
        field: `cells.${index}`,
        code: "unknown_cell",
        message: `未知单元格 / Unknown cell ${reference.sheetCode}!${reference.cell}`,
      })),
    },
  );
}
