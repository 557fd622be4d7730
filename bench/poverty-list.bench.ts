import { generatedRosterIdKey } from "../scripts/lib/dev-vars.ts";
import { startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { benchLine } from "./bench-line.ts";
import { runHeapChild } from "./heap-child-run.ts";
import { povertyListFile } from "./poverty-list-file.ts";
import { benchHttp, percentile, timed } from "./worker-http.ts";

// The poverty office's list of 250,000 people uploaded through `wrangler dev` (issue 29: ≤ 10 s, peak
// heap ≤ 96 MB, streamed): each round a stored upload (read, check, hash, stage, switch: it replaces the
// previous round's list) and, side by side, a dry run of the same file (read, check, hash; no D1 write),
// so the share of the D1 writes is their difference. The peak heap: workerd under `wrangler dev`
// reports nothing, so the upload runs again in a Node child process (bench/poverty-list-heap-child.ts)
// with V8's old space capped at 128 MB, over a copy of this D1, as bench/roster-heap-probe.ts does.

const ROUNDS = 3;
const HEAP_MB = 128;

export async function benchPovertyList(): Promise<string[]> {
  const file = povertyListFile();
  const dev = await startWranglerDev({ entry: "bench/worker/bench-worker.ts" });
  try {
    const { admin, tokenOf, call } = await benchHttp(dev);
    await call("POST", "/api/v1/periods", admin, { code: "2019" });
    const province = await tokenOf({ role: "province", name: "bench 省" });
    const post = async (query: string) => {
      const response = await fetch(`${dev.baseUrl}/api/v1/periods/2019/poverty-list${query}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${province}`, "Content-Type": "text/csv" },
        body: file,
      });
      const answer = (await response.json()) as { valid?: number };
      if (!response.ok || answer.valid !== 250_000) throw new Error(`poverty list upload: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
    };
    const stored: number[] = [];
    const dry: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const upload = await timed(() => post(""));
      const check = await timed(() => post("?dryRun=1"));
      if (round === 0) continue; // warms up (and leaves a list for the next round to replace)
      stored.push(upload.ms / 1000);
      dry.push(check.ms / 1000);
    }
    const [upload, dryRun] = [stored, dry].map((times) => percentile(times, 0.5)) as [number, number];
    await dev.pause();
    const heap = await povertyListHeapProbe(dev.persistTo, { period: "2019", provinceToken: province, rosterIdKey: generatedRosterIdKey() });
    return [
      benchLine(
        `poverty-list.upload p50 (250,000 rows, ${(file.length / 2 ** 20).toFixed(1)} MiB CSV, wrangler dev, ${ROUNDS} uploads each replacing a list of 250,000: read, check, hash, stage, switch; its dry run side by side, no D1 write: ${dryRun.toFixed(2)} s, so the D1 writes ${(((upload - dryRun) / upload) * 100).toFixed(0)} %)`,
        upload,
        "s",
        { max: 10 },
      ),
      ...heap,
    ];
  } finally {
    await dev.stop();
  }
}

/** The upload's peak V8 heap in a Node child over a copy of the D1 of a stopped (paused) `wrangler dev`. */
async function povertyListHeapProbe(persistTo: string, request: { period: string; provinceToken: string; rosterIdKey: string }): Promise<string[]> {
  const child = await runHeapChild<{ runs: number; outcome: string; baselineBytes: number; peakBytes: number; livePeakBytes: number; fastestMs: number }>(
    persistTo,
    "bench/poverty-list-heap-child.ts",
    request,
    HEAP_MB,
  );
  if (child.error !== undefined) return [benchLine(`poverty-list.upload heap (${child.error})`, Number.POSITIVE_INFINITY, "MB", { max: 96 })];
  const { run } = child;
  const mb = (bytes: number) => bytes / 2 ** 20;
  return [
    benchLine(
      `poverty-list.upload peak V8 heap, 250,000 rows streamed in 64 KiB pieces (${mb(run.baselineBytes).toFixed(0)} MB before it, the modules; highest of ${run.runs} runs, ${run.outcome}; the Worker's code in Node over SQLite, ${(run.fastestMs / 1000).toFixed(1)} s; the process's peak RSS ${child.peakRssMb.toFixed(0)} MB)`,
      mb(run.peakBytes),
      "MB",
      { max: 96 },
    ),
    benchLine(
      `poverty-list.upload live V8 heap at its peak, the same upload with the heap collected at each D1 statement (garbage apart; highest of ${run.runs} runs)`,
      mb(run.livePeakBytes),
      "MB",
      { max: 96 },
    ),
  ];
}
