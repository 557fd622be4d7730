// Migrations are append-only: wrangler records an applied migration by its file name alone, so a
// landed file edited in place never reaches a database that applied it, and a renamed one is applied
// again on top of itself. landed-migrations.json pins each landed file's name and SHA-256; a new file
// after them is fine, anything else fails here. Each check bites on a scratch list.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/repo-root.ts";
import landedList from "./landed-migrations.json" with { type: "json" };

const migrationsDir = join(repoRoot, "worker", "migrations");

/** File name → SHA-256 of the migrations on disk. */
function migrationsOnDisk(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(migrationsDir)
      .filter((name) => name.endsWith(".sql"))
      .map((name) => [
        name,
        createHash("sha256")
          .update(readFileSync(join(migrationsDir, name)))
          .digest("hex"),
      ]),
  );
}

const numberOf = (name: string) => Number.parseInt(name.slice(0, 4), 10);

/** What breaks append-only, one line each, Chinese then English. */
function appendOnlyViolations(landed: Record<string, string>, onDisk: Record<string, string>): string[] {
  const violations: string[] = [];
  for (const [name, sha256] of Object.entries(landed)) {
    if (!(name in onDisk))
      violations.push(`已落地的迁移 ${name} 被删除或改名，请改为新增迁移 / landed migration ${name} was removed or renamed: add a new migration instead`);
    else if (onDisk[name] !== sha256)
      violations.push(`已落地的迁移 ${name} 被修改，请改为新增迁移 / landed migration ${name} was changed: add a new migration instead`);
  }
  const lastLanded = Math.max(...Object.keys(landed).map(numberOf));
  for (const name of Object.keys(onDisk).filter((name) => !(name in landed))) {
    if (!/^\d{4}_[a-z0-9_]+\.sql$/.test(name) || numberOf(name) <= lastLanded) {
      violations.push(
        `新迁移 ${name} 须编号在已落地的迁移之后（${String(lastLanded).padStart(4, "0")} 之后）/ new migration ${name} must be numbered after the landed ones (after ${String(lastLanded).padStart(4, "0")}): add a new migration instead`,
      );
    }
  }
  return violations;
}

describe("landed migrations", () => {
  it("are on disk byte for byte under their names; new ones come after them", () => {
    expect(appendOnlyViolations(landedList.landed, migrationsOnDisk())).toEqual([]);
  });

  it("are numbered from 0001 without a gap", () => {
    const numbers = Object.keys(landedList.landed).map(numberOf);
    expect(numbers).toEqual(numbers.map((_, index) => index + 1));
  });

  describe("each check bites", () => {
    const onDisk = migrationsOnDisk();
    const without = (name: string) => Object.fromEntries(Object.entries(onDisk).filter(([other]) => other !== name));

    it("an edit in place", () => {
      const edited = { ...onDisk, "0005_edition_323_2019_definition.sql": "0".repeat(64) };
      expect(appendOnlyViolations(landedList.landed, edited)).toEqual([
        "已落地的迁移 0005_edition_323_2019_definition.sql 被修改，请改为新增迁移 / landed migration 0005_edition_323_2019_definition.sql was changed: add a new migration instead",
      ]);
    });

    it("a rename (the 0007_level_deadlines.sql → 0007_counties.sql of issue 22)", () => {
      const renamed = { ...without("0007_counties.sql"), "0007_level_deadlines.sql": onDisk["0007_counties.sql"]! };
      const violations = appendOnlyViolations(landedList.landed, renamed);
      expect(violations).toHaveLength(2);
      expect(violations[0]).toContain("landed migration 0007_counties.sql was removed or renamed: add a new migration instead");
      const last = Object.keys(landedList.landed).sort().at(-1)!.slice(0, 4);
      expect(violations[1]).toContain(`new migration 0007_level_deadlines.sql must be numbered after the landed ones (after ${last})`);
    });

    it("a removal", () => {
      expect(appendOnlyViolations(landedList.landed, without("0008_consolidation_store.sql"))).toHaveLength(1);
    });

    it("but not a new migration after the landed ones", () => {
      expect(appendOnlyViolations(landedList.landed, { ...onDisk, "0042_something_new.sql": "f".repeat(64) })).toEqual([]);
    });
  });
});
