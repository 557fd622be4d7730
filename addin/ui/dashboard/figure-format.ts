import type { FieldDefinition } from "../../../shared/forms/form-schema.ts";
import type { Language } from "../../logic/i18n.ts";

const locale = (language: Language) => (language === "zh" ? "zh-CN" : "en-US");

/** A figure as the dashboard shows it: counts as integers, 万元 and other decimals with 2 decimals, ratios as percentages; "—" for none. */
export function formatFigure(language: Language, field: Pick<FieldDefinition, "type">, value: number | null): string {
  if (value === null) return "—";
  if (field.type === "ratio") return formatPercent(language, value);
  const decimals = field.type === "int" ? 0 : 2;
  return value.toLocaleString(locale(language), { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A figure with its unit from the form set: "186,600.00 万元". */
export function formatWithUnit(language: Language, field: Pick<FieldDefinition, "type" | "unitZh" | "unitEn">, value: number | null): string {
  const unit = language === "zh" ? field.unitZh : field.unitEn;
  const number = formatFigure(language, field, value);
  return unit && value !== null && field.type !== "ratio" ? `${number} ${unit}` : number;
}

/** A count with the language's digit grouping: 200,833. */
export function formatCount(language: Language, value: number): string {
  return value.toLocaleString(locale(language));
}

/** A fraction as a percentage with one decimal: 1.0798 → "108.0%". */
export function formatPercent(language: Language, fraction: number): string {
  return `${(fraction * 100).toLocaleString(locale(language), { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** A change as a signed percentage: +3.2% / −1.0%. */
export function formatChange(language: Language, fraction: number): string {
  const shown = formatPercent(language, Math.abs(fraction));
  return fraction > 0 ? `+${shown}` : fraction < 0 ? `−${shown}` : shown;
}

/** The field's label in the pane's language. */
export function fieldLabel(language: Language, field: Pick<FieldDefinition, "labelZh" | "labelEn">): string {
  return language === "zh" ? field.labelZh : field.labelEn;
}
