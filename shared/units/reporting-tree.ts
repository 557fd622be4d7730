import { parseDivisions } from "./divisions.ts";
import { shandongDivisions2019Csv } from "./shandong-divisions-2019.ts";
import { REPORTING_LEVELS_323 } from "./unit-levels.ts";
import { buildUnitTree } from "./unit-tree.ts";
import type { ReportingUnit, UnitTree } from "./unit-tree.ts";

/** Shandong's reporting tree: the province, its 16 prefectures, their 137 counties (the 2019 divisions, GB/T 2260). */
export const reportingTree = buildUnitTree(REPORTING_LEVELS_323, parseDivisions(shandongDivisions2019Csv));

/** The unit with this code when it reports a workbook of its own (a prefecture or a county); undefined for the province or an unknown code. */
export function reportingUnitOf(code: string, tree: UnitTree = reportingTree): ReportingUnit | undefined {
  const unit = tree.unit(code);
  return unit?.level.report ? unit : undefined;
}

/** Why a code is refused as a reporting unit, Chinese and English, for each adapter to word as its own error. */
export interface UnitRefusal {
  code: string;
  zh: string;
  en: string;
}

/** The refusal of a code that names no reporting unit: unknown, or the province (whose report is the consolidated one). */
export function unitRefusalOf(code: string): UnitRefusal {
  return {
    code,
    zh: `${code} 不是山东省的报送单位（地市或县、市、区）`,
    en: `${code} is not a reporting unit of Shandong (a prefecture or a county)`,
  };
}

/**
 * The reporting unit with this code, or the error `refuse` makes of its refusal: the command line's
 * usage error, the Worker's 400 naming the field. One check, each side's own wording of the failure.
 */
export function requireReportingUnit(code: string, refuse: (refusal: UnitRefusal) => Error, tree: UnitTree = reportingTree): ReportingUnit {
  const unit = reportingUnitOf(code, tree);
  if (unit) return unit;
  throw refuse(unitRefusalOf(code));
}

/** A unit's name as a clerk reads it: 济南市, or a county with its prefecture, 济南市历下区; English: Lixia District, Jinan. */
export function unitTitle(unit: ReportingUnit, language: "zh" | "en" = "zh"): string {
  const parent = unit.parent?.parent ? unit.parent : undefined;
  if (language === "en") return parent ? `${unit.nameEn}, ${parent.nameEn}` : unit.nameEn;
  return `${parent?.name ?? ""}${unit.name}`;
}

/** The title of the unit with this code (unitTitle), or the code itself when no unit has it. */
export function unitNameOf(code: string, language: "zh" | "en" = "zh"): string {
  const unit = reportingTree.unit(code);
  return unit ? unitTitle(unit, language) : code;
}

/** The unit a report's input row is keyed by below its parent's 合计 (a county); undefined for the province, a prefecture or an unknown key. */
export function rowUnitOf(code: string): ReportingUnit | undefined {
  const unit = reportingTree.unit(code);
  return unit?.parent?.parent ? unit : undefined;
}
