import { EXPLANATION_REASONS } from "../report/explanation-reasons.ts";
import type { ExplanationReason } from "../report/explanation-reasons.ts";

/**
 * The province-wide analysis of warnings (issue 30): every explained warning of the included
 * revisions counted by rule, by reason code and by unit, so the province sees which rules fire most
 * and why. Pure counting over what the revisions stored; the consolidated workbook's 预警分析 sheet
 * and GET …/warning-analysis say the same.
 */
export interface AnalysedWarning {
  ruleId: string;
  /** The engine's message, ending in "[R05.2 重点村学校未全部结对…]": the rule's title is read from it. */
  message: string;
  reason?: ExplanationReason | undefined;
}

export interface AnalysedUnit {
  unitCode: string;
  unitName: string;
  warnings: readonly AnalysedWarning[];
}

/** Counts per reason code, and "none" for explanations without one. */
export type ReasonCounts = Record<ExplanationReason | "none", number>;

export interface RuleCount {
  ruleId: string;
  title: string;
  count: number;
  /** How many units' revisions carry it. */
  units: number;
  reasons: ReasonCounts;
}

export interface UnitCount {
  unitCode: string;
  unitName: string;
  count: number;
  /** Its rules, most frequent first: "R05.2 ×3". */
  rules: { ruleId: string; count: number }[];
}

export interface WarningAnalysis {
  total: number;
  reasons: ReasonCounts;
  /** Most frequent first, then by rule id. */
  byRule: RuleCount[];
  /** Units with warnings, most first, then by code. */
  byUnit: UnitCount[];
}

const noReasons = (): ReasonCounts => ({ ...Object.fromEntries(EXPLANATION_REASONS.map((reason) => [reason.code, 0])), none: 0 }) as ReasonCounts;

/** "… [R05.2 重点村学校未全部结对(目标为全覆盖)]" → "重点村学校未全部结对(目标为全覆盖)". */
export function ruleTitleOf(message: string, ruleId: string): string {
  const start = message.lastIndexOf(`[${ruleId} `);
  return start >= 0 && message.endsWith("]") ? message.slice(start + ruleId.length + 2, -1) : "";
}

export function analyseWarnings(units: readonly AnalysedUnit[]): WarningAnalysis {
  const reasons = noReasons();
  const rules = new Map<string, RuleCount & { unitCodes: Set<string> }>();
  const byUnit: UnitCount[] = [];
  let total = 0;
  for (const unit of units) {
    const unitRules = new Map<string, number>();
    for (const warning of unit.warnings) {
      total++;
      const reason = warning.reason ?? "none";
      reasons[reason]++;
      let rule = rules.get(warning.ruleId);
      if (!rule) {
        rule = { ruleId: warning.ruleId, title: ruleTitleOf(warning.message, warning.ruleId), count: 0, units: 0, reasons: noReasons(), unitCodes: new Set() };
        rules.set(warning.ruleId, rule);
      }
      rule.count++;
      rule.reasons[reason]++;
      rule.unitCodes.add(unit.unitCode);
      unitRules.set(warning.ruleId, (unitRules.get(warning.ruleId) ?? 0) + 1);
    }
    if (unitRules.size > 0)
      byUnit.push({
        unitCode: unit.unitCode,
        unitName: unit.unitName,
        count: unit.warnings.length,
        rules: [...unitRules].map(([ruleId, count]) => ({ ruleId, count })).sort(mostFirst),
      });
  }
  return {
    total,
    reasons,
    byRule: [...rules.values()].map(({ unitCodes, ...rule }) => ({ ...rule, units: unitCodes.size })).sort(mostFirst),
    byUnit: byUnit.sort((a, b) => b.count - a.count || a.unitCode.localeCompare(b.unitCode)),
  };
}

function mostFirst(a: { ruleId: string; count: number }, b: { ruleId: string; count: number }): number {
  return b.count - a.count || a.ruleId.localeCompare(b.ruleId);
}
