import type { StampedCopyMediaType } from "../../shared/attachments/stamped-copy.ts";

// The stamped copies of revisions: one row per attached file (the bytes are in R2), append-only.

export interface AttachmentRecord {
  submissionId: number;
  revision: number;
  sequence: number;
  objectKey: string;
  sha256: string;
  sizeBytes: number;
  mediaType: StampedCopyMediaType;
  fileName: string;
  uploadedBy: string;
  uploadedByName: string;
  uploadedAt: string;
}

interface AttachmentRow {
  submission_id: number;
  revision: number;
  sequence: number;
  object_key: string;
  sha256: string;
  size_bytes: number;
  media_type: StampedCopyMediaType;
  file_name: string;
  uploaded_by: string;
  uploaded_by_name: string;
  uploaded_at: string;
}

const columns = `a.submission_id, s.revision, a.sequence, a.object_key, a.sha256, a.size_bytes, a.media_type, a.file_name, a.uploaded_by,
  t.name AS uploaded_by_name, a.uploaded_at`;
const fromAttachments = "FROM attachments a JOIN submissions s ON s.id = a.submission_id JOIN tokens t ON t.id = a.uploaded_by";

const toRecord = (row: AttachmentRow): AttachmentRecord => ({
  submissionId: row.submission_id,
  revision: row.revision,
  sequence: row.sequence,
  objectKey: row.object_key,
  sha256: row.sha256,
  sizeBytes: row.size_bytes,
  mediaType: row.media_type,
  fileName: row.file_name,
  uploadedBy: row.uploaded_by,
  uploadedByName: row.uploaded_by_name,
  uploadedAt: row.uploaded_at,
});

/** Every copy attached to a revision, oldest first. */
export async function listAttachments(db: D1Database, submissionId: number): Promise<AttachmentRecord[]> {
  const { results } = await db
    .prepare(`SELECT ${columns} ${fromAttachments} WHERE a.submission_id = ? ORDER BY a.sequence`)
    .bind(submissionId)
    .all<AttachmentRow>();
  return results.map(toRecord);
}

/** The current (newest) stamped copy of each revision of the period that has one, by submission id. */
export async function currentAttachmentsOfPeriod(db: D1Database, periodCode: string): Promise<Map<number, AttachmentRecord>> {
  const { results } = await db
    .prepare(
      `SELECT ${columns} ${fromAttachments}
       WHERE s.period_code = ? AND a.sequence = (SELECT max(sequence) FROM attachments WHERE submission_id = a.submission_id)`,
    )
    .bind(periodCode)
    .all<AttachmentRow>();
  return new Map(results.map((row) => [row.submission_id, toRecord(row)]));
}

/** A copy to record: its number and the revision's and uploader's names come from the database. */
export type NewAttachment = Omit<AttachmentRecord, "revision" | "sequence" | "uploadedByName">;

/**
 * The row of a new copy, numbered in SQL as the revision's latest + 1 and returning that number —
 * written only while the revision is still its unit's latest and awaits review (a resubmission or a
 * review that got there first makes it write nothing and return no row; migration 0010's triggers
 * refuse it in a locked period and hold the same rule for any other writer). D1 runs one batch at
 * a time, so two attaches get consecutive numbers; UNIQUE (submission_id, sequence) backs that up.
 */
export function insertAttachmentStatement(db: D1Database, attachment: NewAttachment): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO attachments (submission_id, sequence, object_key, sha256, size_bytes, media_type, file_name, uploaded_by, uploaded_at)
       SELECT ?1, (SELECT coalesce(max(sequence), 0) + 1 FROM attachments WHERE submission_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8
       FROM submissions s WHERE s.id = ?1 AND s.status = 'submitted'
         AND s.revision = (SELECT max(revision) FROM submissions WHERE period_code = s.period_code AND unit_code = s.unit_code)
       RETURNING sequence`,
    )
    .bind(
      attachment.submissionId,
      attachment.objectKey,
      attachment.sha256,
      attachment.sizeBytes,
      attachment.mediaType,
      attachment.fileName,
      attachment.uploadedBy,
      attachment.uploadedAt,
    );
}
