import type { ApiClient, Receipt } from "../shared/api/api-client.ts";
import { idempotencyKeyOf } from "../shared/api/idempotency-key.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import { beijingTime } from "../shared/values/beijing-time.ts";

export interface SubmitOutcome {
  receipt: Receipt;
  /** True when this exact report had been stored before (a retry, a second run): no new revision was made. */
  repeated: boolean;
}

/**
 * Submits a validated report as the next revision. basedOnRevision is the server's latest
 * revision: running submit is the clerk's deliberate decision to replace it. The idempotency key
 * is derived from the content (and the revision it replaces); a retry after a lost answer finds the
 * report stored as the latest revision, which the server answers with that revision's receipt.
 */
export async function submitReport(api: ApiClient, report: ReportData, resubmissionReason?: string): Promise<SubmitOutcome> {
  const { period, unitCode } = report;
  const latest = (await api.submissions(period, unitCode)).at(-1);
  const basedOnRevision = latest?.revision ?? null;
  const key = await idempotencyKeyOf(report, resubmissionReason, basedOnRevision);
  const receipt = await api.submit(period, unitCode, { report, basedOnRevision, ...(resubmissionReason && { resubmissionReason }) }, key);
  return { receipt, repeated: basedOnRevision !== null && receipt.revision <= basedOnRevision };
}

/**
 * The receipt as `submit` prints it: whether a revision was made, then its identity (the time in
 * Beijing time, as the page shows it), and who reviews it now: the level above, from the tree.
 */
export function receiptLines(unitName: string, period: string, { receipt, repeated }: SubmitOutcome, unitCode?: string): string[] {
  const what = repeated ? "此前已报送,未产生新修订 / already submitted, no new revision" : "已报送 / submitted";
  const reviewer = unitCode === undefined ? undefined : reportingTree.unit(unitCode)?.parent;
  return [
    `${what}: ${unitName} ${period} 修订 / revision ${receipt.revision}`,
    `  submissionId ${receipt.submissionId}  submittedAt ${beijingTime(receipt.submittedAt)}  status ${receipt.status}  sha256 ${receipt.sha256}`,
    ...(reviewer && receipt.status === "submitted"
      ? [`等待${reviewer.level.nameZh}级审核(${reviewer.name}) / awaiting review by the ${reviewer.level.nameEn} (${reviewer.nameEn})`]
      : []),
  ];
}
