import { DatabaseSync } from "node:sqlite";
import { migratedSqlite } from "./migrated-sqlite.ts";
import { createTokenSql } from "../cli/local-d1/token-sql.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../shared/units/unit-tree.ts";
import { sampleReport, withValue } from "../test/support/sample-report.ts";
import { schoolIdBase, syntheticSchoolsSql } from "../test/support/synthetic-d1.ts";
import { countedWorkerEnv } from "./sqlite-d1.ts";
import type { SqliteD1 } from "./sqlite-d1.ts";

// The synthetic province of bench/consolidation-store.bench.ts built in Node, without `wrangler dev`:
// a SQLite file with every migration applied, a period, a province and 16 prefecture clerks' tokens,
// each prefecture's revision submitted through the Worker's own app, then `schools` schools'
// revisions filled by the same SQL (test/support/synthetic-d1.ts) and everything folded by the
// Worker's own queue consumer. The JavaScript benches of the store (bench/store-js.bench.ts) and the
// CPU profiles (bench/store-js-profile.ts) run the Worker's entry points on it.

export const PERIOD = "2019";

export interface StoreDb {
  db: SqliteD1;
  /** Time spent in SQLite since the last reset (ms; wall and CPU), so a run's JavaScript is its time less this; the D1 queries made (BEGIN and COMMIT not counted). */
  sqlite: { ms: number; cpuMs: number; statements: number };
  provinceToken: string;
  clerkToken: string;
  prefecture: ReportingUnit;
  /** The Worker's app and queue consumer over this database. */
  fetch: (request: Request) => Promise<Response>;
  fold: () => Promise<void>;
  /** One invocation of the queue consumer's fold (at most a batch of units, within `queryBudget` D1 queries; default Paid's): whether more is pending. */
  foldOnce: (queryBudget?: number) => Promise<boolean>;
  /** Adds schools' revisions up to `total` (from where the last call stopped), then folds them. */
  fillSchools: (total: number) => Promise<void>;
  /** The body of the prefecture's next submit (the run-th: one number changed). */
  submitBody: (run: number) => unknown;
}

export async function buildStoreDb(path: string): Promise<StoreDb> {
  const raw = migratedSqlite(path);
  const tokens: string[] = [];
  const tokenOf = async (body: Parameters<typeof createTokenSql>[0]) => {
    const { token, sql } = await createTokenSql(body, "bench");
    raw.exec(sql);
    tokens.push(token.token);
    return token.token;
  };
  const admin = await tokenOf({ role: "admin", name: "bench admin" });
  const provinceToken = await tokenOf({ role: "province", name: "bench 省" });
  const clerks = new Map<string, string>();
  for (const prefecture of reportingTree.root.children)
    clerks.set(prefecture.code, await tokenOf({ role: "clerk", unitCode: prefecture.code, name: `bench ${prefecture.code}` }));
  raw.close();

  const { sqlite, db, env, context } = countedWorkerEnv(path);
  // Worker code, type-checked with the Worker's types: named at run time (as bench/store-heap-child.ts does).
  const appModule = "../worker/app.ts";
  const foldModule = "../worker/services/fold-changes.ts";
  const { createApp } = (await import(appModule)) as { createApp: () => { fetch: (r: Request, e: unknown, c: unknown) => Promise<Response> } };
  const { foldPendingChanges } = (await import(foldModule)) as {
    foldPendingChanges: (db: unknown, period: string, queryBudget?: number) => Promise<{ more: boolean; failed: string[] }>;
  };
  const app = createApp();
  const fetch = (request: Request) => app.fetch(request, env, context);
  const fold = async () => {
    for (let round = 0; round < 10_000; round++) {
      const folded = await foldPendingChanges(env.DB, PERIOD);
      if (folded.failed.length > 0) throw new Error(`fold failed: ${folded.failed.join(", ")}`);
      if (!folded.more) return;
    }
  };
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(
      new Request(`http://bench.local/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return text;
  };
  await call("POST", "/periods", admin, { code: PERIOD });
  for (const [index, prefecture] of reportingTree.root.children.entries())
    await call("POST", `/periods/${PERIOD}/units/${prefecture.code}/submissions`, clerks.get(prefecture.code) as string, {
      report: sampleReport(prefecture, { seed: index + 1, period: PERIOD }),
      basedOnRevision: null,
    });
  await fold();

  const prefecture = reportingTree.root.children[0] as ReportingUnit;
  const report = sampleReport(prefecture, { seed: 1, period: PERIOD });
  const county = prefecture.children[0]?.code as string;
  let filled = 0;
  let revision = 1;
  const fillDb = new DatabaseSync(path);
  return {
    db,
    sqlite,
    provinceToken,
    clerkToken: clerks.get(prefecture.code) as string,
    prefecture,
    fetch,
    fold,
    foldOnce: async (queryBudget) => {
      const folded = await foldPendingChanges(env.DB, PERIOD, queryBudget);
      if (folded.failed.length > 0) throw new Error(`fold failed: ${folded.failed.join(", ")}`);
      return folded.more;
    },
    fillSchools: async (total) => {
      if (total > filled) {
        // The Worker's revisions since the last fill took the ids after the schools' (max + 1): the next schools start above them.
        const { top } = fillDb.prepare("SELECT max(id) AS top FROM submissions").get() as { top: number };
        const from = Math.max(filled, top + 1 - schoolIdBase);
        fillDb.exec(syntheticSchoolsSql({ period: PERIOD, from, count: total - filled }));
        filled = total;
      }
      await fold();
    },
    submitBody: (run) => ({
      report: withValue(report, "教扶04", county, "E04_NEW_RURAL", 900 + run),
      basedOnRevision: revision++,
      resubmissionReason: "bench: JavaScript of a submit",
    }),
  };
}
