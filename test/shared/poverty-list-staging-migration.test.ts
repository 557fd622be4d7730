import { readFileSync, readdirSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";

// Migration 0020 on a database that kept lists under 0015: each period's entries become its current
// list, whole, under its last upload, and the comparison's name, poverty_list_entries, reads them as before.

const migrations = new URL("../../worker/migrations/", import.meta.url);
const STAGING = "0020_poverty_list_staging.sql";

describe("migration 0020 over lists kept by 0015", () => {
  it("keeps each period's list as its current one, under its last upload, read through poverty_list_entries by the same indexes", () => {
    const db = new DatabaseSync(":memory:");
    db.exec("PRAGMA foreign_keys = ON");
    for (const file of readdirSync(migrations).sort()) if (file < STAGING) db.exec(readFileSync(new URL(file, migrations), "utf8"));
    db.exec(`INSERT INTO tokens (id, token_sha256, role, name) VALUES ('t', '${"a".repeat(64)}', 'province', '省');
      INSERT INTO periods (code, edition_id) VALUES ('2019', '323/2019'), ('2020', '323/2019');
      INSERT INTO poverty_list_uploads (period_code, uploaded_by, uploaded_at, rows_read, valid, invalid, duplicates)
      VALUES ('2019', 't', '2019-05-01', 2, 2, 0, 0), ('2019', 't', '2019-06-01', 3, 3, 0, 0), ('2020', 't', '2020-05-01', 1, 1, 0, 0);
      INSERT INTO poverty_list_entries VALUES ('2019', randomblob(16), '370102********1234', '370102', 2), ('2019', randomblob(16), '370102********1235', '370102', 3),
        ('2019', randomblob(16), '370103********1236', '370103', 4), ('2020', randomblob(16), '370102********1237', '370102', 2);`);
    const before = db.prepare("SELECT period_code, hex(id_hash) AS hash, masked_id, county_code, row_number FROM poverty_list_entries ORDER BY 1, 2").all();
    db.exec(readFileSync(new URL(STAGING, migrations), "utf8"));
    expect(db.prepare("SELECT period_code, hex(id_hash) AS hash, masked_id, county_code, row_number FROM poverty_list_entries ORDER BY 1, 2").all()).toEqual(
      before,
    );
    expect(
      db.prepare("SELECT c.period_code, u.uploaded_at FROM poverty_list_current c JOIN poverty_list_uploads u ON u.list_id = c.list_id ORDER BY 1").all(),
    ).toEqual([
      { period_code: "2019", uploaded_at: "2019-06-01" },
      { period_code: "2020", uploaded_at: "2020-05-01" },
    ]);
    expect(db.prepare("SELECT entries FROM poverty_list_stagings ORDER BY id").all()).toEqual([{ entries: 3 }, { entries: 1 }]);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT 1 FROM poverty_list_entries e WHERE e.period_code = '2019' AND e.id_hash = x'00'").all();
    expect(plan.map((step) => step.detail)).toEqual(["SEARCH c USING PRIMARY KEY (period_code=?)", "SEARCH i USING PRIMARY KEY (list_id=? AND id_hash=?)"]);
    expect(() => db.exec("DELETE FROM poverty_list_items")).toThrow("poverty-list-current");
  });
});
