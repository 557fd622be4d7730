import { canonicalJson } from "../report/canonical-json.ts";
import type { ReportData } from "../report/report-data.ts";
import { sha256Hex } from "../values/sha256-hex.ts";

/**
 * The Idempotency-Key of a submit, derived from what it asks for: SHA-256 of the canonical JSON of
 * the period, the report, the resubmission reason and the revision it replaces. The same submission
 * sent again (a retry after a lost answer, a second click, the pane restarted with its queue) gives
 * the same key, so the server answers with the first receipt instead of storing a second revision.
 * The revision it replaces is part of it so that going back to an earlier revision's figures on
 * purpose is a new submission, not a replay of the earlier one.
 */
export function idempotencyKeyOf(report: ReportData, resubmissionReason: string | undefined, basedOnRevision: number | null): Promise<string> {
  return sha256Hex(canonicalJson({ period: report.period, report, resubmissionReason: resubmissionReason ?? null, basedOnRevision }));
}
