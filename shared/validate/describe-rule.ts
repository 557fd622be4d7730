import { serialToIsoDate } from "../values/excel-date.ts";
import type { FieldType } from "../forms/form-schema.ts";
import type { CompiledExpression, RuleContext, RuleValue } from "../rules/evaluate-rule.ts";
import { type FieldReference, fieldReferences, type RuleExpression } from "../rules/rule-syntax.ts";
import { acceptedDateRange, type DateRange } from "./date-range.ts";

export type Language = "zh" | "en";

/** Labels and types of the fields a rule names, in the reader's language. */
export interface FieldLabels {
  label(reference: FieldReference, language: Language): string;
  type(reference: FieldReference): FieldType;
}

const OPERATOR_SYMBOL: Record<string, string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=", "<>": "≠", "+": "+", "-": "−", "*": "×", "/": "÷" };
const WORDS = {
  zh: {
    and: " 且 ",
    or: " 或 ",
    not: "并非",
    previous: "上期",
    unique: "不重复",
    inPrefecture: "为本市所辖县",
    year: "的年份",
    month: "的月份",
    oneOf: "应满足其一: ",
    between: (field: string, range: DateRange, value: string) => `${field}应在 ${range.from} 至 ${range.to} 之间，填的是 ${value}`,
    duplicate: "与其他行重复",
    period: "报告期",
  },
  en: {
    and: " and ",
    or: " or ",
    not: "not ",
    previous: "previous ",
    unique: "are unique",
    inPrefecture: "is a county of this prefecture",
    year: "year of ",
    month: "month of ",
    oneOf: "one of these should hold: ",
    between: (field: string, range: DateRange, value: string) => `${field} should lie between ${range.from} and ${range.to}; it is ${value}`,
    duplicate: "repeats another row",
    period: "period",
  },
} as const;

/** What a failed comparison means, said positively: "a ≤ b" failed → "a is greater than b". */
const FAILED_COMPARISON: Record<Language, Record<string, string>> = {
  zh: { "<": "不小于", "<=": "大于", ">": "不大于", ">=": "小于", "=": "不等于", "<>": "等于" },
  en: { "<": "is not less than", "<=": "is greater than", ">": "is not greater than", ">=": "is less than", "=": "does not equal", "<>": "equals" },
};

/** The readable text of an expression: "其中:校长 ≤ 交流教师". Printed on forms as 本表主要审核关系 and used in messages. */
export function describeExpression(node: RuleExpression, labels: FieldLabels, language: Language): string {
  const words = WORDS[language];
  const inner = (child: RuleExpression) => wrap(child, node, describeExpression(child, labels, language));
  switch (node.kind) {
    case "number":
      return String(node.value);
    case "period":
      return words.period;
    case "field":
      return (node.previous ? words.previous : "") + labels.label(node, language);
    case "negate":
      return `−${inner(node.operand)}`;
    case "not":
      return `${words.not}(${describeExpression(node.operand, labels, language)})`;
    case "comparison": {
      const [left, right] = comparisonSides(node, labels, language);
      return `${left} ${OPERATOR_SYMBOL[node.operator]} ${right}`;
    }
    case "arithmetic":
      return `${inner(node.left)} ${OPERATOR_SYMBOL[node.operator]} ${inner(node.right)}`;
    case "logical":
      return `${inner(node.left)}${words[node.operator]}${inner(node.right)}`;
    case "call": {
      const args = node.args.map((arg) => describeExpression(arg, labels, language));
      switch (node.name) {
        case "abs":
          return `|${args[0]}|`;
        case "year":
        case "month":
          return language === "zh" ? `${args[0]}${words[node.name]}` : `${words[node.name]}${args[0]}`;
        case "inPrefecture":
          return `${args[0]} ${words.inPrefecture}`;
        case "unique":
          return `${args.join(language === "zh" ? "、" : ", ")} ${words.unique}`;
      }
    }
  }
}

type Comparison = Extract<RuleExpression, { kind: "comparison" }>;

/** Both sides' text; "share ≥ 90%", not "share ≥ 0.9": a literal compared with a ratio reads as a percentage. */
function comparisonSides(node: Comparison, labels: FieldLabels, language: Language): [string, string] {
  const side = (operand: RuleExpression, other: RuleExpression) =>
    operand.kind === "number" && other.kind === "field" && labels.type(other) === "ratio"
      ? formatValue(operand.value, "ratio")
      : wrap(operand, node, describeExpression(operand, labels, language));
  return [side(node.left, node.right), side(node.right, node.left)];
}

