// Each function of the pane's UI (addin/ui) does one thing and fits a screen: at most 80 lines,
// counted with the TypeScript compiler over function declarations, function expressions, arrow
// functions, methods, accessors and constructors (a nested function counts inside its parent too).
// The check also bites on a made-up long function.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/repo-root.ts";

const maxLines = 80;
const uiFolder = join(repoRoot, "addin", "ui");

interface FunctionLength {
  where: string;
  lines: number;
}

/** A readable name for a function node: its own name, the variable or property it is assigned to, or its line. */
function nameOf(node: ts.Node, source: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (named.name) return named.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(source);
  return `<anonymous line ${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}>`;
}

/** The length in lines of every function in one TypeScript text. */
function functionLengths(fileName: string, text: string): FunctionLength[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lengths: FunctionLength[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      lengths.push({ where: `${fileName} ${nameOf(node, source)}`, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lengths;
}

function uiFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return uiFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("UI function length", () => {
  const lengths = uiFiles(uiFolder).flatMap((path) => functionLengths(relative(repoRoot, path), readFileSync(path, "utf8")));

  it(`finds no function in addin/ui longer than ${maxLines} lines`, () => {
    const longest = [...lengths].sort((a, b) => b.lines - a.lines).slice(0, 10);
    console.info(`The longest functions in addin/ui:\n${longest.map((f) => `  ${String(f.lines).padStart(4)}  ${f.where}`).join("\n")}`);
    expect(lengths.filter((f) => f.lines > maxLines)).toEqual([]);
  });

  it("measures functions of every kind, so the check bites", () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join("\n");
    const text = [
      `export function declared() {\n${body(maxLines - 1)}\n}`,
      `const arrow = () => {\n${body(maxLines - 2)}\n};`,
      `class View {\n  method() {\n${body(3)}\n  }\n  constructor() {}\n}`,
      `const object = { render: function () { return 1; } };`,
    ].join("\n");
    expect(functionLengths("made-up.ts", text).map((f) => `${f.where.replace("made-up.ts ", "")} ${f.lines}`)).toEqual([
      `declared ${maxLines + 1}`,
      `arrow ${maxLines}`,
      "method 5",
      "constructor 1",
      "render 1",
    ]);
  });
});
