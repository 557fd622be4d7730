// Biome's format check and lint hold for the tree (what `npm run check` runs), and each bites:
// a deliberately misformatted file and a deliberate lint finding in a scratch folder are reported.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/repo-root.ts";

const biome = join(repoRoot, "node_modules", "@biomejs", "biome", "bin", "biome");
const run = (args: string[], cwd = repoRoot) => spawnSync(process.execPath, [biome, ...args, "--colors=off"], { cwd, encoding: "utf8" });

describe("Biome", () => {
  it("finds the tree formatted and lint-clean", () => {
    const result = run(["ci", "."]);
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  }, 60_000);

  describe("bites", () => {
    // The repository's rules, in a scratch folder of its own (Biome reads .gitignore paths only under its root).
    const scratch = mkdtempSync(join(tmpdir(), "tianbao-biome-"));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    const { vcs: _vcs, files: _files, $schema: _schema, ...rules } = JSON.parse(readFileSync(join(repoRoot, "biome.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(scratch, "biome.json"), JSON.stringify(rules));

    it("on a misformatted file", () => {
      writeFileSync(join(scratch, "misformatted.ts"), "export const a = {b:1,\n    c:2}\n");
      const result = run(["format", "misformatted.ts"], scratch);
      expect([result.status, `${result.stdout}${result.stderr}`.includes("misformatted.ts")]).toEqual([1, true]);
    });

    it("on an unused import", () => {
      writeFileSync(join(scratch, "unused.ts"), 'import { join } from "node:path";\n\nexport const b = 1;\n');
      const result = run(["lint", "--error-on-warnings", "unused.ts"], scratch);
      expect([result.status, `${result.stdout}${result.stderr}`.includes("noUnusedImports")]).toEqual([1, true]);
    });
  });
});
