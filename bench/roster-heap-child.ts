import { getHeapStatistics } from "node:v8";
import { rosterBodyOf } from "../shared/api/rosters.ts";
import { syntheticRoster } from "../scripts/demo/demo-rosters.ts";
import { sqliteD1 } from "./sqlite-d1.ts";

// The child process of bench/roster-heap-probe.ts, run under `--max-old-space-size=128 --expose-gc`:
// a prefecture's 40,000-student roster (its counties' rows) submitted through the Worker's own app over
// a copy of the bench's local D1, the V8 heap sampled after every D1 statement and at the end, the heap
// collected before each run; then as many runs with the heap collected at each sample (the live peak,
// garbage apart: V8 collects when it must, so the first figure is an upper bound). The body is made before the heap is collected: the request's text is in
// the baseline, as a Worker holds it from its arrival. Prints one JSON line.
// argv: the D1 copy, then JSON { period, unitCode, clerkToken, rosterIdKey }.

declare const gc: () => void;

const RUNS = 3;
const [path, argument] = process.argv.slice(2) as [string, string];
const request = JSON.parse(argument) as { period: string; unitCode: string; clerkToken: string; rosterIdKey: string };
let peak = 0;
/** In the live runs the heap is collected at each sample first: what the submit holds there, its garbage apart. */
let live = false;
const sample = () => {
  if (live) gc();
  peak = Math.max(peak, getHeapStatistics().used_heap_size);
};
const db = sqliteD1(path, sample);

const counties = ["370102", "370103", "370104", "370105"];
const parts = counties.map((county, index) => syntheticRoster(request.unitCode, county, { E01_CMP: 8_000, E01_GHS: 2_000 }, request.period, 100 + index));
const rows = parts.flatMap((part) => part.rows).map((row, position) => ({ ...row, position }));
const body = JSON.stringify(
  rosterBodyOf({ unitCode: request.unitCode, period: request.period, rows, explanations: parts.flatMap((part) => part.explanations) }),
);
parts.length = 0;
rows.length = 0;

// Worker code, type-checked with the Worker's types (bench/worker): named at run time.
const invocationModule = "./worker/roster-invocation.ts";
const { rosterSubmitInvocation } = (await import(invocationModule)) as {
  rosterSubmitInvocation: (db: unknown, request: Record<string, string>) => (body: string) => Promise<string>;
};
const submit = rosterSubmitInvocation(db, request);
let baseline = 0;
let outcome = "";
const times: number[] = [];
const highest = { used: 0, live: 0 };
for (let run = 0; run < 2 * RUNS; run++) {
  live = run >= RUNS;
  gc();
  baseline = Math.max(baseline, getHeapStatistics().used_heap_size);
  peak = 0;
  const start = performance.now();
  outcome = await submit(body);
  if (!live) times.push(performance.now() - start);
  sample();
  highest[live ? "live" : "used"] = Math.max(highest[live ? "live" : "used"], peak);
}
console.log(
  JSON.stringify({
    bodyBytes: body.length,
    runs: RUNS,
    outcome,
    baselineBytes: baseline,
    peakBytes: highest.used,
    livePeakBytes: highest.live,
    medianMs: [...times].sort((a, b) => a - b)[1],
  }),
);
