import { fieldReferences } from "./rule-syntax.ts";
import type { FieldReference, RuleExpression } from "./rule-syntax.ts";

/** What the Excel rendering needs to know about the workbook; the layout module implements it. */
export interface ExcelReferences {
  /** The cell of a referenced field in the current row ("C7", "'教扶01 …'!H7"), or undefined where the workbook has none. */
  cell(reference: FieldReference): string | undefined;
  /** Whether the field holds numbers (blank guard by COUNT) or text (by COUNTA). */
  isNumeric(reference: FieldReference): boolean;
  /** Absolute range with the prefecture's county codes, as text. */
  countyCodes(): string | undefined;
  /** Absolute range of a field's column over all data rows of the current sheet (list sheets). */
  column(field: string): string | undefined;
  period: number;
}

class Unrenderable extends Error {}

const EXCEL_OPERATOR: Record<string, string> = { "<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "=", "<>": "<>" };

/** The Excel expression computing `expression`'s value (no leading "="), or undefined when a reference has no cell. */
export function renderExcelExpression(expression: RuleExpression, references: ExcelReferences): string | undefined {
  try {
    return render(expression, references);
  } catch (error) {
    if (error instanceof Unrenderable) return undefined;
    throw error;
  }
}

/**
 * The conditional-format formula that is TRUE where the check fails: it applies only when every
 * referenced cell is filled (the evaluator's blank rule), and errors (division by zero) count as
 * "does not apply", as null does in the evaluator.
 */
export function renderExcelFailureCondition(check: RuleExpression, references: ExcelReferences): string | undefined {
  const body = renderExcelExpression(check, references);
  const guard = renderBlankGuard(check, references);
  if (body === undefined || guard === undefined) return undefined;
  return `IFERROR(AND(${guard},NOT(${body})),FALSE)`;
}

/** A computed field's cell formula: blank until every input is filled, and blank (not #DIV/0!) when not computable. */
export function renderExcelComputedFormula(formula: RuleExpression, references: ExcelReferences): string | undefined {
  const body = renderExcelExpression(formula, references);
  const guard = renderBlankGuard(formula, references);
  if (body === undefined || guard === undefined) return undefined;
  return `IFERROR(IF(${guard},${body},""),"")`;
}

function renderBlankGuard(expression: RuleExpression, references: ExcelReferences): string | undefined {
  const numeric: string[] = [];
  const text: string[] = [];
  for (const reference of uniqueReferences(fieldReferences(expression))) {
    const cell = references.cell(reference);
    if (cell === undefined) return undefined;
    (references.isNumeric(reference) ? numeric : text).push(cell);
  }
  const guards = [
    ...(numeric.length ? [`COUNT(${numeric.join(",")})=${numeric.length}`] : []),
    ...(text.length ? [`COUNTA(${text.join(",")})=${text.length}`] : []),
  ];
  return guards.length === 0 ? "TRUE" : guards.length === 1 ? guards[0] : `AND(${guards.join(",")})`;
}

function uniqueReferences(references: FieldReference[]): FieldReference[] {
  const seen = new Set<string>();
  return references.filter((reference) => {
    const key = `${reference.sheet ?? ""}.${reference.field}.${reference.previous}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function render(node: RuleExpression, references: ExcelReferences): string {
  const inner = (child: RuleExpression) => render(child, references);
  switch (node.kind) {
    case "number":
      return String(node.value);
    case "period":
      return String(references.period);
    case "field": {
      const cell = references.cell(node);
      if (cell === undefined) throw new Unrenderable();
      return cell;
    }
    case "negate":
      return `-(${inner(node.operand)})`;
    case "not":
      return `NOT(${inner(node.operand)})`;
    case "arithmetic":
      return `(${inner(node.left)}${node.operator}${inner(node.right)})`;
    case "comparison":
      return `(${inner(node.left)}${EXCEL_OPERATOR[node.operator]}${inner(node.right)})`;
    case "logical":
      return `${node.operator === "and" ? "AND" : "OR"}(${inner(node.left)},${inner(node.right)})`;
    case "call":
      return renderCall(node.name, node.args, references);
  }
}

/**
 * Keys compared as near the evaluator's foldKey as Excel can: full-width to half-width (ASC), runs of
 * spaces as one and trimmed (TRIM). Excel has no NFKC: keys that differ only by composed and
 * decomposed accents or zero-width characters are caught by the engine on submit, not highlighted.
 */
const foldedText = (expression: string) => `TRIM(ASC(${expression}&""))`;

function renderCall(name: string, args: RuleExpression[], references: ExcelReferences): string {
  const [first] = args as [RuleExpression];
  switch (name) {
    case "abs":
      return `ABS(${render(first, references)})`;
    case "year":
      return `YEAR(${render(first, references)})`;
    case "month":
      return `MONTH(${render(first, references)})`;
    case "inPrefecture": {
      const counties = references.countyCodes();
      if (counties === undefined) throw new Unrenderable();
      return `ISNUMBER(MATCH(${foldedText(render(first, references))},${counties},0))`;
    }
    case "unique": {
      const terms = args.map((arg) => {
        const field = (arg as FieldReference).field;
        const column = references.column(field);
        if (column === undefined) throw new Unrenderable();
        return `(${foldedText(column)}=${foldedText(render(arg, references))})`;
      });
      return `(SUMPRODUCT(${terms.join("*")})<=1)`;
    }
    default:
      throw new Error(`unknown rule function ${name}`);
  }
}
