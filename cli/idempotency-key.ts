import { canonicalJson } from "../shared/report/canonical-json.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { sha256Hex } from "../shared/values/sha256-hex.ts";

/**
 * The Idempotency-Key of a submit: SHA-256 of the canonical payload (period, report, reason).
 * The same workbook submitted again gives the same key, so a retry after a lost answer finds
 * the revision the first attempt stored instead of making a second one.
 */
export function idempotencyKeyOf(report: ReportData, resubmissionReason: string | undefined): Promise<string> {
  return sha256Hex(canonicalJson({ period: report.period, report, resubmissionReason: resubmissionReason ?? null }));
}
