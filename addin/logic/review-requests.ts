// What the review tabs fetch, whose units they are for: the completeness of the units reporting
// here, one revision with what came before it, and the workbook of their figures.
import type { ApiClient, Completeness, Diff, SinceAccepted, SubmissionDetail } from "../../shared/api/api-client.ts";

/**
 * Whose units the view reviews: the province's 16 prefectures (with the dashboard and the
 * consolidated workbook), or a prefecture's counties (with its workbook built from theirs).
 */
export type ReviewScope = { kind: "province" } | { kind: "units"; unitCode: string };

/** The completeness of the scope's units for a period (a prefecture's counties in the province's shape). */
export async function fetchCompleteness(api: ApiClient, scope: ReviewScope, period: string): Promise<Completeness> {
  if (scope.kind === "province") return api.completeness(period);
  const units = await api.unitCompleteness(period, scope.unitCode);
  return { period, deadline: units.deadline, units: units.units };
}

/**
 * One revision under review with the cells changed since the previous one (undefined for the first),
 * the earlier revisions (for their reviews) and what changed since the last accepted one (undefined for the first).
 */
export interface RevisionUnderReview {
  submission: SubmissionDetail;
  changes: Diff["changes"] | undefined;
  earlier: SubmissionDetail[];
  sinceAccepted: SinceAccepted | undefined;
}

export async function fetchRevisionUnderReview(api: ApiClient, period: string, unitCode: string, revision: number): Promise<RevisionUnderReview> {
  const submission = await api.submission(period, unitCode, revision);
  const [changes, earlier, sinceAccepted] = await Promise.all([
    revision > 1 ? api.diff(period, unitCode, revision, revision - 1).then((diff) => diff.changes) : Promise.resolve(undefined),
    Promise.all(Array.from({ length: revision - 1 }, (_, index) => api.submission(period, unitCode, index + 1))),
    revision > 1 ? api.sinceAccepted(period, unitCode, revision) : Promise.resolve(undefined),
  ]);
  return { submission, changes, earlier, sinceAccepted };
}

/** The workbook of the scope's figures (base64): the province's consolidated workbook, or a prefecture's built from its counties'. */
export async function fetchScopeWorkbook(api: ApiClient, scope: ReviewScope, period: string): Promise<{ unitCode: string; file: string }> {
  if (scope.kind === "province") return { unitCode: "370000", file: await api.consolidatedWorkbook(period) };
  return { unitCode: scope.unitCode, file: await api.mergedWorkbook(period, scope.unitCode) };
}
