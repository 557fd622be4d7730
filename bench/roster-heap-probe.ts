import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchLine } from "./bench-line.ts";
import { runNodeMeasuringPeakRss } from "./peak-rss.ts";
import { localD1File } from "./store-heap-probe.ts";

// The Worker's peak heap on a prefecture's 40,000-student roster submit (issue 28: ≤ 64 MB): workerd
// under `wrangler dev` caps and reports nothing, so the submit runs again in a Node child process
// (bench/roster-heap-child.ts) with V8's old space capped at 128 MB, over a copy of the bench's local
// D1, as bench/store-heap-probe.ts does for a report's submit.

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const HEAP_MB = 128;

/** Runs the probe on a copy of the D1 of a stopped (paused) `wrangler dev`; the clerk's token is the prefecture's. */
export async function rosterHeapProbe(
  persistTo: string,
  request: { period: string; unitCode: string; clerkToken: string; rosterIdKey: string },
): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "tianbao-bench-roster-heap-"));
  try {
    const source = await localD1File(persistTo);
    const copy = join(dir, "d1.sqlite");
    for (const suffix of ["", "-wal"]) await copyFile(source + suffix, copy + suffix).catch(() => {});
    const child = runNodeMeasuringPeakRss(
      [
        `--max-old-space-size=${HEAP_MB}`,
        "--expose-gc",
        "--no-warnings",
        "--import",
        "tsx",
        join(repoRoot, "bench/roster-heap-child.ts"),
        copy,
        JSON.stringify(request),
      ],
      { cwd: repoRoot },
    );
    const line = child.stdout.split("\n").find((text) => text.startsWith("{"));
    if (child.status !== 0 || !line) {
      const error = child.stderr
        .split("\n")
        .filter((text) => text.trim())
        .slice(-3)
        .join(" ");
      return [benchLine(`roster.submit heap, 40,000 students (exit ${child.status}: ${error.slice(0, 300)})`, Number.POSITIVE_INFINITY, "MB", { max: 64 })];
    }
    const run = JSON.parse(line) as {
      bodyBytes: number;
      runs: number;
      outcome: string;
      baselineBytes: number;
      peakBytes: number;
      livePeakBytes: number;
      medianMs: number;
    };
    const mb = (bytes: number) => bytes / 2 ** 20;
    return [
      benchLine(
        `roster.submit peak V8 heap, a prefecture's 40,000 students (body ${mb(run.bodyBytes).toFixed(1)} MB; ${mb(run.baselineBytes).toFixed(0)} MB before it, the body and the modules; highest of ${run.runs} runs, ${run.outcome}; the Worker's code in Node over SQLite, ${run.medianMs.toFixed(0)} ms; the process's peak RSS ${child.peakMegabytes.toFixed(0)} MB)`,
        mb(run.peakBytes),
        "MB",
        { max: 64 },
      ),
      benchLine(
        `roster.submit live V8 heap at its peak, the same submit with the heap collected at each D1 statement and at the end (garbage apart; highest of ${run.runs} runs)`,
        mb(run.livePeakBytes),
        "MB",
        { max: 64 },
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
