import { foldKey, foldedKeyOf } from "../values/fold-key.ts";
import { serialToDate } from "../values/excel-date.ts";
import type { FieldReference, RuleExpression } from "./rule-syntax.ts";

/** A value during evaluation. null is blank or not computable (a division by zero): a check that meets it does not apply. */
export type RuleValue = number | string | boolean | null;
export type RuleRow = readonly RuleValue[];

/** What a compiled expression reads. The validator reuses one context object per sheet, moving it row by row. */
export interface RuleContext {
  /**
   * rows[0] is the current row; rows[slot] is the row with the same key that a resolved reference
   * reads: another sheet's, or this sheet's in the previous period (undefined where there is none).
   */
  rows: (RuleRow | undefined)[];
  /** Every row of the current sheet (for unique()). */
  sheetRows: readonly RuleRow[];
  period: number;
  isCountyOfPrefecture(code: string): boolean;
}

/** A context for computing a single row's formulas. */
export function singleRowContext(period: number): RuleContext & { rows: [RuleRow] } {
  return { rows: [[]], sheetRows: [], period, isCountyOfPrefecture: () => false };
}

export type Evaluator = (context: RuleContext) => RuleValue;

/** Where a field reference is found: the context's row slot (0 = the current row) and the field's index in that row. */
export interface ResolvedReference {
  slot: number;
  index: number;
}
export type ReferenceResolver = (reference: FieldReference) => ResolvedReference;

/** Numbers compare as equal within a relative 1e-9, as spreadsheets do, so 1.5 × 0.07 equals 0.105. */
function compareNumbers(left: number, right: number): number {
  if (left === right) return 0;
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
        const { slot, index } = resolve(node);
        if (slot === 0) return (context) => (context.rows[0] as RuleRow)[index] ?? null;
        return (context) => context.rows[slot]?.[index] ?? null;
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
        const keyOf = (row: RuleRow) => foldedKeyOf(indexes.map((index) => row[index]));
        // One pass per sheet finds the rows whose key repeats; unique() is then a set lookup per row.
        const duplicatesBySheet = new WeakMap<readonly RuleRow[], WeakSet<RuleRow>>();
        const duplicatesOf = (sheetRows: readonly RuleRow[]) => {
          const rowsByKey = new Map<string, RuleRow[]>();
          for (const row of sheetRows) {
            const key = keyOf(row);
            const rows = rowsByKey.get(key);
            if (rows) rows.push(row);
            else rowsByKey.set(key, [row]);
          }
          const duplicates = new WeakSet<RuleRow>();
          for (const rows of rowsByKey.values()) if (rows.length > 1) for (const row of rows) duplicates.add(row);
          duplicatesBySheet.set(sheetRows, duplicates);
          return duplicates;
        };
        return (context) => {
          const row = context.rows[0] as RuleRow;
          for (const index of indexes) if (row[index] === null || row[index] === undefined) return null;
          return !(duplicatesBySheet.get(context.sheetRows) ?? duplicatesOf(context.sheetRows)).has(row);
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
