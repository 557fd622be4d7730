// Which revision of a unit counts in its parent's totals (forms-323.md, "Inclusion"): the one rule
// that the stored totals, a unit's merged report, the pull and every workbook follow. The Worker's
// SQL (worker/db/included-revision.ts) states the same rule and is tested against this function.

/** latest: the newest revision unless returned, then the newest accepted one · accepted: the newest accepted one. */
export type Inclusion = "latest" | "accepted";

export const inclusions: readonly Inclusion[] = ["latest", "accepted"];

/** A revision's review state: submitted 待审 · returned 退回 · accepted 通过. */
export type RevisionStatus = "submitted" | "returned" | "accepted";

/**
 * The revision a unit contributes, or undefined. Under `latest` its newest revision unless that one
 * is returned — then its newest accepted revision (figures a reviewer passed); under `accepted` its
 * newest accepted revision. A revision never accepted that a newer one replaced never stands in.
 */
export function includedRevision<R extends { revision: number; status: RevisionStatus }>(revisions: readonly R[], inclusion: Inclusion): R | undefined {
  let newest: R | undefined;
  let newestAccepted: R | undefined;
  for (const candidate of revisions) {
    if (!newest || candidate.revision > newest.revision) newest = candidate;
    if (candidate.status === "accepted" && (!newestAccepted || candidate.revision > newestAccepted.revision)) newestAccepted = candidate;
  }
  if (inclusion === "latest" && newest && newest.status !== "returned") return newest;
  return newestAccepted;
}
