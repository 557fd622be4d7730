import { join } from "node:path";
import ts from "typescript";
import { repoRoot } from "../../../scripts/lib/wrangler.ts";

/** A member of office.js used by the code, with the ExcelApi version its declaration is annotated with. */
export interface ExcelApiUse {
  file: string;
  line: number;
  /** "Workbook.insertWorksheetsFromBase64" */
  member: string;
  version: string;
  /** The version of the isSetSupported("ExcelApi", …) check around the use, if any. */
  guardedBy?: string;
}

const API_SET = /\[Api set: ExcelApi (\d+)\.(\d+)/;
const GUARD = /Office\.context\.requirements\.isSetSupported\(\s*["']ExcelApi["']\s*,\s*["'](\d+\.\d+)["']\s*\)/;

const versionNumber = (version: string) => {
  const [major, minor] = version.split(".").map(Number);
  return (major ?? 0) * 1000 + (minor ?? 0);
};

/** The ExcelApi version a declaration is annotated with (`[Api set: ExcelApi 1.13]` in its doc comment). */
function annotatedVersion(declaration: ts.Declaration): string | undefined {
  const source = declaration.getSourceFile();
  const comments = ts.getLeadingCommentRanges(source.text, declaration.getFullStart()) ?? [];
  for (const comment of comments) {
    const match = API_SET.exec(source.text.slice(comment.pos, comment.end));
    if (match) return `${match[1]}.${match[2]}`;
  }
  return undefined;
}

/** The version an enclosing `if (Office.context.requirements.isSetSupported("ExcelApi", v))` guarantees (then-branch only). */
function guardAround(node: ts.Node): string | undefined {
  let best: string | undefined;
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child) {
      const match = GUARD.exec(parent.expression.getText());
      if (match && (!best || versionNumber(match[1] as string) > versionNumber(best))) best = match[1];
    }
  }
  return best;
}

/**
 * Every office.js member the files use (property accesses and calls resolved by the type checker to
 * declarations in @types/office-js), with its ExcelApi version and guard.
 */
export function excelApiUses(files: string[]): ExcelApiUse[] {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    typeRoots: [join(repoRoot, "node_modules", "@types")],
    types: ["office-js"],
  });
  const checker = program.getTypeChecker();
  const uses: ExcelApiUse[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not in the program: ${file}`);
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const declarations = (symbol?.declarations ?? []).filter((declaration) => declaration.getSourceFile().fileName.includes("@types/office-js"));
        const versions = declarations.map(annotatedVersion).filter((version): version is string => version !== undefined);
        if (versions.length > 0) {
          const version = versions.reduce((lowest, candidate) => (versionNumber(candidate) < versionNumber(lowest) ? candidate : lowest));
          // A member's owner is its class or interface; a namespace function's (Excel.createWorkbook) sits in the namespace's module block.
          const parent = declarations[0]?.parent;
          const ownerNode = parent && ts.isModuleBlock(parent) ? parent.parent : parent;
          const owner = ownerNode && "name" in ownerNode ? (ownerNode.name as ts.Node | undefined)?.getText() : undefined;
          const guardedBy = guardAround(node);
          uses.push({
            file,
            line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            member: owner ? `${owner}.${node.name.text}` : node.name.text,
            version,
            ...(guardedBy ? { guardedBy } : {}),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

/** Uses above `baseline` not inside a guard for at least their version. */
export function unguardedAbove(uses: ExcelApiUse[], baseline: string): ExcelApiUse[] {
  return uses.filter(
    (use) => versionNumber(use.version) > versionNumber(baseline) && !(use.guardedBy && versionNumber(use.guardedBy) >= versionNumber(use.version)),
  );
}
