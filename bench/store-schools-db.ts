import { createHash } from "node:crypto";
import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { migratedSqlite } from "./migrated-sqlite.ts";
import { countedWorkerEnv } from "./sqlite-d1.ts";
import type { SqliteD1 } from "./sqlite-d1.ts";
import { canonicalJson } from "../shared/report/canonical-json.ts";
import { reportValues } from "../shared/report/report-values.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import type { ReportingUnit, UnitTree } from "../shared/units/unit-tree.ts";
import { generateTokenSecret } from "../shared/values/token-secret.ts";
import { currentFormSet } from "../test/support/current-form-set.ts";
import { sampleReport, withValue } from "../test/support/sample-report.ts";
import { insertRegionSql, sampleSchoolReport, schoolCodeOf, schoolRegionRow, schoolTree } from "../test/support/synthetic-schools.ts";

// Issue 31: the synthetic province as distinct units — Shandong's prefectures and counties with a
// level of schools below the counties (test/support/synthetic-schools.ts) — in a SQLite file built
// like a local D1 (every migration), for the Worker's own code in Node (bench/store-schools.bench.ts).
// One file per size (buildSchoolStores), each opened with the Worker's app built over the tree of
// exactly the schools in it, so each is a province of that many units, measured side by side.

export const PERIOD = "2019";

export interface SchoolStoreDb {
  schools: number;
  db: SqliteD1;
  /** Time in SQLite since the last reset (ms, wall and CPU) and the D1 queries made. */
  sqlite: { ms: number; cpuMs: number; statements: number };
  provinceToken: string;
  /** The first school and its clerk's token; a prefecture and its clerk's. */
  school: ReportingUnit;
  schoolToken: string;
  prefecture: ReportingUnit;
  prefectureToken: string;
  /** The Worker's app over the tree of this many schools. */
  fetch: (request: Request) => Promise<Response>;
  /** One invocation of the queue consumer's fold: the units it folded, whether more is pending. */
  foldOnce: () => Promise<{ folded: number; more: boolean }>;
  /** The bodies of the school's and the prefecture's next submits (one number changed each time). */
  schoolBody: (run: number) => unknown;
  prefectureBody: (run: number) => unknown;
}

/** A token row straight into the database (as `tianbao token create --local` writes it); its secret. */
function insertToken(raw: DatabaseSync, role: "province" | "clerk", unitCode: string | null): string {
  const secret = generateTokenSecret();
  raw
    .prepare("INSERT INTO tokens (id, token_sha256, role, unit_code, name) VALUES (?, ?, ?, ?, ?)")
    .run(`bench-${role}-${unitCode ?? "province"}`, createHash("sha256").update(secret).digest("hex"), role, unitCode, `bench ${unitCode ?? "省"}`);
  return secret;
}

// Worker code, type-checked with the Worker's types: named at run time (as bench/store-js-db.ts does).
type App = { fetch: (r: Request, e: unknown, c: unknown) => Promise<Response> };
type FoldPendingChanges = (db: unknown, period: string) => Promise<{ folded: number; more: boolean; failed: string[] }>;
async function workerCode(): Promise<{ createApp: (tree?: UnitTree) => App; foldPendingChanges: FoldPendingChanges }> {
  const appModule = "../worker/app.ts";
  const foldModule = "../worker/services/fold-changes.ts";
  const { createApp } = (await import(appModule)) as { createApp: (tree?: UnitTree) => App };
  const { foldPendingChanges } = (await import(foldModule)) as { foldPendingChanges: FoldPendingChanges };
  return { createApp, foldPendingChanges };
}

interface Tokens {
  province: string;
  clerks: Map<string, string>;
  school: string;
}

/** The Worker's app and queue consumer over one database file, with the tree of `schools` schools. */
async function openStore(path: string, schools: number, tokens: Tokens, revisions: { school: number; prefecture: number }): Promise<SchoolStoreDb> {
  const { createApp, foldPendingChanges } = await workerCode();
  const { sqlite, db, env, context } = countedWorkerEnv(path);
  const tree = schoolTree(schools);
  const app = createApp(tree);
  const prefecture = reportingTree.root.children[0] as ReportingUnit;
  const prefectureReport = sampleReport(prefecture, { seed: 1, period: PERIOD });
  const county = prefecture.children[0]?.code as string;
  const school = tree.unit(schoolCodeOf(0)) as ReportingUnit;
  let { school: schoolRevision, prefecture: prefectureRevision } = revisions;
  return {
    schools,
    db,
    sqlite,
    provinceToken: tokens.province,
    school,
    schoolToken: tokens.school,
    prefecture,
    prefectureToken: tokens.clerks.get(prefecture.code) as string,
    fetch: (request) => app.fetch(request, env, context),
    foldOnce: async () => {
      const folded = await foldPendingChanges(env.DB, PERIOD);
      if (folded.failed.length > 0) throw new Error(`fold failed: ${folded.failed.join(", ")}`);
      return { folded: folded.folded, more: folded.more };
    },
    schoolBody: (run) => ({
      report: withValue(sampleSchoolReport(school, { seed: 1, period: PERIOD }), "教扶04", school.code, "E04_NEW_RURAL", 900 + run),
      basedOnRevision: schoolRevision++,
      resubmissionReason: "bench: JavaScript of a school's submit",
    }),
    prefectureBody: (run) => ({
      report: withValue(prefectureReport, "教扶04", county, "E04_NEW_RURAL", 900 + run),
      basedOnRevision: prefectureRevision++,
      resubmissionReason: "bench: a prefecture's fold among the schools",
    }),
  };
}

