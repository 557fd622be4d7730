import type { Receipt } from "../../shared/api/api-client.ts";
import type { SubmissionRecord } from "../db/submissions-repository.ts";

// Stored submissions as the API shows them: the one place records become API shapes.

export const receiptOf = (submission: SubmissionRecord): Receipt => ({
  submissionId: String(submission.id),
  revision: submission.revision,
  submittedAt: submission.submittedAt,
  sha256: submission.payloadSha256,
  status: submission.status,
});

export const summaryOf = (submission: SubmissionRecord) => ({
  ...receiptOf(submission),
  submittedBy: submission.submittedBy,
  submittedByName: submission.submittedByName,
  basedOnRevision: submission.basedOnRevision,
  resubmissionReason: submission.resubmissionReason,
});
