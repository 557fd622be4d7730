import { generatedRosterIdKey } from "../scripts/lib/dev-vars.ts";
import { startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { benchLine } from "./bench-line.ts";
import { runHeapChild } from "./heap-child-run.ts";
import { povertyListFile, povertyListXlsx } from "./poverty-list-file.ts";
import { benchHttp, percentile, timed } from "./worker-http.ts";

// The poverty office's list of 250,000 people uploaded through `wrangler dev` (issue 29: ≤ 10 s, peak
// heap ≤ 96 MB, streamed): each round a stored upload (read, check, hash, stage, switch: it replaces the
// previous round's list) and, side by side, a dry run of the same file (read, check, hash; no D1 write),
// so the share of the D1 writes is their difference. The peak heap: workerd under `wrangler dev`
// reports nothing, so the upload runs again in a Node child process (bench/poverty-list-heap-child.ts)
// with V8's old space capped at 128 MB, over a copy of this D1, as bench/roster-heap-probe.ts does.
// The same list as an .xlsx (held whole, its sheet inflated and read a row at a time) beside the CSV:
// its time, its ratio to the CSV's, and its peak heap (the previous reader, readXlsx over the whole
// sheet, needed about 128 MB).

const ROUNDS = 3;
const HEAP_MB = 128;

type Format = "csv" | "xlsx";

export async function benchPovertyList(): Promise<string[]> {
  const files: Record<Format, Uint8Array<ArrayBuffer>> = { csv: povertyListFile(), xlsx: povertyListXlsx() };
  const dev = await startWranglerDev({ entry: "bench/worker/bench-worker.ts" });
  try {
    const { admin, tokenOf, call } = await benchHttp(dev);
    await call("POST", "/api/v1/periods", admin, { code: "2019" });
    const province = await tokenOf({ role: "province", name: "bench 省" });
    const post = async (format: Format, query: string) => {
      const response = await fetch(`${dev.baseUrl}/api/v1/periods/2019/poverty-list${query}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${province}`, "Content-Type": format === "csv" ? "text/csv" : "application/octet-stream" },
        body: files[format],
      });
      const answer = (await response.json()) as { valid?: number };
      if (!response.ok || answer.valid !== 250_000) throw new Error(`poverty list upload: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
    };
    // Each round uploads both files, stored then dry: the CSV and the .xlsx see the same machine state.
    const times = { csv: { stored: [] as number[], dry: [] as number[] }, xlsx: { stored: [] as number[], dry: [] as number[] } };
    for (let round = 0; round <= ROUNDS; round++) {
      for (const format of ["csv", "xlsx"] as const) {
        const upload = await timed(() => post(format, ""));
        const check = await timed(() => post(format, "?dryRun=1"));
        if (round === 0) continue; // warms up (and leaves a list for the next round to replace)
        times[format].stored.push(upload.ms / 1000);
        times[format].dry.push(check.ms / 1000);
      }
    }
    const p50 = (format: Format) => ({ upload: percentile(times[format].stored, 0.5), dryRun: percentile(times[format].dry, 0.5) });
    const [csv, xlsx] = [p50("csv"), p50("xlsx")];
    await dev.pause();
    const request = { period: "2019", provinceToken: province, rosterIdKey: generatedRosterIdKey() };
    const heap = {
      csv: await povertyListHeapProbe(dev.persistTo, { ...request, format: "csv" }),
      xlsx: await povertyListHeapProbe(dev.persistTo, { ...request, format: "xlsx" }),
    };
    const mib = (format: Format) => (files[format].length / 2 ** 20).toFixed(1);
    return [
      benchLine(
        `poverty-list.upload p50 (250,000 rows, ${mib("csv")} MiB CSV, wrangler dev, ${ROUNDS} uploads each replacing a list of 250,000: read, check, hash, stage, switch; its dry run side by side, no D1 write: ${csv.dryRun.toFixed(2)} s, so the D1 writes ${(((csv.upload - csv.dryRun) / csv.upload) * 100).toFixed(0)} %)`,
        csv.upload,
        "s",
        { max: 10 },
      ),
      benchLine(
        `poverty-list.upload.xlsx p50 (the same 250,000 rows as a ${mib("xlsx")} MiB .xlsx, shared strings, uploaded in the same rounds: ${(xlsx.upload / csv.upload).toFixed(2)}× the CSV's; its dry run ${xlsx.dryRun.toFixed(2)} s, ${(xlsx.dryRun / csv.dryRun).toFixed(2)}× the CSV's)`,
        xlsx.upload,
        "s",
        { max: 10 },
      ),
      ...heap.csv,
      ...heap.xlsx,
    ];
  } finally {
    await dev.stop();
  }
}

/** The upload's peak V8 heap in a Node child over a copy of the D1 of a stopped (paused) `wrangler dev`. */
async function povertyListHeapProbe(
  persistTo: string,
  request: { period: string; provinceToken: string; rosterIdKey: string; format: Format },
): Promise<string[]> {
  const child = await runHeapChild<{
    fileBytes: number;
    runs: number;
    outcome: string;
    baselineBytes: number;
    peakBytes: number;
    livePeakBytes: number;
    fastestMs: number;
  }>(persistTo, "bench/poverty-list-heap-child.ts", request, HEAP_MB);
  const name = request.format === "csv" ? "poverty-list.upload" : "poverty-list.upload.xlsx";
  if (child.error !== undefined) return [benchLine(`${name} heap (${child.error})`, Number.POSITIVE_INFINITY, "MB", { max: 96 })];
  const { run } = child;
  const mb = (bytes: number) => bytes / 2 ** 20;
  const file = request.format === "csv" ? "" : `, the ${mb(run.fileBytes).toFixed(1)} MB .xlsx held (outside the heap), its sheet read a row at a time`;
  return [
    benchLine(
      `${name} peak V8 heap, 250,000 rows streamed in 64 KiB pieces${file} (${mb(run.baselineBytes).toFixed(0)} MB before it, the modules; highest of ${run.runs} runs, ${run.outcome}; the Worker's code in Node over SQLite, ${(run.fastestMs / 1000).toFixed(1)} s; the process's peak RSS ${child.peakRssMb.toFixed(0)} MB)`,
      mb(run.peakBytes),
      "MB",
      { max: 96 },
    ),
    benchLine(
      `${name} live V8 heap at its peak, the same upload with the heap collected at each D1 statement (garbage apart; highest of ${run.runs} runs)`,
      mb(run.livePeakBytes),
      "MB",
      { max: 96 },
    ),
  ];
}
