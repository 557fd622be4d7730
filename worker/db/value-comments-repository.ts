import { auditStatement } from "./audit-log.ts";

// The thread of a value (migration 0019): comments written to a cell, and the reviews whose comment
// points at it (review_actions.cell_references), read together. The reviews are not copied: they stay
// the one record of what the reviewer said, and every return ever made shows in its cells' threads.

export interface ValueCommentRecord {
  kind: "comment" | "return" | "accept";
  id: number;
  unitCode: string;
  sheetCode: string;
  cell: string;
  period: string;
  revision: number | null;
  role: "clerk" | "reviewer";
  authorName: string;
  at: string;
  text: string;
}

interface ValueCommentRow {
  kind: ValueCommentRecord["kind"];
  id: number;
  unit_code: string;
  sheet_code: string;
  cell: string;
  period_code: string;
  revision: number | null;
  role: ValueCommentRecord["role"];
  author_name: string;
  at: string;
  text: string;
}

const toRecord = (row: ValueCommentRow): ValueCommentRecord => ({
  kind: row.kind,
  id: row.id,
  unitCode: row.unit_code,
  sheetCode: row.sheet_code,
  cell: row.cell,
  period: row.period_code,
  revision: row.revision,
  role: row.role,
  authorName: row.author_name,
  at: row.at,
  text: row.text,
});

/** One cell of a unit (sheet and A1), or every cell when `cell` is undefined. */
export interface ThreadScope {
  unitCode: string;
  cell?: { sheetCode: string; cell: string };
}

/** The unit's threads (one cell's, or all), every period, oldest first: the comments and the reviews pinned to the cell. */
export async function listValueComments(db: D1Database, scope: ThreadScope): Promise<ValueCommentRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT 'comment' AS kind, c.id AS id, c.unit_code, c.sheet_code, c.cell, c.period_code, c.revision, c.role, t.name AS author_name,
              c.written_at AS at, c.text
         FROM value_comments c JOIN tokens t ON t.id = c.author
         WHERE c.unit_code = ?1 AND (?2 IS NULL OR (c.sheet_code = ?2 AND c.cell = ?3))
       UNION ALL
       SELECT r.action, r.id, s.unit_code, json_extract(ref.value, '$.sheetCode'), json_extract(ref.value, '$.cell'), s.period_code, s.revision,
              'reviewer', t.name, r.acted_at, r.comment
         FROM review_actions r
         JOIN submissions s ON s.id = r.submission_id
         JOIN tokens t ON t.id = r.acted_by
         JOIN json_each(r.cell_references) AS ref
         WHERE s.unit_code = ?1 AND r.comment IS NOT NULL AND trim(r.comment) <> ''
           AND (?2 IS NULL OR (json_extract(ref.value, '$.sheetCode') = ?2 AND json_extract(ref.value, '$.cell') = ?3))
       ORDER BY at, kind, id`,
    )
    .bind(scope.unitCode, scope.cell?.sheetCode ?? null, scope.cell?.cell ?? null)
    .all<ValueCommentRow>();
  return results.map(toRecord);
}

export interface NewValueComment {
  unitCode: string;
  sheetCode: string;
  cell: string;
  rowKey: string;
  fieldCode: string;
  periodCode: string;
  author: string;
  text: string;
  writtenAt: string;
}

/**
 * A comment and its audit row, one batch. The statement itself decides what the request cannot get
 * wrong: the role from the author's token row (the unit's own clerk, else a reviewer) and the revision
 * it answers (the unit's latest in the period at that moment).
 */
export function commentStatements(db: D1Database, comment: NewValueComment): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO value_comments (unit_code, sheet_code, cell, row_key, field_code, period_code, revision, author, role, text, written_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6,
                (SELECT max(revision) FROM submissions WHERE period_code = ?6 AND unit_code = ?1),
                t.id, CASE WHEN t.role = 'clerk' AND t.unit_code = ?1 THEN 'clerk' ELSE 'reviewer' END, ?8, ?9
           FROM tokens t WHERE t.id = ?7`,
      )
      .bind(
        comment.unitCode,
        comment.sheetCode,
        comment.cell,
        comment.rowKey,
        comment.fieldCode,
        comment.periodCode,
        comment.author,
        comment.text,
        comment.writtenAt,
      ),
    auditStatement(
      db,
      {
        tokenId: comment.author,
        action: "value-comment.write",
        target: `period:${comment.periodCode}/prefecture:${comment.unitCode}`,
        detail: { sheetCode: comment.sheetCode, cell: comment.cell, rowKey: comment.rowKey, fieldCode: comment.fieldCode },
        at: comment.writtenAt,
      },
      { onlyIfChanged: true },
    ),
  ];
}

/** One comment of the unit's, by its id. */
export async function findValueComment(db: D1Database, unitCode: string, id: number): Promise<ValueCommentRecord | null> {
  const row = await db
    .prepare(
      `SELECT 'comment' AS kind, c.id, c.unit_code, c.sheet_code, c.cell, c.period_code, c.revision, c.role, t.name AS author_name, c.written_at AS at, c.text
         FROM value_comments c JOIN tokens t ON t.id = c.author WHERE c.id = ? AND c.unit_code = ?`,
    )
    .bind(id, unitCode)
    .first<ValueCommentRow>();
  return row ? toRecord(row) : null;
}
