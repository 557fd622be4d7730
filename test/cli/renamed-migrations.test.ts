// The reconciliation of migrations renamed after they landed (cli/local-d1/renamed-migrations.ts): which
// databases get it, and that its delta is what the new file adds. The upgrade itself, on a real local D1,
// is test/e2e/migration-upgrade.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reconcileSql, renamedMigrations, renamesToReconcile } from "../../cli/local-d1/renamed-migrations.ts";
import { repoRoot } from "../../scripts/lib/repo-root.ts";

const [counties] = renamedMigrations;

describe("renamed migrations", () => {
  it("are reconciled only where the old name is recorded and the new one is not", () => {
    expect(renamesToReconcile(["0006_stamped_copies.sql", "0007_level_deadlines.sql"])).toEqual([counties]);
    expect(renamesToReconcile(["0007_level_deadlines.sql", "0007_counties.sql"])).toEqual([]);
    expect(renamesToReconcile(["0007_counties.sql"])).toEqual([]);
    expect(renamesToReconcile([])).toEqual([]);
  });

  it("0007's delta is the statement 0007_counties.sql added to 0007_level_deadlines.sql, and the record follows it", () => {
    const file = readFileSync(join(repoRoot, "worker", "migrations", "0007_counties.sql"), "utf8");
    const statements = file
      .replace(/^--.*$/gm, "")
      .split(";")
      .map((statement) => statement.trim())
      .filter(Boolean);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^CREATE TABLE period_level_deadlines/);
    expect(`${statements[1]};`).toBe(counties!.delta);
    expect(reconcileSql(counties!)).toBe(`${counties!.delta}\nINSERT INTO d1_migrations (name) VALUES ('0007_counties.sql');`);
  });
});
