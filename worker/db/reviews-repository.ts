import { auditStatement } from "./audit-log.ts";

// The province's review actions on revisions (accept / return), append-only.

export interface ReviewRecord {
  action: "accept" | "return";
  comment: string | null;
  cells: { sheetCode: string; cell: string }[];
  actedBy: string;
  actedByName: string;
  actedAt: string;
}

interface ReviewRow {
  action: "accept" | "return";
  comment: string | null;
  cell_references: string;
  acted_by: string;
  acted_by_name: string;
  acted_at: string;
}

export async function listReviews(db: D1Database, submissionId: number): Promise<ReviewRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT r.action, r.comment, r.cell_references, r.acted_by, t.name AS acted_by_name, r.acted_at
       FROM review_actions r JOIN tokens t ON t.id = r.acted_by WHERE r.submission_id = ? ORDER BY r.id`,
    )
    .bind(submissionId)
    .all<ReviewRow>();
  return results.map((row) => ({
    action: row.action,
    comment: row.comment,
    cells: JSON.parse(row.cell_references) as ReviewRecord["cells"],
    actedBy: row.acted_by,
    actedByName: row.acted_by_name,
    actedAt: row.acted_at,
  }));
}

export interface NewReview {
  submissionId: number;
  periodCode: string;
  unitCode: string;
  revision: number;
  action: "accept" | "return";
  comment: string | null;
  cells: { sheetCode: string; cell: string }[];
  actedBy: string;
  actedAt: string;
}

/**
 * One review, for one batch: the status moves only while the revision is still 'submitted' and
 * still the latest (a concurrent review or a newer revision makes it change nothing); the review
 * row and the audit row are written only when the status moved. The caller checks `changes` of
 * the first statement.
 */
export function reviewStatements(db: D1Database, review: NewReview): D1PreparedStatement[] {
  const status = review.action === "accept" ? "accepted" : "returned";
  return [
    db
      .prepare(
        `UPDATE submissions SET status = ? WHERE id = ? AND status = 'submitted'
           AND revision = (SELECT max(revision) FROM submissions WHERE period_code = ? AND unit_code = ?)`,
      )
      .bind(status, review.submissionId, review.periodCode, review.unitCode),
    db
      .prepare("INSERT INTO review_actions (submission_id, action, comment, cell_references, acted_by, acted_at) SELECT ?, ?, ?, ?, ?, ? WHERE changes() > 0")
      .bind(review.submissionId, review.action, review.comment, JSON.stringify(review.cells), review.actedBy, review.actedAt),
    auditStatement(
      db,
      {
        tokenId: review.actedBy,
        action: `submission.${review.action}`,
        target: `period:${review.periodCode}/prefecture:${review.unitCode}`,
        detail: { revision: review.revision, comment: review.comment, cells: review.cells },
        at: review.actedAt,
      },
      { onlyIfChanged: true },
    ),
  ];
}
