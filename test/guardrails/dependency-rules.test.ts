// The dependency rules of .dependency-cruiser.cjs hold for the tree, and each one bites: a
// deliberate violation of it, written to a scratch tree, is reported under its name.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cruise } from "dependency-cruiser";
import type { IConfiguration } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/repo-root.ts";

const config = createRequire(import.meta.url)(join(repoRoot, ".dependency-cruiser.cjs")) as IConfiguration;

async function violations(baseDir: string, folders: string[]): Promise<string[]> {
  const result = await cruise(
    folders,
    { ...config.options, ruleSet: { forbidden: config.forbidden }, baseDir, validate: true, tsConfig: undefined, tsPreCompilationDeps: true },
    { extensions: [".ts"] },
  );
  if (typeof result.output === "string") throw new Error(result.output);
  return result.output.summary.violations.map((violation) => `${violation.rule.name} ${violation.from} → ${violation.to}`);
}

describe("dependency rules", () => {
  it("hold for shared/, worker/, addin/ and cli/", async () => {
    expect(await violations(repoRoot, ["shared", "worker", "addin", "cli"])).toEqual([]);
  }, 60_000);

  describe("each bites on a deliberate violation", () => {
    const scratch = mkdtempSync(join(tmpdir(), "tianbao-deps-"));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    const files: Record<string, string> = {
      "shared/uses-worker.ts": 'import { w } from "../worker/w.ts";\nexport const a = w;\n',
      "shared/uses-node.ts": 'import { readFileSync } from "node:fs";\nexport const n = readFileSync;\n',
      "cli/uses-scripts.ts": 'import { s } from "../scripts/s.ts";\nexport const c = s;\n',
      "addin/uses-worker.ts": 'import { w } from "../worker/w.ts";\nexport const x = w;\n',
      "worker/w.ts": 'import { q } from "./q.ts";\nexport const w = q;\n',
      "worker/q.ts": 'import { w } from "./w.ts";\nexport const q = () => w;\n',
      "scripts/s.ts": "export const s = 1;\n",
      // The knot shared/ had: report/ used validate/'s typed report, which used report/'s data. No module
      // imports in a cycle, yet the two folders do.
      "shared/report/data.ts": "export const d = 1;\n",
      "shared/report/diff.ts": 'import { t } from "../validate/typed.ts";\nexport const f = t;\n',
      "shared/validate/typed.ts": 'import { d } from "../report/data.ts";\nexport const t = d;\n',
      "worker/routes/r.ts": 'import { d } from "../db/d.ts";\nexport const r = d;\n',
      "worker/db/d.ts": "export const d = 1;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), text);
    }

    it.each([
      ["shared-imports-only-shared", "shared/uses-worker.ts → worker/w.ts"],
      ["shared-uses-no-node", "shared/uses-node.ts → fs"],
      ["product-imports-no-tooling", "cli/uses-scripts.ts → scripts/s.ts"],
      ["adapters-import-shared-and-themselves", "addin/uses-worker.ts → worker/w.ts"],
      ["no-cycles", "worker/"],
      ["no-folder-cycles", "shared/report → shared/validate"],
      ["routes-reach-db-through-services", "worker/routes/r.ts → worker/db/d.ts"],
    ])("%s", async (rule, edge) => {
      expect((await violations(scratch, ["shared", "cli", "addin", "worker"])).some((violation) => violation.startsWith(`${rule} ${edge}`))).toBe(true);
    });
  });
});
