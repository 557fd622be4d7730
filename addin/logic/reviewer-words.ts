import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { Language } from "./i18n.ts";

/**
 * Who reviews a unit's reports, as the pane says it: the level of the unit it reports to, from the
 * tree (a prefecture: 省级 / the province; a county: 市级 / the prefecture), never a fixed word.
 */
export function reviewerWordsOf(unit: ReportingUnit | undefined, language: Language): string {
  const level = unit?.parent?.level;
  if (!level) return language === "zh" ? "上级" : "the level above";
  return language === "zh" ? `${level.nameZh}级` : `the ${level.nameEn}`;
}

/** What an accepted revision of the unit goes into: the province's totals, or the merged report of the unit above. */
export function acceptedGoesInto(unit: ReportingUnit | undefined): "province" | "parent" {
  return unit?.parent?.parent === undefined ? "province" : "parent";
}
