import { getHeapStatistics } from "node:v8";
import { povertyListFile, povertyListXlsx } from "./poverty-list-file.ts";
import { sqliteD1 } from "./sqlite-d1.ts";

// The child process of the poverty list's heap probe (bench/poverty-list.bench.ts), run under
// `--max-old-space-size=128 --expose-gc`: the 250,000-row list uploaded through the Worker's own app
// over a copy of the bench's local D1, its body streamed in 64 KiB pieces, the V8 heap sampled after
// every D1 statement and at the end. The file's bytes are made before the heap is collected and live
// outside it (a typed array's store), as in the Worker the body is the network's until it is read.
// Then as many runs with the heap collected at each sample (the live peak, garbage apart). Prints one JSON line.
// argv: the D1 copy, then JSON { period, provinceToken, rosterIdKey, format: "csv" | "xlsx" }.

declare const gc: () => void;

const RUNS = 2;
const PIECE_BYTES = 64 * 1024;
const [path, argument] = process.argv.slice(2) as [string, string];
const request = JSON.parse(argument) as { period: string; provinceToken: string; rosterIdKey: string; format: "csv" | "xlsx" };
let peak = 0;
let live = false;
const sample = () => {
  if (live) gc();
  peak = Math.max(peak, getHeapStatistics().used_heap_size);
};
const db = sqliteD1(path, sample);
const file = request.format === "xlsx" ? povertyListXlsx() : povertyListFile();

// Worker code, type-checked with the Worker's types (bench/worker): named at run time.
const invocationModule = "./worker/poverty-list-invocation.ts";
const { povertyListInvocation } = (await import(invocationModule)) as {
  povertyListInvocation: (db: unknown, request: Record<string, string>) => (file: Uint8Array, pieceBytes: number) => Promise<string>;
};
const upload = povertyListInvocation(db, request);
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
  outcome = await upload(file, PIECE_BYTES);
  if (!live) times.push(performance.now() - start);
  sample();
  highest[live ? "live" : "used"] = Math.max(highest[live ? "live" : "used"], peak);
}
console.log(
  JSON.stringify({
    fileBytes: file.length,
    runs: RUNS,
    outcome,
    baselineBytes: baseline,
    peakBytes: highest.used,
    livePeakBytes: highest.live,
    fastestMs: Math.min(...times),
  }),
);
