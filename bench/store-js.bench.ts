import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchLine } from "./bench-line.ts";
import { cpuMsSince } from "./sqlite-d1.ts";
import { PERIOD, buildStoreDb } from "./store-js-db.ts";
import type { StoreDb } from "./store-js-db.ts";
import { formSetOf, newPeriodEdition } from "../shared/forms/form-set.ts";
import type { FormSet } from "../shared/forms/form-set.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { validateReport } from "../shared/validate/validate-report.ts";

// Issue 31: each invocation's JavaScript within Workers Free's 10 ms of CPU, beside its floor. The
// Worker's own entry points (its Hono app, its queue consumer's fold) run in Node over a SQLite file
// built like the bench's local D1 (bench/store-js-db.ts: 16 prefectures' revisions, then 1,000 →
// 10,000 → 30,000 schools' revisions under the 137 counties); the process's CPU time less SQLite's
// (and D1's JSON answer, bench/sqlite-d1.ts), so what is left is the CPU a deployed Worker pays.
// Beside each path, run in the same rounds, its floor: the cheapest JavaScript doing the part no
// implementation can skip —
//   submit: JSON.parse of the body, one pass over its values, SHA-256 of the report's JSON;
//   pull:   the response built from the same stored-total rows (units → sheets → fields) and JSON.stringify'd;
//   fold:   one pass over the changed revision's values and over its ancestors' stored totals.
// Targets: submit and pull ≤ 10 ms and ≤ 3 × their floor, a fold ≤ 10 ms per invocation (the worst:
// every change of the period pending, a full batch of units), a submit flat in the stored history
// (30,000 ÷ 1,000 schools' revisions ≤ 1.2 ×). Beside the submit, the validation it must run (validateReport
// of the parsed report) alone, and its ratio to the submit's floor. Quick run of this part alone:
// `npx tsx bench/store-js-run.ts`; before and after side by side: `npx tsx bench/store-js-compare.ts <checkout>`.

const SCHOOLS = [1_000, 10_000, 30_000];
const ROUNDS = 40;
/** Warm-up rounds at each size; the first size also warms V8's compilers up (it ran slower than the later sizes with 10). */
const WARMUP = 10;
const FIRST_WARMUP = 40;
const FOLD_ROUNDS = 7;

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;

interface Measured {
  submit: number;
  submitFloor: number;
  validation: number;
  pull: number;
  pullFloor: number;
  fold: number;
  foldFloor: number;
}

