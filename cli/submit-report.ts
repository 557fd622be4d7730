import { problemKinds } from "../shared/api/problem-types.ts";
import { ApiError } from "../shared/api/api-client.ts";
import type { ApiClient, Receipt } from "../shared/api/api-client.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { idempotencyKeyOf } from "./idempotency-key.ts";

export interface SubmitOutcome {
  receipt: Receipt;
  /** True when this exact submission had been stored before (a retry): no new revision was made. */
  repeated: boolean;
}

/**
 * Submits a validated report as the next revision. basedOnRevision is the server's latest
 * revision: running submit is the clerk's deliberate decision to replace it. A retry reuses the
 * content-derived idempotency key; if the first attempt was stored, the server refuses the key
 * for the changed basedOnRevision (idempotency-key-reused, naming the revision), and that
 * revision — the same content — is the receipt.
 */
export async function submitReport(api: ApiClient, report: ReportData, resubmissionReason?: string): Promise<SubmitOutcome> {
  const { period, prefectureCode } = report;
  const latest = (await api.submissions(period, prefectureCode)).at(-1);
  const basedOnRevision = latest?.revision ?? null;
  const key = await idempotencyKeyOf(report, resubmissionReason);
  try {
    const receipt = await api.submit(period, prefectureCode, { report, basedOnRevision, ...(resubmissionReason && { resubmissionReason }) }, key);
    return { receipt, repeated: basedOnRevision !== null && receipt.revision <= basedOnRevision };
  } catch (error) {
    const storedRevision = error instanceof ApiError && error.problem.type === problemKinds.idempotencyKeyReused.type ? error.problem.revision : undefined;
    if (typeof storedRevision !== "number") throw error;
    const stored = (await api.submissions(period, prefectureCode)).find((summary) => summary.revision === storedRevision);
    if (!stored) throw error;
    const { submissionId, revision, submittedAt, sha256, status } = stored;
    return { receipt: { submissionId, revision, submittedAt, sha256, status }, repeated: true };
  }
}
