import type { Consolidated, Period } from "../../../shared/api/api-client.ts";
import type { FormSet } from "../../../shared/forms/form-set.ts";
import type { FieldDefinition } from "../../../shared/forms/form-schema.ts";

/** A headline figure the province publishes: a field of a sheet, its plan where the form has one, its parts where it is a sum. */
export interface HeadlineIndicator {
  sheetCode: string;
  fieldCode: string;
  planFieldCode?: string;
  partFieldCodes?: string[];
}

/** The province's published figures for 2019 (../shared/spec/forms-323.md, "Province figures published for 2019"). */
export const headlineIndicators: readonly HeadlineIndicator[] = [
  { sheetCode: "教扶01", fieldCode: "E01_TOT", partFieldCodes: ["E01_PRE", "E01_CMP", "E01_GHS", "E01_SVE", "E01_HED"] },
  { sheetCode: "教扶02", fieldCode: "E02_INV_DONE", planFieldCode: "E02_INV_PLAN" },
  { sheetCode: "教扶02", fieldCode: "E02_BLD_DONE", planFieldCode: "E02_BLD_PLAN" },
  { sheetCode: "教扶02", fieldCode: "E02_FLD_DONE", planFieldCode: "E02_FLD_PLAN" },
  { sheetCode: "教扶03", fieldCode: "E03_KG_DONE", planFieldCode: "E03_KG_PLAN" },
  { sheetCode: "教扶04", fieldCode: "E04_EXCH" },
  { sheetCode: "教扶07", fieldCode: "E07_AID_PERSONS" },
  { sheetCode: "教扶07", fieldCode: "E07_AID_AMOUNT" },
];

export interface PrefectureShare {
  unitCode: string;
  value: number;
  /** Of the province total, 0–1; null when the total is 0. */
  share: number | null;
}

/** What the previous period says: its total, or why there is none. */
export type PreviousFigure =
  | { kind: "none" }
  | { kind: "noData"; period: string }
  | { kind: "figure"; period: string; total: number | null; change: number | null };

export interface IndicatorFigure {
  indicator: HeadlineIndicator;
  field: FieldDefinition;
  planField: FieldDefinition | undefined;
  total: number | null;
  plan: number | null;
  /** total / plan, null without a plan (or a plan of 0). */
  ofPlan: number | null;
  parts: { field: FieldDefinition; value: number | null }[];
  /** The prefectures that reported the figure, largest first. */
  shares: PrefectureShare[];
  previous: PreviousFigure;
}

/** The period before `code` among the periods (codes sort as years), or undefined. */
export function previousPeriodOf(periods: readonly Pick<Period, "code">[], code: string): string | undefined {
  return periods
    .map((period) => period.code)
    .filter((candidate) => candidate < code)
    .sort()
    .at(-1);
}

/** Whether a consolidation holds any prefecture's figures. */
export function hasData(consolidated: Consolidated): boolean {
  return consolidated.provenance.length > 0;
}

const provinceValue = (consolidated: Consolidated, sheetCode: string, fieldCode: string): number | null =>
  consolidated.sheets[sheetCode]?.find((row) => row.level === "province")?.values[fieldCode] ?? null;

/**
 * One headline figure of the consolidation: the province total, against its plan and the previous
 * period (`previous` undefined: no previous period; `previousPeriod` names it), and each reporting
 * prefecture's share, largest first.
 */
export function indicatorFigure(
  formSet: FormSet,
  indicator: HeadlineIndicator,
  current: Consolidated,
  previous: { period: string; consolidated: Consolidated } | undefined,
): IndicatorFigure {
  const sheet = formSet.sheet(indicator.sheetCode);
  const field = sheet?.field(indicator.fieldCode);
  if (!sheet || !field) throw new Error(`表式中没有 ${indicator.sheetCode} ${indicator.fieldCode} / no such field in the form set`);
  const planField = indicator.planFieldCode ? sheet.field(indicator.planFieldCode) : undefined;
  const total = provinceValue(current, sheet.code, field.code);
  const plan = planField ? provinceValue(current, sheet.code, planField.code) : null;
  const missing = new Set(current.missingPrefectures);
  const shares = (current.sheets[sheet.code] ?? [])
    .filter((row) => row.level === "prefecture" && !missing.has(row.key))
    .flatMap((row) => {
      const value = row.values[field.code];
      return typeof value === "number" ? [{ unitCode: row.key, value, share: total ? value / total : null }] : [];
    })
    .sort((a, b) => b.value - a.value || a.unitCode.localeCompare(b.unitCode));
  let previousFigure: PreviousFigure = { kind: "none" };
  if (previous && !hasData(previous.consolidated)) previousFigure = { kind: "noData", period: previous.period };
  else if (previous) {
    const previousTotal = provinceValue(previous.consolidated, sheet.code, field.code);
    previousFigure = {
      kind: "figure",
      period: previous.period,
      total: previousTotal,
      change: total !== null && previousTotal ? (total - previousTotal) / previousTotal : null,
    };
  }
  return {
    indicator,
    field,
    planField,
    total,
    plan,
    ofPlan: total !== null && plan ? total / plan : null,
    parts: (indicator.partFieldCodes ?? []).flatMap((code) => {
      const part = sheet.field(code);
      return part ? [{ field: part, value: provinceValue(current, sheet.code, code) }] : [];
    }),
    shares,
    previous: previousFigure,
  };
}