export async function benchStoreJs(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "tianbao-store-js-"));
  try {
    const store = await buildStoreDb(join(dir, "d1.sqlite"));
    const measured = new Map<number, Measured>();
    let worstFold = 0;
    let freeFold: FoldInvocations | undefined;
    let paidFold: FoldInvocations | undefined;
    for (const schools of SCHOOLS) {
      await store.fillSchools(schools);
      measured.set(schools, await measureAt(store, schools === SCHOOLS[0] ? FIRST_WARMUP : WARMUP));
      if (schools === SCHOOLS.at(-1)) {
        worstFold = await worstFoldMs(store);
        paidFold = await foldInvocations(store);
        freeFold = await foldInvocations(store, FREE_QUERIES);
      }
    }
    const count = (n: number) => n.toLocaleString("en-US");
    const last = measured.get(SCHOOLS.at(-1) as number) as Measured;
    const first = measured.get(SCHOOLS[0] as number) as Measured;
    const at = `at ${count(SCHOOLS.at(-1) as number)} schools`;
    const free = { max: 10, text: "≤ 10 ms (Workers Free)" };
    return [
      ...SCHOOLS.map((schools) =>
        benchLine(
          `store-js.submit JavaScript at ${count(schools)} schools' revisions stored (median of ${ROUNDS})`,
          (measured.get(schools) as Measured).submit,
          "ms",
          free,
        ),
      ),
      benchLine(`store-js.submit floor ${at} (JSON.parse, one pass over the values, SHA-256 of the report)`, last.submitFloor, "ms", {
        max: Number.POSITIVE_INFINITY,
        text: "floor",
      }),
      benchLine(`store-js.submit ÷ its floor ${at}`, last.submit / last.submitFloor, "×", { max: 3, text: "≤ 3 ×" }),
      benchLine(`store-js.submit's validation alone ${at} (validateReport of the parsed report, as the submit runs it)`, last.validation, "ms", {
        max: Number.POSITIVE_INFINITY,
        text: "reported",
      }),
      benchLine(`store-js.submit's validation alone ÷ the submit's floor ${at}`, last.validation / last.submitFloor, "×", {
        max: Number.POSITIVE_INFINITY,
        text: "reported",
      }),
      benchLine(
        `store-js.submit ${count(SCHOOLS.at(-1) as number)} ÷ ${count(SCHOOLS[0] as number)} schools' revisions stored`,
        last.submit / first.submit,
        "×",
        { max: 1.2, text: "≤ 1.2 ×" },
      ),
      ...SCHOOLS.map((schools) =>
        benchLine(`store-js.pull ?wait=0 JavaScript at ${count(schools)} schools (median of ${ROUNDS})`, (measured.get(schools) as Measured).pull, "ms", free),
      ),
      benchLine(`store-js.pull floor ${at} (the stored totals' rows as units → sheets → fields, JSON.stringify)`, last.pullFloor, "ms", {
        max: Number.POSITIVE_INFINITY,
        text: "floor",
      }),
      benchLine(`store-js.pull ÷ its floor ${at}`, last.pull / last.pullFloor, "×", { max: 3, text: "≤ 3 ×" }),
      benchLine(`store-js.fold of one submit JavaScript ${at} (median of ${ROUNDS})`, last.fold, "ms", free),
      benchLine(`store-js.fold floor ${at} (one pass over the revision's values and its ancestors' totals)`, last.foldFloor, "ms", {
        max: Number.POSITIVE_INFINITY,
        text: "floor",
      }),
      benchLine(`store-js.fold of one submit ÷ its floor ${at}`, last.fold / last.foldFloor, "×", { max: Number.POSITIVE_INFINITY, text: "reported" }),
      benchLine(
        `store-js.fold worst invocation JavaScript ${at} (every change pending, a full batch of units; median of ${FOLD_ROUNDS})`,
        worstFold,
        "ms",
        free,
      ),
      ...(
        [
          ["Paid, 1,000", paidFold],
          [`Free, ${FREE_QUERIES}`, freeFold],
        ] as const
      ).flatMap(([plan, folds]) => [
        benchLine(
          `store-js.fold invocation ${at}, D1 queries ≤ ${plan}: the most D1 queries in one (every change pending, ${folds!.invocations} invocations to fold them all)`,
          folds!.maxQueries,
          "queries",
          { max: plan.startsWith("Free") ? FREE_QUERIES : 1000, text: `≤ ${plan.split(", ")[1]}` },
        ),
        benchLine(`store-js.fold invocation ${at}, D1 queries ≤ ${plan}: the slowest one's JavaScript`, folds!.maxMs, "ms", free),
      ]),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A path's JavaScript: the process's CPU time while it runs less SQLite's (and D1's answer made).
 * CPU, not wall time: Workers count CPU, and on a shared machine wall time also counts waiting for a
 * core (a crypto.subtle digest, run on libuv's pool, waited milliseconds for one).
 */
async function javaScriptMs(store: StoreDb, work: () => Promise<unknown>): Promise<number> {
  store.sqlite.cpuMs = 0;
  const start = process.cpuUsage();
  await work();
  return cpuMsSince(start) - store.sqlite.cpuMs;
}

/** The response read to its last byte (not decoded: the client's work, not the Worker's); a failure thrown. */
async function ok(response: Promise<Response>): Promise<number> {
  const answer = await response;
  const bytes = await answer.arrayBuffer();
  if (!answer.ok) throw new Error(`${answer.status} ${new TextDecoder().decode(bytes).slice(0, 300)}`);
  return bytes.byteLength;
}

/** Submit, its fold and a pull, each beside its floor, round by round. */
async function measureAt(store: StoreDb, warmup: number): Promise<Measured> {
  const times = { submit: [], submitFloor: [], validation: [], pull: [], pullFloor: [], fold: [], foldFloor: [] } as Record<keyof Measured, number[]>;
  const formSet = formSetOf(newPeriodEdition) as FormSet;
  // The floors' inputs, read once: the stored totals a pull reads, the prefecture's revision's values and its ancestors' totals.
  const totals = (
    await store.db
      .prepare("SELECT unit_code, sheet_code, field_code, amount FROM consolidation_totals WHERE period_code = ?1 AND inclusion = 'latest'")
      .bind(PERIOD)
      .all()
  ).results as { unit_code: string; sheet_code: string; field_code: string; amount: number }[];
  const ancestors = new Set([store.prefecture.code, "370000"]);
  const ancestorTotals = totals.filter((total) => ancestors.has(total.unit_code));
  for (let round = 0; round < warmup + ROUNDS; round++) {
    const body = JSON.stringify(store.submitBody(round));
    const submitMs = await javaScriptMs(store, () => ok(store.fetch(submitRequest(store, body))));
    const submitFloorMs = await timedAsync(() => submitFloor(body));
    const { report } = JSON.parse(body) as { report: ReportData };
    const validationMs = timed(() => validateReport({ formSet, unit: store.prefecture, report, declaredOutliers: true }));
    const foldMs = await javaScriptMs(store, () => store.fold());
    const values = (
      await store.db
        .prepare(
          "SELECT sheet_code, row_key, field_code, number_value FROM submission_values WHERE submission_id = (SELECT max(id) FROM submissions WHERE unit_code = ?1)",
        )
        .bind(store.prefecture.code)
        .all()
    ).results as { sheet_code: string; row_key: string; field_code: string; number_value: number | null }[];
    const foldFloorMs = timed(() => foldFloor(values, ancestorTotals));
    const pullMs = await javaScriptMs(store, () => ok(store.fetch(pullRequest(store))));
    const pullFloorMs = timed(() => pullFloor(totals));
    if (round < warmup) continue;
    times.submit.push(submitMs);
    times.submitFloor.push(submitFloorMs);
    times.validation.push(validationMs);
    times.fold.push(foldMs);
    times.foldFloor.push(foldFloorMs);
    times.pull.push(pullMs);
    times.pullFloor.push(pullFloorMs);
  }
  return Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)])) as unknown as Measured;
}

