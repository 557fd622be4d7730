import type { ApiClient, SubmissionDetail, SubmissionSummary } from "../../shared/api/api-client.ts";

/** A unit's latest revision of a period, and with it its reviews once it has been reviewed (for the state card). */
export interface LatestRevision {
  latest: SubmissionSummary | undefined;
  latestDetail: SubmissionDetail | undefined;
}

/** Fetches the latest revision of a unit's report for a period (none yet: both undefined). */
export async function fetchLatestRevision(api: ApiClient, period: string, unitCode: string): Promise<LatestRevision> {
  const latest = (await api.submissions(period, unitCode)).at(-1);
  const latestDetail = latest && latest.status !== "submitted" ? await api.submission(period, unitCode, latest.revision) : undefined;
  return { latest, latestDetail };
}
