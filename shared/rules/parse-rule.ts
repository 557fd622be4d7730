import { ruleFunctionNames } from "./rule-syntax.ts";
import type { ComparisonOperator, FieldReference, RuleExpression, RuleFunctionName } from "./rule-syntax.ts";

export class RuleSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly position: number,
    reason: string,
  ) {
    super(`规则语法错误 / rule syntax error at ${position} in «${source}»: ${reason}`);
    this.name = "RuleSyntaxError";
  }
}

type Token =
  | { type: "number"; value: number; position: number }
  | { type: "name"; value: string; position: number }
  | { type: "sheet"; value: string; position: number }
  | { type: "symbol"; value: string; position: number }
  | { type: "end"; position: number };

const SYMBOLS = ["<=", ">=", "<>", "<", ">", "=", "+", "-", "*", "/", "(", ")", ",", "."];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < source.length) {
    const rest = source.slice(position);
    const space = /^\s+/.exec(rest);
    if (space) {
      position += space[0].length;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(rest);
    if (number) {
      tokens.push({ type: "number", value: Number(number[0]), position });
      position += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name) {
      tokens.push({ type: "name", value: name[0], position });
      position += name[0].length;
      continue;
    }
    // Sheet codes are Chinese form numbers such as 教扶01.
    const sheet = /^\p{Script=Han}+\d*/u.exec(rest);
    if (sheet) {
      tokens.push({ type: "sheet", value: sheet[0], position });
      position += sheet[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
    if (!symbol) throw new RuleSyntaxError(source, position, `unexpected character «${rest[0]}»`);
    tokens.push({ type: "symbol", value: symbol, position });
    position += symbol.length;
  }
  tokens.push({ type: "end", position });
  return tokens;
}

const COMPARISONS = new Set<string>(["<", "<=", ">", ">=", "=", "<>"]);
const FIELD_CODE = /^[A-Z][A-Z0-9_]*$/;

/** Parses one rule-language expression (a check or a computed field's formula). */
export function parseRule(source: string): RuleExpression {
  const tokens = tokenize(source);
  let index = 0;
  const peek = (): Token => tokens[index] as Token;
  const fail = (reason: string): never => {
    throw new RuleSyntaxError(source, peek().position, reason);
  };
  const isSymbol = (value: string) => {
    const token = peek();
    return token.type === "symbol" && token.value === value;
  };
  const isName = (value: string) => {
    const token = peek();
    return token.type === "name" && token.value === value;
  };
  const expectSymbol = (value: string) => {
    if (!isSymbol(value)) fail(`expected «${value}»`);
    index++;
  };

  const parseOr = (): RuleExpression => {
    let left = parseAnd();
    while (isName("or")) {
      index++;
      left = { kind: "logical", operator: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): RuleExpression => {
    let left = parseNot();
    while (isName("and")) {
      index++;
      left = { kind: "logical", operator: "and", left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): RuleExpression => {
    if (isName("not")) {
      index++;
      return { kind: "not", operand: parseNot() };
    }
    return parseComparison();
  };
  const parseComparison = (): RuleExpression => {
    const left = parseSum();
    const token = peek();
    if (token.type === "symbol" && COMPARISONS.has(token.value)) {
      index++;
      return { kind: "comparison", operator: token.value as ComparisonOperator, left, right: parseSum() };
    }
    return left;
  };
  const parseSum = (): RuleExpression => {
    let left = parseProduct();
    while (isSymbol("+") || isSymbol("-")) {
      const operator = (peek() as { value: "+" | "-" }).value;
      index++;
      left = { kind: "arithmetic", operator, left, right: parseProduct() };
    }
    return left;
  };
  const parseProduct = (): RuleExpression => {
    let left = parseUnary();
    while (isSymbol("*") || isSymbol("/")) {
      const operator = (peek() as { value: "*" | "/" }).value;
      index++;
      left = { kind: "arithmetic", operator, left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): RuleExpression => {
    if (isSymbol("-")) {
      index++;
      return { kind: "negate", operand: parseUnary() };
    }
    return parsePrimary();
  };
  const parseReference = (previous: boolean): FieldReference => {
    const token = peek();
    if (token.type === "sheet") {
      index++;
      expectSymbol(".");
      const field = peek();
      if (field.type !== "name" || !FIELD_CODE.test(field.value)) return fail("expected a field code after the sheet code");
      index++;
      return { kind: "field", sheet: token.value, field: field.value, previous };
    }
    if (token.type === "name" && FIELD_CODE.test(token.value) && token.value !== "PERIOD") {
      index++;
      return { kind: "field", field: token.value, previous };
    }
    return fail("expected a field reference");
  };
  const parseArguments = (): RuleExpression[] => {
    expectSymbol("(");
    const args: RuleExpression[] = [];
    if (!isSymbol(")")) {
      args.push(parseOr());
      while (isSymbol(",")) {
        index++;
        args.push(parseOr());
      }
    }
    expectSymbol(")");
    return args;
  };
  const parsePrimary = (): RuleExpression => {
    const token = peek();
    if (token.type === "number") {
      index++;
      return { kind: "number", value: token.value };
    }
    if (isSymbol("(")) {
      index++;
      const inner = parseOr();
      expectSymbol(")");
      return inner;
    }
    if (isName("PERIOD")) {
      index++;
      return { kind: "period" };
    }
    if (isName("prev")) {
      index++;
      expectSymbol("(");
      const reference = parseReference(true);
      expectSymbol(")");
      return reference;
    }
    if (token.type === "name" && (ruleFunctionNames as readonly string[]).includes(token.value)) {
      index++;
      const name = token.value as RuleFunctionName;
      const args = parseArguments();
      checkArity(name, args);
      return { kind: "call", name, args };
    }
    return parseReference(false);
  };
  const checkArity = (name: RuleFunctionName, args: RuleExpression[]) => {
    const needsFields = name === "inPrefecture" || name === "unique";
    if (name === "unique" ? args.length < 1 : args.length !== 1) fail(`wrong number of arguments to ${name}()`);
    if (needsFields && args.some((arg) => arg.kind !== "field" || arg.sheet !== undefined || arg.previous)) {
      fail(`${name}() takes fields of this sheet`);
    }
  };

  const expression = parseOr();
  if (peek().type !== "end") fail("unexpected text after the expression");
  return expression;
}
