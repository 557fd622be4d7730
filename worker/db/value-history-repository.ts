import type { SubmissionStatus } from "./submissions-repository.ts";

// One stored value across a unit's revisions: this period's every revision and the accepted one of
// each earlier period, with who submitted it, the warnings explained on that value and the reviews
// pointing at its cell. One query; the value comes from `submission_values` (NULL where blank).

/** One value of a unit's report in a period, as submission_values keys it. */
export interface StoredValueKey {
  periodCode: string;
  unitCode: string;
  sheetCode: string;
  rowKey: string;
  fieldCode: string;
}

export interface ValueKey extends StoredValueKey {
  /** A1 that review comments name (they point at cells, not fields). */
  cell: string;
  /** How many earlier periods to reach back. */
  earlierPeriods: number;
}

export interface ValueHistoryRow {
  period_code: string;
  revision: number;
  status: SubmissionStatus;
  submitted_at: string;
  submitted_by_name: string;
  resubmission_reason: string | null;
  number_value: number | null;
  text_value: string | null;
  /** JSON: [{ ruleId, messageZh, messageEn, explanation }] */
  explanations: string;
  /** JSON: [{ action, comment, actedByName, actedAt }] */
  reviews: string;
}

export async function listValueHistory(db: D1Database, key: ValueKey): Promise<ValueHistoryRow[]> {
  const { results } = await db
    .prepare(
      `SELECT s.period_code, s.revision, s.status, s.submitted_at, t.name AS submitted_by_name, s.resubmission_reason,
         v.number_value, v.text_value,
         (SELECT json_group_array(json_object('ruleId', json_extract(e.value, '$.ruleId'), 'messageZh', json_extract(e.value, '$.messageZh'),
                   'messageEn', json_extract(e.value, '$.messageEn'), 'explanation', json_extract(e.value, '$.explanation')))
            FROM json_each(s.explanations) AS e
            WHERE json_extract(e.value, '$.sheetCode') = ?3 AND json_extract(e.value, '$.rowKey') = ?4 AND json_extract(e.value, '$.fieldCode') = ?5
         ) AS explanations,
         (SELECT json_group_array(json_object('action', r.action, 'comment', r.comment, 'actedByName', rt.name, 'actedAt', r.acted_at))
            FROM review_actions r JOIN tokens rt ON rt.id = r.acted_by
            WHERE r.submission_id = s.id AND EXISTS (SELECT 1 FROM json_each(r.cell_references) AS c
              WHERE json_extract(c.value, '$.sheetCode') = ?3 AND json_extract(c.value, '$.cell') = ?6)
         ) AS reviews
       FROM submissions s
       JOIN tokens t ON t.id = s.submitted_by
       LEFT JOIN submission_values v ON v.submission_id = s.id AND v.sheet_code = ?3 AND v.row_key = ?4 AND v.field_code = ?5
       WHERE s.unit_code = ?2 AND (
         s.period_code = ?1
         OR (s.period_code IN (SELECT DISTINCT period_code FROM submissions
                               WHERE unit_code = ?2 AND status = 'accepted' AND period_code < ?1 ORDER BY period_code DESC LIMIT ?7)
             AND s.revision = (SELECT max(revision) FROM submissions a
                               WHERE a.period_code = s.period_code AND a.unit_code = s.unit_code AND a.status = 'accepted')))
       ORDER BY s.period_code DESC, s.revision`,
    )
    .bind(key.periodCode, key.unitCode, key.sheetCode, key.rowKey, key.fieldCode, key.cell, key.earlierPeriods)
    .all<ValueHistoryRow>();
  return results;
}
