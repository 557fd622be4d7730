import type { z } from "zod";
import type { attachmentSchema } from "../../shared/api/attachments.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { extensionOf, maxStampedCopyBytes, stampedCopyFileName, stampedCopyTypeOf } from "../../shared/attachments/stamped-copy.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import type { Caller } from "../auth/caller.ts";
import { insertAttachmentStatement, listAttachments } from "../db/attachments-repository.ts";
import type { AttachmentRecord } from "../db/attachments-repository.ts";
import { auditStatement } from "../db/audit-log.ts";
import { findLatestRevision } from "../db/submissions-repository.ts";
import { ProblemError } from "../http/problem.ts";
import { requirePeriod } from "./require-period.ts";
import { brokenStateRule } from "../db/state-rules.ts";
import { periodLockedProblem, requireOpenFor } from "./period-lock.ts";
import { requireRevision } from "./revisions.ts";

// The signed and stamped copy of a revision (盖章件): checked, stored in R2 under the revision and
// its SHA-256, recorded in D1 with an audit row. A new copy supersedes; the old one stays readable.

export type Attachment = z.output<typeof attachmentSchema>;

export const attachmentOf = (record: AttachmentRecord): Attachment => ({
  revision: record.revision,
  sequence: record.sequence,
  sha256: record.sha256,
  sizeBytes: record.sizeBytes,
  mediaType: record.mediaType,
  // Rows stored before names were checked may end otherwise: the name offered always ends in the type's extension.
  fileName: stampedCopyFileName(record.fileName, record.mediaType),
  uploadedBy: record.uploadedBy,
  uploadedByName: record.uploadedByName,
  uploadedAt: record.uploadedAt,
});

interface Storage {
  DB: D1Database;
  ATTACHMENTS: R2Bucket;
}

/** The revision's copies, oldest first (the last is current). */
export async function revisionAttachments(db: D1Database, periodCode: string, unitCode: string, revision: number): Promise<Attachment[]> {
  await requirePeriod(db, periodCode);
  const submission = await requireRevision(db, periodCode, unitCode, revision);
  return (await listAttachments(db, submission.id)).map(attachmentOf);
}

/**
 * Attaches a stamped copy to the latest revision while it awaits review and its period is open for
 * the unit: an accepted revision stays exactly as it was checked. Every check comes before anything
 * is written: a refused file leaves nothing in R2 or D1.
 */