/** Parentheses only where precedence needs them. */
function wrap(child: RuleExpression, parent: RuleExpression, text: string): string {
  const rank = (node: RuleExpression): number => {
    if (node.kind === "logical") return node.operator === "or" ? 1 : 2;
    if (node.kind === "comparison") return 3;
    if (node.kind === "arithmetic") return node.operator === "+" || node.operator === "-" ? 4 : 5;
    return 6;
  };
  return rank(child) < rank(parent) || (rank(child) === rank(parent) && child.kind === "arithmetic" && child !== (parent as { left?: unknown }).left)
    ? `(${text})`
    : text;
}

/** A value as a clerk reads it: ratios as percentages, amounts to two decimals, dates as dates. */
export function formatValue(value: RuleValue, type?: FieldType): string {
  if (value === null) return "空";
  if (typeof value !== "number") return String(value);
  if (type === "ratio") return `${(value * 100).toFixed(2)}%`;
  if (type === "date") return serialToIsoDate(value);
  if (type === "dec2") return value.toFixed(2);
  // Enough decimals that "429.74 > 1.5 × 286.49" shows as 429.74 > 429.735, not as 429.74 > 429.74.
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10_000) / 10_000);
}

/**
 * Says why a check failed on a row, with the values that made it fail:
 * `E04_PRIN <= E04_EXCH` → "其中:城镇校长… (312) 大于 城镇学校向农村学校交流教师 (298)".
 * `notInUnit` words a failed inPrefecture(…) for the unit being checked (shared/units/report-scope.ts
 * rowUnitsWords: a prefecture's "不是本市所辖县", a county's own code).
 */
export function describeFailure(
  compiled: CompiledExpression,
  check: RuleExpression,
  context: RuleContext,
  labels: FieldLabels,
  language: Language,
  notInUnit: string,
): string {
  const words = WORDS[language];
  const evaluated = (node: RuleExpression) => compiled.evaluatorOf(node)(context);
  const withValues = (node: RuleExpression): string => {
    const text = describeExpression(node, labels, language);
    if (node.kind === "number") return text;
    const type = node.kind === "field" ? labels.type(node) : undefined;
    return `${text} (${formatValue(evaluated(node), type)})`;
  };
  const explain = (node: RuleExpression): string => {
    switch (node.kind) {
      case "comparison": {
        const [left, right] = comparisonSides(node, labels, language);
        const side = (operand: RuleExpression, text: string) => (operand.kind === "number" ? text : withValues(operand));
        return `${side(node.left, left)} ${FAILED_COMPARISON[language][node.operator]} ${side(node.right, right)}`;
      }
      case "logical": {
        const range = acceptedDateRange(node, context.period, (reference) => labels.type(reference) === "date");
        if (range) return dateRangeFailure(node, range);
        if (node.operator === "and") {
          return [node.left, node.right]
            .filter((operand) => evaluated(operand) === false)
            .map(explain)
            .join("; ");
        }
        return words.oneOf + describeHolding(node);
      }
      case "not":
        return describeHolding(node.operand);
      case "call":
        if (node.name === "unique") {
          const values = node.args.map((arg) => formatValue(evaluated(arg))).join(language === "zh" ? "、" : ", ");
          return `${node.args.map((arg) => describeExpression(arg, labels, language)).join(language === "zh" ? "、" : ", ")} (${values}) ${words.duplicate}`;
        }
        if (node.name === "inPrefecture") return `${withValues(node.args[0] as RuleExpression)} ${notInUnit}`;
        return withValues(node);
      default:
        return withValues(node);
    }
  };
  // "not X" failed: X holds; show X with every field's value inline.
  const describeHolding = (node: RuleExpression): string => {
    switch (node.kind) {
      case "comparison":
      case "arithmetic":
        return `${describeHolding(node.left)} ${OPERATOR_SYMBOL[node.operator]} ${describeHolding(node.right)}`;
      case "logical":
        return `${describeHolding(node.left)}${words[node.operator]}${describeHolding(node.right)}`;
      default:
        return withValues(node);
    }
  };
  const dateRangeFailure = (node: RuleExpression, range: DateRange): string => {
    const field = fieldReferences(node)[0] as FieldReference;
    return words.between(describeExpression(field, labels, language), range, formatValue(evaluated(field), "date"));
  };
  return explain(check);
}
