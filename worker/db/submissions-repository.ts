import type { StoredValue } from "../../shared/report/report-values.ts";
import { auditStatement } from "./audit-log.ts";
import { insertValuesStatement } from "./submission-values-repository.ts";
import { legacyPayloadSql } from "./stored-report.ts";

// Submissions: append-only revisions of a prefecture's report for a period.

export type SubmissionStatus = "submitted" | "returned" | "accepted";

export interface SubmissionRecord {
  id: number;
  periodCode: string;
  unitCode: string;
  revision: number;
  editionId: string;
  submittedBy: string;
  submittedByName: string;
  submittedAt: string;
  payloadSha256: string;
  /** Stored before migration 0012: its SHA-256 is of the report with the unit named `prefectureCode`. */
  legacyPayload: boolean;
  status: SubmissionStatus;
  resubmissionReason: string | null;
  basedOnRevision: number | null;
}

interface SubmissionRow {
  id: number;
  period_code: string;
  unit_code: string;
  revision: number;
  edition_id: string;
  submitted_by: string;
  submitted_by_name: string;
  submitted_at: string;
  payload_sha256: string;
  legacy_payload: number;
  status: SubmissionStatus;
  resubmission_reason: string | null;
  based_on_revision: number | null;
}

const columns = `s.id, s.period_code, s.unit_code, s.revision, s.edition_id, s.submitted_by, t.name AS submitted_by_name,
  s.submitted_at, s.payload_sha256, ${legacyPayloadSql("s.payload")} AS legacy_payload, s.status, s.resubmission_reason, s.based_on_revision`;
const fromSubmissions = "FROM submissions s JOIN tokens t ON t.id = s.submitted_by";

const toRecord = (row: SubmissionRow): SubmissionRecord => ({
  id: row.id,
  periodCode: row.period_code,
  unitCode: row.unit_code,
  revision: row.revision,
  editionId: row.edition_id,
  submittedBy: row.submitted_by,
  submittedByName: row.submitted_by_name,
  submittedAt: row.submitted_at,
  payloadSha256: row.payload_sha256,
  legacyPayload: row.legacy_payload === 1,
  status: row.status,
  resubmissionReason: row.resubmission_reason,
  basedOnRevision: row.based_on_revision,
});

export async function listRevisions(db: D1Database, periodCode: string, unitCode: string): Promise<SubmissionRecord[]> {
  const { results } = await db
    .prepare(`SELECT ${columns} ${fromSubmissions} WHERE s.period_code = ? AND s.unit_code = ? ORDER BY s.revision`)
    .bind(periodCode, unitCode)
    .all<SubmissionRow>();
  return results.map(toRecord);
}

export async function findLatestRevision(db: D1Database, periodCode: string, unitCode: string): Promise<SubmissionRecord | null> {
  const row = await db
    .prepare(`SELECT ${columns} ${fromSubmissions} WHERE s.period_code = ? AND s.unit_code = ? ORDER BY s.revision DESC LIMIT 1`)
    .bind(periodCode, unitCode)
    .first<SubmissionRow>();
  return row ? toRecord(row) : null;
}

/** A revision with its stored payload (canonical JSON) and explained warnings (JSON). */
export async function findRevision(
  db: D1Database,
  periodCode: string,
  unitCode: string,
  revision: number,
): Promise<(SubmissionRecord & { payload: string; explanations: string; sources: string | null }) | null> {
  const row = await db
    .prepare(`SELECT ${columns}, s.payload, s.explanations, s.sources ${fromSubmissions} WHERE s.period_code = ? AND s.unit_code = ? AND s.revision = ?`)
    .bind(periodCode, unitCode, revision)
    .first<SubmissionRow & { payload: string; explanations: string; sources: string | null }>();
  return row ? { ...toRecord(row), payload: row.payload, explanations: row.explanations, sources: row.sources } : null;
}

/** The earlier submission a token made for a prefecture with this idempotency key, with what it was asked. */
export async function findByIdempotencyKey(db: D1Database, submittedBy: string, unitCode: string, idempotencyKey: string): Promise<SubmissionRecord | null> {
  const row = await db
    .prepare(`SELECT ${columns} ${fromSubmissions} WHERE s.submitted_by = ? AND s.unit_code = ? AND s.idempotency_key = ?`)
    .bind(submittedBy, unitCode, idempotencyKey)
    .first<SubmissionRow>();
  return row ? toRecord(row) : null;
}

