import { getHeapStatistics } from "node:v8";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../shared/units/unit-tree.ts";
import { sampleReport, withValue } from "../test/support/sample-report.ts";
import { sqliteD1 } from "./sqlite-d1.ts";

// The child process of bench/store-heap-probe.ts, run under `--max-old-space-size=128 --expose-gc`:
// the Worker's invocations over a copy of the bench's local D1, the V8 heap sampled after every D1
// statement and at the end of each invocation, and the invocation's time outside SQLite (all of it is
// synchronous here, so that is its JavaScript's CPU time). Each runs several times, the heap collected
// before each run (the highest peak of them, the median time of the warm runs: all but the first). Prints one JSON line per invocation.
// argv: the D1 copy, then JSON { period, provinceToken, clerkToken }.

declare const gc: () => void;

/** Runs of each invocation: a submit is the next revision each time, a fold finds every change pending again each time. */
const RUNS: Record<string, number> = { "pull ?wait=0": 21, submit: 11, "queue consumer fold": 6 };
const [path, argument] = process.argv.slice(2) as [string, string];
const { period, provinceToken, clerkToken } = JSON.parse(argument) as { period: string; provinceToken: string; clerkToken: string };
let peak = 0;
let sqliteMs = 0;
const sample = () => {
  peak = Math.max(peak, getHeapStatistics().used_heap_size);
};
const db = sqliteD1(path, (ms) => {
  sqliteMs += ms;
  sample();
});

// The submits: the first prefecture's next revisions, a number changed each time.
const prefecture = reportingTree.root.children[0] as ReportingUnit;
const latest = (await db
  .prepare("SELECT max(revision) AS revision FROM submissions WHERE period_code = ?1 AND unit_code = ?2")
  .bind(period, prefecture.code)
  .first("revision")) as number;
const report = sampleReport(prefecture, { seed: 1, period });
const submitBody = (run: number) => ({
  report: withValue(report, "教扶04", prefecture.children[0]?.code as string, "E04_NEW_RURAL", 900 + run),
  basedOnRevision: latest + run,
  resubmissionReason: "bench: heap probe",
});

// The module is named at run time: it is Worker code, type-checked with the Worker's types (bench/worker).
const invocationsModule = "./worker/store-invocations.ts";
const { storeInvocations } = (await import(invocationsModule)) as {
  storeInvocations: (db: unknown, requests: Record<string, unknown>) => { name: string; run: (run: number) => Promise<string> }[];
};
const invocations = storeInvocations(db, { period, provinceToken, clerkToken, clerkUnit: prefecture.code, submitBody });
for (const invocation of invocations) {
  const outsideSqlite: number[] = [];
  let outcome = "";
  let baseline = 0;
  let highest = 0;
  for (let run = 0; run < (RUNS[invocation.name] ?? 1); run++) {
    if (invocation.name === "queue consumer fold") {
      // The worst fold: every change of the period pending again, so the consumer reads them all and folds a full batch of units.
      await db.prepare("UPDATE consolidation_changes SET folded_at = NULL WHERE period_code = ?1").bind(period).run();
    }
    gc();
    baseline = Math.max(baseline, getHeapStatistics().used_heap_size);
    peak = 0;
    sqliteMs = 0;
    const start = performance.now();
    outcome = await invocation.run(run);
    outsideSqlite.push(performance.now() - start - sqliteMs);
    sample();
    highest = Math.max(highest, peak);
  }
  const warm = outsideSqlite.length > 1 ? outsideSqlite.slice(1) : outsideSqlite;
  const medianMs = [...warm].sort((a, b) => a - b)[Math.floor(warm.length / 2)] as number;
  console.log(JSON.stringify({ name: invocation.name, runs: outsideSqlite.length, outcome, baselineBytes: baseline, peakBytes: highest, medianMs }));
}
