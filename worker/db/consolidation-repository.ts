import type { Inclusion } from "../../shared/consolidate/inclusion.ts";
import { includedRevisionIdsOfChildrenSql } from "./included-revision.ts";
import type { SubmissionStatus } from "./submissions-repository.ts";

// What consolidation reads: per unit reporting to a parent (the province's prefectures, a prefecture's
// counties) the revision it includes (a county's revisions never count straight into the province's
// totals), and that revision's values.

export interface IncludedRevision {
  id: number;
  unit_code: string;
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
       FROM submission_values v WHERE v.submission_id IN (${includedRevisionIdsOfChildrenSql(inclusion)})`,
    )
    .bind(periodCode, parentCode);
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
      `SELECT id, unit_code, revision, status, submitted_at, edition_id, sources, payload FROM submissions
       WHERE id IN (${includedRevisionIdsOfChildrenSql(inclusion)}) ORDER BY unit_code`,
    )
    .bind(periodCode, parentCode)
    .all<IncludedRevision & { payload: string }>();
  return results;
}