/** The payload of the prefecture's newest accepted revision of a period, or null. */
export async function findLatestAcceptedPayload(db: D1Database, periodCode: string, unitCode: string): Promise<string | null> {
  return db
    .prepare("SELECT payload FROM submissions WHERE period_code = ? AND unit_code = ? AND status = 'accepted' ORDER BY revision DESC LIMIT 1")
    .bind(periodCode, unitCode)
    .first<string>("payload");
}

export interface NewSubmission {
  periodCode: string;
  unitCode: string;
  editionId: string;
  submittedBy: string;
  submittedAt: string;
  payload: string;
  payloadSha256: string;
  explanations: string;
  resubmissionReason: string | null;
  idempotencyKey: string;
  basedOnRevision: number | null;
  /** JSON: where the rows of the units reporting to this one came from (RowSource[]); null for a unit with none. */
  sources: string | null;
}

/**
 * The statements of one submit, for one `DB.batch()` (one transaction): the revision, its values
 * and the audit row. The revision number is computed here in SQL as latest + 1, and only when the
 * latest is still `basedOnRevision`; otherwise it is NULL and the NOT NULL constraint aborts the
 * batch. UNIQUE (period, prefecture, revision) backs this up. `isStaleRevisionError` spots either.
 * The values and the audit row find the new revision by its idempotency key (unique per token and prefecture).
 */
export function insertSubmissionStatements(db: D1Database, submission: NewSubmission, values: StoredValue[]): D1PreparedStatement[] {
  const insertRevision = db
    .prepare(
      `INSERT INTO submissions (period_code, unit_code, revision, edition_id, submitted_by, submitted_at, payload, payload_sha256,
         status, explanations, resubmission_reason, idempotency_key, based_on_revision, sources)
       SELECT ?1, ?2, CASE WHEN coalesce(max(revision), 0) = coalesce(?3, 0) THEN coalesce(max(revision), 0) + 1 END,
         ?4, ?5, ?6, ?7, ?8, 'submitted', ?9, ?10, ?11, ?3, ?12
       FROM submissions WHERE period_code = ?1 AND unit_code = ?2
       RETURNING id, revision`,
    )
    .bind(
      submission.periodCode,
      submission.unitCode,
      submission.basedOnRevision,
      submission.editionId,
      submission.submittedBy,
      submission.submittedAt,
      submission.payload,
      submission.payloadSha256,
      submission.explanations,
      submission.resubmissionReason,
      submission.idempotencyKey,
      submission.sources,
    );
  const lookup = { submittedBy: submission.submittedBy, unitCode: submission.unitCode, idempotencyKey: submission.idempotencyKey };
  const audit = auditStatement(db, {
    tokenId: submission.submittedBy,
    action: "submission.create",
    target: `period:${submission.periodCode}/prefecture:${submission.unitCode}`,
    detail: {
      revision: (submission.basedOnRevision ?? 0) + 1,
      sha256: submission.payloadSha256,
      basedOnRevision: submission.basedOnRevision,
      values: values.length,
      idempotencyKey: submission.idempotencyKey,
      // Who merged what: the revision each county's rows came from, or null where the prefecture typed them.
      ...(submission.sources !== null && { sources: JSON.parse(submission.sources) as unknown }),
    },
    at: submission.submittedAt,
  });
  return [insertRevision, insertValuesStatement(db, lookup, values), audit];
}

/** The batch failed because another revision was stored since the client's `basedOnRevision`. */
export function isStaleRevisionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message.includes("NOT NULL constraint failed: submissions.revision") ||
    message.includes("UNIQUE constraint failed: submissions.period_code, submissions.unit_code, submissions.revision")
  );
}

/** The batch failed because the same token stored the same idempotency key meanwhile (a concurrent retry). */
export function isIdempotencyKeyTaken(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes("UNIQUE constraint failed: submissions.submitted_by, submissions.unit_code, submissions.idempotency_key");
}

/** Each prefecture's latest revision of a period (prefectures without one are absent). */
export async function listLatestRevisions(db: D1Database, periodCode: string): Promise<SubmissionRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT ${columns} ${fromSubmissions}
       WHERE s.period_code = ?1 AND s.revision = (SELECT max(revision) FROM submissions WHERE period_code = ?1 AND unit_code = s.unit_code)
       ORDER BY s.unit_code`,
    )
    .bind(periodCode)
    .all<SubmissionRow>();
  return results.map(toRecord);
}