/**
 * One database per size in `dir` (sizes ascending), each the province with that many schools, every
 * change folded: the 16 prefectures submitted through the Worker's app, then schools added up to each
 * size (a region and one accepted revision each) and folded by the Worker's consumer, the file copied
 * (VACUUM INTO) before the next size's schools are added. The stores can then be measured side by side.
 */
export async function buildSchoolStores(dir: string, sizes: readonly number[]): Promise<SchoolStoreDb[]> {
  const path = join(dir, "base.sqlite");
  const raw = migratedSqlite(path);
  raw.prepare("INSERT INTO periods (code, edition_id) VALUES (?, '323/2019')").run(PERIOD);
  const province = insertToken(raw, "province", null);
  const clerks = new Map(reportingTree.root.children.map((prefecture) => [prefecture.code, insertToken(raw, "clerk", prefecture.code)]));
  // Every school's first revision is filed by one token of the bench's (the measured submits by the school's own clerk).
  raw
    .prepare("INSERT INTO tokens (id, token_sha256, role, unit_code, name) VALUES ('bench-school-filer', ?, 'province', NULL, 'bench schools')")
    .run("5c".repeat(32));
  const first = schoolTree(1).unit(schoolCodeOf(0)) as ReportingUnit;
  raw.prepare(insertRegionSql.replace(/\?\d/g, "?")).run(...schoolRegionRow(first));
  const tokens: Tokens = { province, clerks, school: insertToken(raw, "clerk", first.code) };

  const base = await openStore(path, 0, tokens, { school: 0, prefecture: 1 });
  for (const [index, prefecture] of reportingTree.root.children.entries()) {
    const response = await base.fetch(
      new Request(`http://bench.local/api/v1/periods/${PERIOD}/units/${prefecture.code}/submissions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${clerks.get(prefecture.code)}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
        body: JSON.stringify({ report: sampleReport(prefecture, { seed: index + 1, period: PERIOD }), basedOnRevision: null }),
      }),
    );
    if (!response.ok) throw new Error(`submit ${prefecture.code}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  }

  const insertSubmission = raw.prepare(
    `INSERT INTO submissions (period_code, unit_code, revision, edition_id, submitted_by, submitted_at, payload, payload_sha256, status, idempotency_key)
     VALUES (?, ?, 1, '323/2019', 'bench-school-filer', ?, ?, ?, 'accepted', ?) RETURNING id`,
  );
  const insertValue = raw.prepare(
    "INSERT INTO submission_values (submission_id, sheet_code, row_key, field_code, number_value, text_value) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insertRegion = raw.prepare(insertRegionSql.replace(/\?\d/g, "?"));
  const stores: SchoolStoreDb[] = [];
  let filled = 0;
  for (const size of sizes) {
    const schools = schoolTree(size).units.filter((unit) => unit.level.code === "school");
    raw.exec("BEGIN");
    for (const [index, unit] of schools.entries()) {
      if (index < filled) continue;
      if (index > 0) insertRegion.run(...schoolRegionRow(unit));
      const report = sampleSchoolReport(unit, { seed: 1 + (index % 997), period: PERIOD });
      const payload = canonicalJson(report);
      const sha256 = createHash("sha256").update(payload).digest("hex");
      const { id } = insertSubmission.get(PERIOD, unit.code, `${Number(PERIOD) + 1}-01-10T08:00:00.000Z`, payload, sha256, `bench-school-${unit.code}`) as {
        id: number;
      };
      for (const value of reportValues(currentFormSet, unit, report))
        insertValue.run(id, value.sheetCode, value.rowKey, value.fieldCode, value.numberValue, value.textValue);
    }
    raw.exec("COMMIT");
    filled = size;
    while ((await base.foldOnce()).more);
    const copy = join(dir, `schools-${size}.sqlite`);
    raw.prepare("VACUUM INTO ?").run(copy);
    stores.push(await openStore(copy, size, tokens, { school: 1, prefecture: 1 }));
  }
  raw.close();
  return stores;
}
