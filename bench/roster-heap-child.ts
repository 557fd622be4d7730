import { rosterBodyOf } from "../shared/api/rosters.ts";
import { syntheticRoster } from "../scripts/demo/demo-rosters.ts";
import { heapSampler } from "./heap-sampler.ts";
import { sqliteD1 } from "./sqlite-d1.ts";

// The child process of bench/roster-heap-probe.ts, run under `--max-old-space-size=128 --expose-gc`:
// a prefecture's 40,000-student roster (its counties' rows) submitted through the Worker's own app over
// a copy of the bench's local D1, its heap measured by heapSampler (heap-sampler.ts). The body is made
// before the heap is collected: the request's text is in the baseline, as a Worker holds it from its
// arrival. Prints one JSON line. argv: the D1 copy, then JSON { period, unitCode, clerkToken, rosterIdKey }.

const RUNS = 3;
const [path, argument] = process.argv.slice(2) as [string, string];
const request = JSON.parse(argument) as { period: string; unitCode: string; clerkToken: string; rosterIdKey: string };
const heap = heapSampler();
const db = sqliteD1(path, heap.sample);

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
const measured = await heap.measure(RUNS, () => submit(body));
console.log(
  JSON.stringify({
    bodyBytes: body.length,
    runs: RUNS,
    outcome: measured.outcome,
    baselineBytes: measured.baselineBytes,
    peakBytes: measured.peakBytes,
    livePeakBytes: measured.livePeakBytes,
    medianMs: [...measured.times].sort((a, b) => a - b)[1],
  }),
);
