import type { SubmissionStatus } from "./submissions-repository.ts";

// What consolidation reads: per unit reporting to a parent (the province's prefectures, a prefecture's
// counties) the revision it includes, and that revision's values.

export type Inclusion = "latest" | "accepted";

/**
 * The revisions consolidation includes, one per unit whose parent is ?3 (a county's revisions never
 * count straight into the province's totals): the newest one that is not returned (`latest`), or the
 * newest accepted one (`accepted`). ?1 = period, ?2 = 1 for accepted only, ?3 = the parent unit.
 */
const includedRevisions = `
  SELECT s.id FROM submissions s
  WHERE s.period_code = ?1 AND (s.status = 'accepted' OR (?2 = 0 AND s.status = 'submitted'))
    AND s.prefecture_code IN (SELECT code FROM regions WHERE parent_code = ?3)
    AND s.revision = (SELECT max(x.revision) FROM submissions x
                      WHERE x.period_code = s.period_code AND x.prefecture_code = s.prefecture_code
                        AND (x.status = 'accepted' OR (?2 = 0 AND x.status = 'submitted')))`;

export interface IncludedRevision {
  id: number;
  prefecture_code: string;
  revision: number;
  status: SubmissionStatus;
  submitted_at: string;
  edition_id: string;
  /** JSON RowSource[]: the county revisions behind a prefecture's rows; null for a county's own revision. */
  sources: string | null;
}

/** The values of every included revision: the rows consolidation sums (and the bench's bare SELECT). */
export function includedValuesQuery(db: D1Database, periodCode: string, inclusion: Inclusion, parentCode: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT v.submission_id, v.sheet_code, v.row_key, v.field_code, v.number_value, v.text_value
       FROM submission_values v WHERE v.submission_id IN (${includedRevisions})`,
    )
    .bind(periodCode, inclusion === "accepted" ? 1 : 0, parentCode);
}

/** What the consolidated workbook's status sheet says of each included revision. */
export interface IncludedRevisionDetail {
  id: number;
  submitted_by_name: string;
  explanations: string;
}

/** The submitter and explanations of the revisions with these ids (those a consolidation includes). */
export async function loadRevisionDetails(db: D1Database, ids: readonly number[]): Promise<IncludedRevisionDetail[]> {
  const { results } = await db
    .prepare(
      `SELECT s.id, t.name AS submitted_by_name, s.explanations FROM submissions s JOIN tokens t ON t.id = s.submitted_by
       WHERE s.id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(ids))
    .all<IncludedRevisionDetail>();
  return results;
}

/** The included revisions' reports (canonical JSON) of the units reporting to a parent: what a prefecture's report is merged from. */
export async function loadIncludedPayloads(
  db: D1Database,
  periodCode: string,
  inclusion: Inclusion,
  parentCode: string,
): Promise<(IncludedRevision & { payload: string })[]> {
  const { results } = await db
    .prepare(
      `SELECT id, prefecture_code, revision, status, submitted_at, edition_id, sources, payload FROM submissions
       WHERE id IN (${includedRevisions}) ORDER BY prefecture_code`,
    )
    .bind(periodCode, inclusion === "accepted" ? 1 : 0, parentCode)
    .all<IncludedRevision & { payload: string }>();
  return results;
}
