import { readdirSync, readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { sampleCountyReport, schoolCounties, syntheticSchoolsSql } from "../support/synthetic-d1.ts";

// The bench's synthetic province of schools (bench/consolidation-store.bench.ts): the SQL it runs with
// `wrangler d1 execute --local --file`, run here on the migrated schema in Node's SQLite.

const migrations = new URL("../../worker/migrations/", import.meta.url);

function migratedDatabase(): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  db.exec("PRAGMA foreign_keys = ON");
  for (const file of readdirSync(migrations).sort()) db.exec(readFileSync(new URL(file, migrations), "utf8"));
  db.exec("INSERT INTO periods (code, edition_id) VALUES ('2019', '323/2019')");
  return db;
}

describe("synthetic schools in D1", () => {
  it("a school reports a valid county report of 55 stored values", () => {
    const county = schoolCounties[5] as string;
    const report = sampleCountyReport(county, { seed: 6 });
    expect(validateReport({ formSet: currentFormSet, unit: reportingUnitOf(county)!, report }).issues).toEqual([]);
  });

  it("fills in steps: each school a county's next revision with its values, each a pending consolidation change; no scratch table left", () => {
    const db = migratedDatabase();
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const first = syntheticSchoolsSql({ period: "2019", from: 0, count: 150 });
    db.exec(first);
    db.exec(syntheticSchoolsSql({ period: "2019", from: 150, count: 150 }));

    expect(count("SELECT count(*) AS n FROM submissions")).toBe(300);
    expect(count("SELECT count(*) AS n FROM submission_values")).toBe(300 * 55);
    expect(count("SELECT count(*) AS n FROM consolidation_changes WHERE folded_at IS NULL")).toBe(300);
    // 300 schools over 137 counties: the first county has revisions 1, 2, 3.
    expect(db.prepare("SELECT revision FROM submissions WHERE unit_code = ?1 ORDER BY revision").all(schoolCounties[0] as string)).toEqual([
      { revision: 1 },
      { revision: 2 },
      { revision: 3 },
    ]);
    const payload = (db.prepare("SELECT payload FROM submissions WHERE unit_code = ?1 LIMIT 1").get(schoolCounties[0] as string) as { payload: string })
      .payload;
    expect(JSON.parse(payload)).toMatchObject({ unitCode: schoolCounties[0], period: "2019" });
    expect(count("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'synthetic_%'")).toBe(0);
    // D1 refuses a statement over 100,000 bytes.
    expect(Math.max(...first.split(";\n").map((statement) => Buffer.byteLength(statement)))).toBeLessThan(100_000);
  });
});
