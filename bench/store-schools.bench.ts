import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchLine } from "./bench-line.ts";
import { cpuMsSince } from "./sqlite-d1.ts";
import { PERIOD, buildSchoolStores } from "./store-schools-db.ts";
import type { SchoolStoreDb } from "./store-schools-db.ts";

// Issue 31, flat where it should be: the synthetic province as distinct units — 1,000 → 10,000 →
// 30,000 schools below Shandong's 137 counties, a level of the tree (test/support/synthetic-schools.ts),
// each a region in D1 with one accepted revision (bench/store-schools-db.ts) — and the Worker's own
// entry points in Node over SQLite, its app built over that tree. Per request, the JavaScript (the
// process's CPU less SQLite's, as bench/store-js.bench.ts measures it) of: a school's submit; the
// queue consumer's invocation that folds it (a school's change is marked seen: its figures reach the
// province through its county's and prefecture's revisions); a prefecture's fold among the schools
// (its counties' rows and the province re-summed); the province's pull. Each ratio 30,000 ÷ 1,000
// schools ≤ 1.2. Alone: `npx tsx bench/store-schools-run.ts`.

const SCHOOLS = [1_000, 10_000, 30_000];
const ROUNDS = 40;
/** Warm-up rounds (every size each): V8's compilers warmed up before anything counts. */
const WARMUP = 20;

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;

const paths = {
  submit: "a school's submit",
  schoolFold: "the fold of a school's submit (one invocation)",
  prefectureFold: "the fold of a prefecture's submit (one invocation)",
  pull: "the province's pull ?wait=0",
} as const;
type Path = keyof typeof paths;

export async function benchStoreSchools(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "tianbao-store-schools-"));
  try {
    const stores = await buildSchoolStores(dir, SCHOOLS);
    const measured = await measureSideBySide(stores);
    const count = (n: number) => n.toLocaleString("en-US");
    const first = measured[0] as Measured;
    const last = measured.at(-1) as Measured;
    return (Object.keys(paths) as Path[]).flatMap((path) => [
      ...SCHOOLS.map((schools, index) =>
        benchLine(
          `store-schools ${paths[path]} JavaScript at ${count(schools)} schools, distinct units (median of ${ROUNDS})`,
          (measured[index] as Measured).javaScript[path],
          "ms",
          { max: 10, text: "≤ 10 ms (Workers Free)" },
        ),
      ),
      benchLine(
        `store-schools ${paths[path]} ${count(SCHOOLS.at(-1) as number)} ÷ ${count(SCHOOLS[0] as number)} schools`,
        last.javaScript[path] / first.javaScript[path],
        "×",
        { max: 1.2, text: "≤ 1.2 ×" },
      ),
      benchLine(
        `store-schools ${paths[path]}: SQLite's CPU (D1's part, not the Worker's) ${count(SCHOOLS.at(-1) as number)} ÷ ${count(SCHOOLS[0] as number)} schools (${first.sqlite[path].toFixed(2)} → ${last.sqlite[path].toFixed(2)} ms)`,
        last.sqlite[path] / first.sqlite[path],
        "×",
        { max: Number.POSITIVE_INFINITY, text: "reported" },
      ),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A path's JavaScript: the process's CPU time while it runs less SQLite's (bench/store-js.bench.ts); and SQLite's. */
async function javaScriptMs(store: SchoolStoreDb, work: () => Promise<unknown>): Promise<{ javaScript: number; sqlite: number }> {
  store.sqlite.cpuMs = 0;
  const start = process.cpuUsage();
  await work();
  return { javaScript: cpuMsSince(start) - store.sqlite.cpuMs, sqlite: store.sqlite.cpuMs };
}

interface Measured {
  javaScript: Record<Path, number>;
  sqlite: Record<Path, number>;
}

/** The response read to its last byte; a failure thrown. */
async function ok(response: Promise<Response>): Promise<number> {
  const answer = await response;
  const bytes = await answer.arrayBuffer();
  if (!answer.ok) throw new Error(`${answer.status} ${new TextDecoder().decode(bytes).slice(0, 300)}`);
  return bytes.byteLength;
}

/** One invocation of the consumer, which must fold the one unit that just submitted. */
async function foldsOne(store: SchoolStoreDb): Promise<void> {
  const { folded, more } = await store.foldOnce();
  if (folded !== 1 || more) throw new Error(`a fold invocation folded ${folded} units (more: ${more}), not the one submitted`);
}

const submitRequest = (unitCode: string, token: string, body: unknown) =>
  new Request(`http://bench.local/api/v1/periods/${PERIOD}/units/${unitCode}/submissions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
    body: JSON.stringify(body),
  });

/**
 * Side by side: each round measures every size once (the order turned each round), so all sizes see
 * the same machine; per size, the school's submit and its fold, the prefecture's submit (not timed)
 * and its fold, the pull.
 */
async function measureSideBySide(stores: readonly SchoolStoreDb[]): Promise<Measured[]> {
  const times = stores.map(() => new Map<Path, { javaScript: number; sqlite: number }[]>(Object.keys(paths).map((path) => [path as Path, []])));
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (let turn = 0; turn < stores.length; turn++) {
      const index = (round + turn) % stores.length;
      const store = stores[index] as SchoolStoreDb;
      const pullRequest = new Request(`http://bench.local/api/v1/periods/${PERIOD}/consolidated?wait=0`, {
        headers: { Authorization: `Bearer ${store.provinceToken}` },
      });
      const schoolBody = store.schoolBody(round);
      const submit = await javaScriptMs(store, () => ok(store.fetch(submitRequest(store.school.code, store.schoolToken, schoolBody))));
      const schoolFold = await javaScriptMs(store, () => foldsOne(store));
      await ok(store.fetch(submitRequest(store.prefecture.code, store.prefectureToken, store.prefectureBody(round))));
      const prefectureFold = await javaScriptMs(store, () => foldsOne(store));
      const pull = await javaScriptMs(store, () => ok(store.fetch(pullRequest)));
      if (round < WARMUP) continue;
      const measured = times[index] as Map<Path, { javaScript: number; sqlite: number }[]>;
      for (const [path, time] of Object.entries({ submit, schoolFold, prefectureFold, pull })) measured.get(path as Path)?.push(time);
    }
  }
  const medians = (measured: Map<Path, { javaScript: number; sqlite: number }[]>, part: "javaScript" | "sqlite") =>
    Object.fromEntries([...measured].map(([path, list]) => [path, median(list.map((time) => time[part]))])) as Record<Path, number>;
  return times.map((measured) => ({ javaScript: medians(measured, "javaScript"), sqlite: medians(measured, "sqlite") }));
}