export async function attachStampedCopy(
  storage: Storage,
  caller: Caller,
  periodCode: string,
  prefecture: ReportingUnit,
  revision: number,
  bytes: Uint8Array,
  fileName: string | undefined,
): Promise<Attachment> {
  const { DB: db } = storage;
  const period = await requirePeriod(db, periodCode);
  const submission = await requireRevision(db, periodCode, prefecture.code, revision);
  const notAttachable = await notAttachableProblem(db, periodCode, prefecture.code, revision, submission.status);
  if (notAttachable) throw notAttachable;
  requireOpenFor(period, prefecture, "attach");
  if (bytes.byteLength === 0) {
    throw new ProblemError(problemKinds.attachmentEmpty, "上传的文件为空（0 字节） / The uploaded file is empty (0 bytes)", { field: "body" });
  }
  if (bytes.byteLength > maxStampedCopyBytes) {
    throw new ProblemError(
      problemKinds.payloadTooLarge,
      `盖章件不能超过 ${maxStampedCopyBytes} 字节 / The stamped copy must not exceed ${maxStampedCopyBytes} bytes`,
      {
        maxBytes: maxStampedCopyBytes,
      },
    );
  }
  const mediaType = stampedCopyTypeOf(bytes);
  if (!mediaType) {
    throw new ProblemError(
      problemKinds.attachmentTypeNotAllowed,
      "文件内容不是完整的 PDF、JPEG 或 PNG（按文件结构判断，与文件名无关） / The file's content is not a whole PDF, JPEG or PNG (judged by its structure, whatever its name)",
      { field: "body", allowed: ["application/pdf", "image/jpeg", "image/png"] },
    );
  }

  const sha256 = await sha256Hex(bytes);
  const objectKey = `${periodCode}/${prefecture.code}/r${revision}/${sha256}.${extensionOf(mediaType)}`;
  const uploadedAt = new Date().toISOString();
  const storedName = stampedCopyFileName(fileName?.trim() || `${periodCode}-${prefecture.code}-r${revision}`, mediaType);
  // Content-addressed: attaching the same file again writes the same object; the D1 row is what counts.
  await storage.ATTACHMENTS.put(objectKey, bytes, { sha256, httpMetadata: { contentType: mediaType } });
  const row = {
    submissionId: submission.id,
    objectKey,
    sha256,
    sizeBytes: bytes.byteLength,
    mediaType,
    fileName: storedName,
    uploadedBy: caller.tokenId,
    uploadedAt,
  };
  const statements = [
    insertAttachmentStatement(db, row),
    auditStatement(
      db,
      {
        tokenId: caller.tokenId,
        action: "attachment.create",
        target: `period:${periodCode}/prefecture:${prefecture.code}`,
        detail: { revision, sha256, sizeBytes: bytes.byteLength, mediaType, fileName: storedName },
        at: uploadedAt,
      },
      { onlyIfChanged: true },
    ),
  ];
  // Locked since it was read: the INSERT's trigger refused the copy (migration 0010).
  const [inserted] = await db.batch<{ sequence: number }>(statements).catch((error: unknown) => {
    throw brokenStateRule(error) === "period-locked" ? periodLockedProblem(period, prefecture, "attach") : error;
  });
  const sequence = inserted?.results[0]?.sequence;
  // A resubmission or a review landed between the check and the write: nothing was recorded.
  if (sequence === undefined) {
    const latest = await requireRevision(db, periodCode, prefecture.code, revision);
    throw (
      (await notAttachableProblem(db, periodCode, prefecture.code, revision, latest.status)) ?? new Error(`attachment of revision ${revision} was not recorded`)
    );
  }
  return attachmentOf({ ...row, revision, sequence, uploadedByName: caller.tokenName });
}

/** 409 when the revision is not its unit's latest, or no longer awaits review (returned, or accepted: final); null when a copy may be attached. */
async function notAttachableProblem(db: D1Database, periodCode: string, unitCode: string, revision: number, status: string): Promise<ProblemError | null> {
  const latest = await findLatestRevision(db, periodCode, unitCode);
  if (latest && latest.revision !== revision) {
    return new ProblemError(
      problemKinds.revisionNotAttachable,
      `修订 ${revision} 已被修订 ${latest.revision} 取代，盖章件应附在最新修订上 / Revision ${revision} is superseded by revision ${latest.revision}; attach the stamped copy to the latest revision`,
      { currentRevision: latest.revision },
    );
  }
  if (status === "returned") {
    return new ProblemError(
      problemKinds.revisionNotAttachable,
      `修订 ${revision} 已被退回，请修改后重报，再附新修订的盖章件 / Revision ${revision} was returned; resubmit and attach the stamped copy of the new revision`,
      { revisionStatus: status },
    );
  }
  if (status === "accepted") {
    return new ProblemError(
      problemKinds.revisionNotAttachable,
      `修订 ${revision} 已审核通过，其盖章件不能再附加或更换 / Revision ${revision} is accepted; its stamped copy can no longer be attached or replaced`,
      { revisionStatus: status },
    );
  }
  return null;
}

/** One copy's bytes, as stored. */
export async function stampedCopyFile(
  storage: Storage,
  periodCode: string,
  unitCode: string,
  revision: number,
  sequence: number,
): Promise<{ attachment: Attachment; body: ReadableStream }> {
  await requirePeriod(storage.DB, periodCode);
  const submission = await requireRevision(storage.DB, periodCode, unitCode, revision);
  const record = (await listAttachments(storage.DB, submission.id)).find((attachment) => attachment.sequence === sequence);
  if (!record) {
    throw new ProblemError(problemKinds.notFound, `修订 ${revision} 没有第 ${sequence} 份盖章件 / Revision ${revision} has no stamped copy ${sequence}`);
  }
  const object = await storage.ATTACHMENTS.get(record.objectKey);
  // A row without its object is a storage fault, not bad input.
  if (!object) throw new Error(`attachment object ${record.objectKey} is missing from R2`);
  return { attachment: attachmentOf(record), body: object.body };
}
