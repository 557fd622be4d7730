import { foldKey } from "../values/fold-key.ts";
import { serialToDate } from "../values/excel-date.ts";
import type { FieldReference, RuleExpression } from "./rule-syntax.ts";

/** A value during evaluation. null is blank or not computable (a division by zero): a check that meets it does not apply. */
export type RuleValue = number | string | boolean | null;
export type RuleRow = readonly RuleValue[];

/** What a compiled expression reads. The validator reuses one context object per sheet, moving it row by row. */
export interface RuleContext {
  /** The current row's values, indexed as the compiler's resolver said. */
  row: RuleRow;
  /** Every row of the current sheet (for unique()). */
  sheetRows: readonly RuleRow[];
  /** The row with the same key on another sheet, or on this sheet in the previous period. */
  related(sheetCode: string, previous: boolean): RuleRow | undefined;
  period: number;
  isCountyOfPrefecture(code: string): boolean;
}

export type Evaluator = (context: RuleContext) => RuleValue;

/** Where a field reference is found: its sheet (the current one when undefined) and its index in that sheet's rows. */
export interface ResolvedReference {
  sheet?: string;
  previous: boolean;
  index: number;
}
export type ReferenceResolver = (reference: FieldReference) => ResolvedReference;

/** Numbers compare as equal within a relative 1e-9, as spreadsheets do, so 1.5 × 0.07 equals 0.105. */
function compareNumbers(left: number, right: number): number {
  const tolerance = 1e-9 * Math.max(1, Math.abs(left), Math.abs(right));
  return Math.abs(left - right) <= tolerance ? 0 : left < right ? -1 : 1;
}

/** A compiled expression plus the evaluators of every sub-expression, for messages that show intermediate values. */
export interface CompiledExpression {
  evaluate: Evaluator;
  evaluatorOf(node: RuleExpression): Evaluator;
}

/**
 * Compiles an expression to closures once, so that validating thousands of rows costs a few
 * function calls per check rather than a tree walk. Blanks propagate: any null operand makes the
 * result null, which is what the Excel rendering's COUNT guard does too.
 */
export function compileRule(expression: RuleExpression, resolve: ReferenceResolver): CompiledExpression {
  const evaluators = new Map<RuleExpression, Evaluator>();
  const compile = (node: RuleExpression): Evaluator => {
    const evaluator = compileNode(node);
    evaluators.set(node, evaluator);
    return evaluator;
  };
  const compileNode = (node: RuleExpression): Evaluator => {
    switch (node.kind) {
      case "number": {
        const value = node.value;
        return () => value;
      }
      case "period":
        return (context) => context.period;
      case "field": {
        const { sheet, previous, index } = resolve(node);
        if (sheet === undefined && !previous) return (context) => context.row[index] ?? null;
        const sheetCode = sheet ?? "";
        return (context) => context.related(sheetCode, previous)?.[index] ?? null;
      }
      case "negate": {
        const operand = compile(node.operand);
        return (context) => {
          const value = operand(context);
          return typeof value === "number" ? -value : null;
        };
      }
      case "not": {
        const operand = compile(node.operand);
        return (context) => {
          const value = operand(context);
          return value === null ? null : !value;
        };
      }
      case "arithmetic": {
        const left = compile(node.left);
        const right = compile(node.right);
        const operate = ARITHMETIC[node.operator];
        return (context) => {
          const a = left(context);
          const b = right(context);
          return typeof a === "number" && typeof b === "number" ? operate(a, b) : null;
        };
      }
      case "comparison": {
        const left = compile(node.left);
        const right = compile(node.right);
        const holds = COMPARISON[node.operator];
        return (context) => {
          const a = left(context);
          const b = right(context);
          if (a === null || b === null) return null;
          if (typeof a === "number" && typeof b === "number") return holds(compareNumbers(a, b));
          return holds(String(a) === String(b) ? 0 : String(a) < String(b) ? -1 : 1);
        };
      }
      case "logical": {
        const left = compile(node.left);
        const right = compile(node.right);
        const isAnd = node.operator === "and";
        return (context) => {
          const a = left(context);
          const b = right(context);
          if (a === null || b === null) return null;
          return isAnd ? Boolean(a) && Boolean(b) : Boolean(a) || Boolean(b);
        };
      }
      case "call":
        return compileCall(node.name, node.args.map(compile), node.args);
    }
  };
  const compileCall = (name: string, args: Evaluator[], nodes: RuleExpression[]): Evaluator => {
    const [first] = args as [Evaluator];
    switch (name) {
      case "abs":
        return (context) => {
          const value = first(context);
          return typeof value === "number" ? Math.abs(value) : null;
        };
      case "year":
      case "month": {
        const part = name === "year" ? (date: Date) => date.getUTCFullYear() : (date: Date) => date.getUTCMonth() + 1;
        return (context) => {
          const value = first(context);
          return typeof value === "number" ? part(serialToDate(value)) : null;
        };
      }
      case "inPrefecture":
        return (context) => {
          const value = first(context);
          return value === null ? null : context.isCountyOfPrefecture(foldKey(String(value)));
        };
      case "unique": {
        const indexes = nodes.map((node) => resolve(node as FieldReference).index);
        const keyOf = (row: RuleRow) => indexes.map((index) => foldKey(String(row[index] ?? ""))).join("\u0000");
        // Counted once per sheet: unique() is evaluated on every row of a list sheet.
        const countsBySheet = new WeakMap<readonly RuleRow[], Map<string, number>>();
        return (context) => {
          if (indexes.some((index) => context.row[index] === null || context.row[index] === undefined)) return null;
          let counts = countsBySheet.get(context.sheetRows);
          if (!counts) {
            counts = new Map();
            for (const row of context.sheetRows) counts.set(keyOf(row), (counts.get(keyOf(row)) ?? 0) + 1);
            countsBySheet.set(context.sheetRows, counts);
          }
          return (counts.get(keyOf(context.row)) ?? 0) <= 1;
        };
      }
      default:
        throw new Error(`unknown rule function ${name}`);
    }
  };
  const evaluate = compile(expression);
  return {
    evaluate,
    evaluatorOf: (node) => {
      const evaluator = evaluators.get(node);
      if (!evaluator) throw new Error("node is not part of this expression");
      return evaluator;
    },
  };
}

const ARITHMETIC: Record<"+" | "-" | "*" | "/", (a: number, b: number) => number | null> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => (b === 0 ? null : a / b),
};

const COMPARISON: Record<"<" | "<=" | ">" | ">=" | "=" | "<>", (order: number) => boolean> = {
  "<": (order) => order < 0,
  "<=": (order) => order <= 0,
  ">": (order) => order > 0,
  ">=": (order) => order >= 0,
  "=": (order) => order === 0,
  "<>": (order) => order !== 0,
};
