import { benchLine } from "./bench-line.ts";
import { runHeapChild } from "./heap-child-run.ts";

// The Worker's peak heap on a prefecture's 40,000-student roster submit (issue 28: ≤ 64 MB): workerd
// under `wrangler dev` caps and reports nothing, so the submit runs again in a Node child process
// (bench/roster-heap-child.ts) with V8's old space capped at 128 MB, over a copy of the bench's local
// D1, as bench/store-heap-probe.ts does for a report's submit.

const HEAP_MB = 128;

/** Runs the probe on a copy of the D1 of a stopped (paused) `wrangler dev`; the clerk's token is the prefecture's. */
export async function rosterHeapProbe(
  persistTo: string,
  request: { period: string; unitCode: string; clerkToken: string; rosterIdKey: string },
): Promise<string[]> {
  const child = await runHeapChild<{
    bodyBytes: number;
    runs: number;
    outcome: string;
    baselineBytes: number;
    peakBytes: number;
    livePeakBytes: number;
    medianMs: number;
  }>(persistTo, "bench/roster-heap-child.ts", request, HEAP_MB);
  if (child.error !== undefined) return [benchLine(`roster.submit heap, 40,000 students (${child.error})`, Number.POSITIVE_INFINITY, "MB", { max: 64 })];
  const { run } = child;
  const mb = (bytes: number) => bytes / 2 ** 20;
  return [
    benchLine(
      `roster.submit peak V8 heap, a prefecture's 40,000 students (body ${mb(run.bodyBytes).toFixed(1)} MB; ${mb(run.baselineBytes).toFixed(0)} MB before it, the body and the modules; highest of ${run.runs} runs, ${run.outcome}; the Worker's code in Node over SQLite, ${run.medianMs.toFixed(0)} ms; the process's peak RSS ${child.peakRssMb.toFixed(0)} MB)`,
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
}
