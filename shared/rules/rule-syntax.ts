/**
 * The syntax tree of the rule language. One parser produces it; the evaluator, the Excel
 * formula renderer and the readable text all walk the same tree, so a rule is written once.
 *
 *   check      := or
 *   or         := and ("or" and)*
 *   and        := not ("and" not)*
 *   not        := "not" not | comparison
 *   comparison := sum (("<" | "<=" | ">" | ">=" | "=" | "<>") sum)?
 *   sum        := product (("+" | "-") product)*
 *   product    := unary (("*" | "/") unary)*
 *   unary      := "-" unary | primary
 *   primary    := NUMBER | "PERIOD" | reference | "prev" "(" reference ")" | NAME "(" args ")" | "(" check ")"
 *   reference  := FIELD | SHEET "." FIELD          e.g. E04_PRIN, 教扶01.E01_TOT
 */

export type ComparisonOperator = "<" | "<=" | ">" | ">=" | "=" | "<>";
export type ArithmeticOperator = "+" | "-" | "*" | "/";
export type LogicalOperator = "and" | "or";

export interface FieldReference {
  kind: "field";
  /** Another sheet's field in the row with the same key (cross-sheet rules); undefined = this sheet. */
  sheet?: string;
  field: string;
  /** The accepted value of the previous period (history rules). */
  previous: boolean;
}

export type RuleExpression =
  | { kind: "number"; value: number }
  | { kind: "period" }
  | FieldReference
  | { kind: "call"; name: RuleFunctionName; args: RuleExpression[] }
  | { kind: "negate"; operand: RuleExpression }
  | { kind: "not"; operand: RuleExpression }
  | { kind: "arithmetic"; operator: ArithmeticOperator; left: RuleExpression; right: RuleExpression }
  | { kind: "comparison"; operator: ComparisonOperator; left: RuleExpression; right: RuleExpression }
  | { kind: "logical"; operator: LogicalOperator; left: RuleExpression; right: RuleExpression };

export const ruleFunctionNames = ["abs", "year", "month", "inPrefecture", "unique"] as const;
export type RuleFunctionName = (typeof ruleFunctionNames)[number];

/** Every field reference in an expression, in reading order. */
export function fieldReferences(expression: RuleExpression): FieldReference[] {
  switch (expression.kind) {
    case "field":
      return [expression];
    case "call":
      return expression.args.flatMap(fieldReferences);
    case "negate":
    case "not":
      return fieldReferences(expression.operand);
    case "arithmetic":
    case "comparison":
    case "logical":
      return [...fieldReferences(expression.left), ...fieldReferences(expression.right)];
    default:
      return [];
  }
}

/** Whether a call of `functionName` anywhere in the expression takes the field `fieldCode` as an argument (e.g. inPrefecture(E06_COUNTY)). */
export function isArgumentOf(expression: RuleExpression, functionName: RuleFunctionName, fieldCode: string): boolean {
  switch (expression.kind) {
    case "call":
      return (
        (expression.name === functionName && expression.args.some((arg) => arg.kind === "field" && arg.field === fieldCode)) ||
        expression.args.some((arg) => isArgumentOf(arg, functionName, fieldCode))
      );
    case "negate":
    case "not":
      return isArgumentOf(expression.operand, functionName, fieldCode);
    case "arithmetic":
    case "comparison":
    case "logical":
      return isArgumentOf(expression.left, functionName, fieldCode) || isArgumentOf(expression.right, functionName, fieldCode);
    default:
      return false;
  }
}