/** The consumer's worst invocation: every change of the period pending again, a full batch of units folded. */
async function worstFoldMs(store: StoreDb): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < FOLD_ROUNDS + 1; round++) {
    await store.db.prepare("UPDATE consolidation_changes SET folded_at = NULL WHERE period_code = ?1").bind(PERIOD).run();
    times.push(await javaScriptMs(store, () => store.foldOnce()));
  }
  await store.fold();
  return median(times.slice(1));
}

/** Workers Free's D1 queries per invocation. */
const FREE_QUERIES = 50;

interface FoldInvocations {
  invocations: number;
  maxQueries: number;
  maxMs: number;
}

/** Every change of the period pending again, folded by consumer invocations within `queryBudget` queries each until none is left. */
async function foldInvocations(store: StoreDb, queryBudget?: number): Promise<FoldInvocations> {
  await store.db.prepare("UPDATE consolidation_changes SET folded_at = NULL WHERE period_code = ?1").bind(PERIOD).run();
  const folds = { invocations: 0, maxQueries: 0, maxMs: 0 };
  for (let more = true; more; ) {
    store.sqlite.statements = 0;
    const ms = await javaScriptMs(store, async () => {
      more = await store.foldOnce(queryBudget);
    });
    folds.invocations++;
    folds.maxQueries = Math.max(folds.maxQueries, store.sqlite.statements);
    folds.maxMs = Math.max(folds.maxMs, ms);
  }
  return folds;
}

const submitRequest = (store: StoreDb, body: string) =>
  new Request(`http://bench.local/api/v1/periods/${PERIOD}/units/${store.prefecture.code}/submissions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${store.clerkToken}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
    body,
  });

const pullRequest = (store: StoreDb) =>
  new Request(`http://bench.local/api/v1/periods/${PERIOD}/consolidated?wait=0`, { headers: { Authorization: `Bearer ${store.provinceToken}` } });

/** A floor's CPU time, as its path's. */
function timed(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  return cpuMsSince(start);
}

async function timedAsync(work: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await work();
  return cpuMsSince(start);
}

interface BodyRow {
  values: Record<string, unknown>;
}

/** The submit's floor: the body parsed, each value looked at once, the report's JSON hashed. */
async function submitFloor(body: string): Promise<number> {
  const { report } = JSON.parse(body) as { report: { sheets: Record<string, BodyRow[]> } };
  let numbers = 0;
  for (const rows of Object.values(report.sheets))
    for (const row of rows) for (const value of Object.values(row.values)) if (typeof value === "number") numbers++;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(report)));
  return numbers + digest.byteLength;
}

/** The pull's floor: the stored totals as units → sheets → fields, stringified. */
function pullFloor(totals: readonly { unit_code: string; sheet_code: string; field_code: string; amount: number }[]): number {
  const units: Record<string, Record<string, Record<string, number>>> = {};
  for (const total of totals) {
    const unit = (units[total.unit_code] ??= {});
    const sheet = (unit[total.sheet_code] ??= {});
    sheet[total.field_code] = total.amount;
  }
  return JSON.stringify({ units }).length;
}

/** The fold's floor: the changed revision's values summed by field, then its ancestors' totals passed over once. */
function foldFloor(
  values: readonly { sheet_code: string; field_code: string; number_value: number | null }[],
  ancestorTotals: readonly { sheet_code: string; field_code: string; amount: number }[],
): number {
  const sums = new Map<string, number>();
  for (const value of values) if (value.number_value !== null) sums.set(value.field_code, (sums.get(value.field_code) ?? 0) + value.number_value);
  let moved = 0;
  for (const total of ancestorTotals) moved += total.amount - (sums.get(total.field_code) ?? 0);
  return moved;
}
