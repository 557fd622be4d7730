import type { DatabaseSync } from "node:sqlite";
import { migratedSqlite } from "./migrated-sqlite.ts";
import { createTokenSql } from "../cli/local-d1/token-sql.ts";
import { reportScopeOf } from "../shared/units/report-scope.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import { seededRandom } from "../scripts/demo/seeded-random.ts";

// The province of issue 29's comparison target in a SQLite file, built in Node without `wrangler dev`:
// every migration applied, the published 200,833 students in one roster revision per county (by stage
// 15,003 / 128,499 / 17,696 / 11,698 / 27,937, spread over the 137 counties) and a list of 250,000
// people: each county's students less 1–4 (名册有、库无) plus people on no roster (库有、名册无), so the
// comparison's answer is known. Written by plain SQL through the tables' own triggers (0018 records the
// changes as a submit and an upload do); hashes are random 16 bytes, masked IDs well-formed: no ID at all.

export const COMPARISON_PERIOD = "2019";
export const PROVINCE_STUDENTS = [15_003, 128_499, 17_696, 11_698, 27_937];
export const LIST_PEOPLE = 250_000;

export interface ComparisonDb {
  /** The tokens' id the revisions are stored under. */
  tokenId: string;
  /** What the comparison must find. */
  expected: { roster: number; list: number; verified: number; rosterOnly: number; listOnly: number };
  counties: string[];
  /** Random 16-byte hashes as hex, from the database's own generator (seeded). */
  hashes: (count: number) => string[];
}

const hex = (random: () => number) => {
  let text = "";
  for (let word = 0; word < 4; word++)
    text += Math.floor(random() * 2 ** 32)
      .toString(16)
      .padStart(8, "0");
  return text;
};

export async function buildComparisonDb(path: string): Promise<ComparisonDb> {
  const db = migratedSqlite(path);
  const { token, sql } = await createTokenSql({ role: "admin", name: "bench admin" }, "bench");
  db.exec(sql);
  db.prepare("INSERT INTO periods (code, edition_id) SELECT ?, id FROM editions ORDER BY id LIMIT 1").run(COMPARISON_PERIOD);

  const random = seededRandom(29);
  const counties = reportingTree.root.children.flatMap((prefecture) => reportScopeOf(prefecture).rowUnits.map((county) => county.code));
  const share = (total: number, index: number) => Math.floor((total * (index + 1)) / counties.length) - Math.floor((total * index) / counties.length);
  const removedOf = (county: string) => 1 + (Number(county) % 4);
  const rosterTotal = PROVINCE_STUDENTS.reduce((sum, count) => sum + count, 0);
  const removedTotal = counties.reduce((sum, county) => sum + removedOf(county), 0);
  const addedTotal = LIST_PEOPLE - (rosterTotal - removedTotal);

  const insertRevision = db.prepare(
    `INSERT INTO roster_revisions (period_code, unit_code, revision, submitted_by, submitted_at, idempotency_key, content_sha256, students)
     VALUES (?1, ?2, 1, ?3, '2019-11-01T00:00:00.000Z', ?2, ?4, ?5) RETURNING id`,
  );
  const insertStudents = db.prepare(
    `INSERT INTO roster_students (roster_id, position, period_code, id_hash, masked_id, county_code, stage, aided, explained)
     SELECT ?1, j.key, ?2, unhex(j.value ->> 0), ?3 || '********' || printf('%04d', j.key % 10000), ?3, j.value ->> 1, 1, 0 FROM json_each(?4) j`,
  );
  const list: [string, string][] = [];
  db.exec("BEGIN");
  for (const [index, county] of counties.entries()) {
    const students: [string, number][] = [];
    for (const [stage, total] of PROVINCE_STUDENTS.entries()) for (let n = 0; n < share(total, index); n++) students.push([hex(random), stage]);
    const { id } = insertRevision.get(COMPARISON_PERIOD, county, token.id, "0".repeat(64), students.length) as { id: number };
    insertStudents.run(id, COMPARISON_PERIOD, county, JSON.stringify(students));
    // Every seventh student from the start left out of the list; then the county's people on no roster.
    const left = new Set(Array.from({ length: removedOf(county) }, (_, n) => n * 7));
    for (const [position, [hash]] of students.entries()) if (!left.has(position)) list.push([hash, county]);
    for (let n = 0; n < share(addedTotal, index); n++) list.push([hex(random), county]);
  }
  db.exec("COMMIT");

  db.exec("BEGIN");
  storeList(db, token.id, list);
  db.exec("COMMIT");
  db.close();

  return {
    tokenId: token.id,
    expected: { roster: rosterTotal, list: list.length, verified: rosterTotal - removedTotal, rosterOnly: removedTotal, listOnly: addedTotal },
    counties,
    hashes: (count) => Array.from({ length: count }, () => hex(random)),
  };
}

const entryColumns = "unhex(j.value ->> 0), (j.value ->> 1) || '********' || printf('%04d', j.key % 10000), j.value ->> 1, ?2 + j.key FROM json_each(?3) j";

/**
 * The period's list with its upload row, as an upload stores it: into 0015's table, or — where
 * `poverty_list_entries` is the view of the current staged list (migration 0020 of the streamed
 * upload) — staged, counted and made current in the same transaction.
 */
function storeList(db: DatabaseSync, tokenId: string, list: [string, string][]): void {
  const chunks = Array.from(
    { length: Math.ceil(list.length / 10_000) },
    (_, n) => [n * 10_000 + 2, JSON.stringify(list.slice(n * 10_000, (n + 1) * 10_000))] as const,
  );
  const staged = (db.prepare("SELECT type FROM sqlite_master WHERE name = 'poverty_list_entries'").get() as { type: string }).type === "view";
  const upload = (listColumn: string, listValue: string) =>
    db
      .prepare(
        `INSERT INTO poverty_list_uploads (period_code, uploaded_by, uploaded_at, rows_read, valid, invalid, duplicates${listColumn})
         VALUES (?1, ?2, '2019-11-02T00:00:00.000Z', ?3, ?3, 0, 0${listValue})`,
      )
      .run(COMPARISON_PERIOD, tokenId, list.length);
  if (!staged) {
    upload("", "");
    const insert = db.prepare(`INSERT INTO poverty_list_entries (period_code, id_hash, masked_id, county_code, row_number) SELECT ?1, ${entryColumns}`);
    for (const [first, rows] of chunks) insert.run(COMPARISON_PERIOD, first, rows);
    return;
  }
  const { id } = db
    .prepare("INSERT INTO poverty_list_stagings (period_code, started_by, started_at) VALUES (?1, ?2, '2019-11-02T00:00:00.000Z') RETURNING id")
    .get(COMPARISON_PERIOD, tokenId) as { id: number };
  const insert = db.prepare(`INSERT INTO poverty_list_items (list_id, id_hash, masked_id, county_code, row_number) SELECT ?1, ${entryColumns}`);
  for (const [first, rows] of chunks) insert.run(id, first, rows);
  db.prepare("UPDATE poverty_list_stagings SET entries = ?2 WHERE id = ?1").run(id, list.length);
  db.prepare("INSERT INTO poverty_list_current (period_code, list_id) VALUES (?1, ?2)").run(COMPARISON_PERIOD, id);
  upload(", list_id", `, ${id}`);
}
