import type { Consolidated } from "../../../shared/api/api-client.ts";
import type { StringKey } from "../../logic/i18n.ts";

type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

/**
 * What the charts include, said beside them: "含 14 个市的数据；2 个市未计入（未报或已退回）；3 份未经审核". The
 * missing and unreviewed parts, and changes the queue has not folded into the totals yet, are said only when there are any.
 */
export function coverageText(
  consolidated: Pick<Consolidated, "missingPrefectures" | "notAccepted" | "freshness">,
  prefectureCount: number,
  t: Translate,
): string {
  const missing = consolidated.missingPrefectures.length;
  const notAccepted = consolidated.notAccepted.length;
  const parts = [t("coverageIncluded", { count: prefectureCount - missing })];
  if (missing > 0) parts.push(t("coverageMissing", { count: missing }));
  if (notAccepted > 0) parts.push(t("coverageNotAccepted", { count: notAccepted }));
  if (consolidated.freshness.pendingChanges > 0) parts.push(t("coveragePending", { count: consolidated.freshness.pendingChanges }));
  return parts.join(t("coverageSeparator"));
}

/** The banner over charts whose refresh failed: they stay, marked as possibly out of date since `fetchedAt`. */
export function staleText(reason: string, fetchedAt: string, t: Translate): string {
  return t("staleBanner", { reason, time: fetchedAt });
}
