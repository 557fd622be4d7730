import { povertyListFile, povertyListXlsx } from "./poverty-list-file.ts";
import { heapSampler } from "./heap-sampler.ts";
import { sqliteD1 } from "./sqlite-d1.ts";

// The child process of the poverty list's heap probe (bench/poverty-list.bench.ts), run under
// `--max-old-space-size=128 --expose-gc`: the 250,000-row list uploaded through the Worker's own app
// over a copy of the bench's local D1, its body streamed in 64 KiB pieces, its heap measured by
// heapSampler (heap-sampler.ts). The file's bytes are made before the heap is collected and live outside
// it (a typed array's store), as in the Worker the body is the network's until it is read. Prints one
// JSON line. argv: the D1 copy, then JSON { period, provinceToken, rosterIdKey, format: "csv" | "xlsx" }.

const RUNS = 2;
const PIECE_BYTES = 64 * 1024;
const [path, argument] = process.argv.slice(2) as [string, string];
const request = JSON.parse(argument) as { period: string; provinceToken: string; rosterIdKey: string; format: "csv" | "xlsx" };
const heap = heapSampler();
const db = sqliteD1(path, heap.sample);
const file = request.format === "xlsx" ? povertyListXlsx() : povertyListFile();

// Worker code, type-checked with the Worker's types (bench/worker): named at run time.
const invocationModule = "./worker/poverty-list-invocation.ts";
const { povertyListInvocation } = (await import(invocationModule)) as {
  povertyListInvocation: (db: unknown, request: Record<string, string>) => (file: Uint8Array, pieceBytes: number) => Promise<string>;
};
const upload = povertyListInvocation(db, request);
const measured = await heap.measure(RUNS, () => upload(file, PIECE_BYTES));
console.log(
  JSON.stringify({
    fileBytes: file.length,
    runs: RUNS,
    outcome: measured.outcome,
    baselineBytes: measured.baselineBytes,
    peakBytes: measured.peakBytes,
    livePeakBytes: measured.livePeakBytes,
    fastestMs: Math.min(...measured.times),
  }),
);
