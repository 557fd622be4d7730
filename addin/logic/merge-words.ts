// What a prefecture's clerk (and the province) is told of a merge, DOM-free: whether the unit's
// latest revision is out of date (GET …/merged's staleness), what a rebuild did to each county's rows,
// and after a merge which counties are in, returned or never submitted, and what to do next.
import type { MergedReport } from "../../shared/api/api-client.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import { rebuildOutcome } from "../../shared/consolidate/merge-staleness.ts";
import { unitNameOf } from "../../shared/units/reporting-tree.ts";
import type { Language, StringKey } from "./i18n.ts";

type Say = (key: StringKey, values?: Record<string, string | number>) => string;
type Staleness = NonNullable<MergedReport["staleness"]>;

const namesOf = (codes: readonly string[], language: Language) => codes.map((code) => unitNameOf(code, language)).join(language === "zh" ? "、" : ", ");

/** One county that moved on since the unit's latest revision, in a sentence. */
function childLine(t: Say, language: Language, child: Staleness["children"][number]): string {
  const unit = unitNameOf(child.unitCode, language);
  if (child.change === "resubmitted") return t("staleResubmitted", { unit, was: child.was ?? 0, now: child.now ?? 0 });
  if (child.change === "submitted") return t("staleSubmitted", { unit, now: child.now ?? 0 });
  return child.now === null ? t("staleReturnedCleared", { unit, was: child.was ?? 0 }) : t("staleReturnedOlder", { unit, was: child.was ?? 0, now: child.now });
}

/** A 合计 figure that changes, labelled from the form set: "教扶01 在校学生数：1200 → 1250". */
function totalLine(formSet: FormSet | undefined, language: Language, total: Staleness["totals"][number]): string {
  const field = formSet?.sheet(total.sheetCode)?.fields.find((candidate) => candidate.code === total.fieldCode);
  const label = field ? (language === "zh" ? field.labelZh : field.labelEn) : total.fieldCode;
  return `${total.sheetCode} ${label}${language === "zh" ? "：" : ": "}${total.before ?? "—"} → ${total.after ?? "—"}`;
}

/** The notice of an out-of-date report: its heading, one line per county, the 合计 that change (the first five); undefined when current or never submitted. */
export function staleNotice(
  t: Say,
  language: Language,
  merged: MergedReport,
  formSet: FormSet | undefined,
): { heading: string; children: string[]; totals: string[] } | undefined {
  const staleness = merged.staleness;
  if (!staleness || staleness.children.length === 0) return undefined;
  const shown = staleness.totals.slice(0, 5).map((total) => totalLine(formSet, language, total));
  const more = staleness.totals.length - shown.length;
  return {
    heading: t("staleHeading", { unit: unitNameOf(merged.unitCode, language), revision: staleness.revision }),
    children: staleness.children.map((child) => childLine(t, language, child)),
    totals: [...shown, ...(more > 0 ? [t("staleMoreTotals", { count: more })] : [])],
  };
}

/** What a rebuild did to the counties' rows: kept as typed, replaced by a county's revision, cleared for the clerk to type. */
export function rebuildSentences(t: Say, language: Language, merged: MergedReport): string[] {
  const outcome = rebuildOutcome(merged.staleness?.children ?? [], merged.staleness?.keptUnits ?? []);
  const revision = merged.staleness?.revision ?? 0;
  return [
    ...(outcome.kept.length === 0 ? [] : [t("rebuiltKept", { revision, units: namesOf(outcome.kept, language) })]),
    ...(outcome.replaced.length === 0 ? [] : [t("rebuiltReplaced", { units: namesOf(outcome.replaced, language) })]),
    ...(outcome.cleared.length === 0 ? [] : [t("rebuiltCleared", { units: namesOf(outcome.cleared, language) })]),
  ];
}

/** After a merge: the counties in, those returned, those that never submitted (and the rows kept for them), and the next step. */
export function mergeSummary(t: Say, language: Language, merged: MergedReport): string[] {
  const kept = merged.staleness?.keptUnits ?? [];
  const returned = merged.missingUnits.filter((code) => merged.returnedUnits.includes(code));
  const never = merged.missingUnits.filter((code) => !merged.returnedUnits.includes(code));
  const toType = merged.missingUnits.filter((code) => !kept.includes(code));
  const included = merged.provenance.map((entry) => entry.unitCode);
  return [
    t("mergeIncluded", { count: included.length, units: namesOf(included, language) || "—" }),
    ...(returned.length === 0 ? [] : [t("mergeReturned", { count: returned.length, units: namesOf(returned, language) })]),
    ...(never.length === 0 ? [] : [t("mergeNeverSubmitted", { count: never.length, units: namesOf(never, language) })]),
    ...(kept.length === 0 ? [] : [t("rebuiltKept", { revision: merged.staleness?.revision ?? 0, units: namesOf(kept, language) })]),
    toType.length === 0 ? t("mergeNextComplete") : t("mergeNextType", { units: namesOf(toType, language) }),
  ];
}
