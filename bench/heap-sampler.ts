import { getHeapStatistics } from "node:v8";

// What the heap probes' child processes (poverty-list-heap-child.ts, roster-heap-child.ts) measure the
// same way, under `--expose-gc`: `runs` timed runs with the V8 heap sampled at each `sample()` (the
// children call it after every D1 statement) and at the end, the heap collected before each run; then
// as many runs with the heap collected at each sample too: the live peak, garbage apart (V8 collects
// when it must, so the first peak is an upper bound).

declare const gc: () => void;

export interface HeapMeasure<T> {
  outcome: T;
  baselineBytes: number;
  peakBytes: number;
  livePeakBytes: number;
  /** Milliseconds of each timed run (the live runs are not timed: collecting costs). */
  times: number[];
}

export function heapSampler() {
  let peak = 0;
  let live = false;
  const sample = () => {
    if (live) gc();
    peak = Math.max(peak, getHeapStatistics().used_heap_size);
  };
  async function measure<T>(runs: number, work: () => Promise<T>): Promise<HeapMeasure<T>> {
    let baselineBytes = 0;
    let outcome: T | undefined;
    const times: number[] = [];
    const highest = { used: 0, live: 0 };
    for (let run = 0; run < 2 * runs; run++) {
      live = run >= runs;
      gc();
      baselineBytes = Math.max(baselineBytes, getHeapStatistics().used_heap_size);
      peak = 0;
      const start = performance.now();
      outcome = await work();
      if (!live) times.push(performance.now() - start);
      sample();
      highest[live ? "live" : "used"] = Math.max(highest[live ? "live" : "used"], peak);
    }
    return { outcome: outcome as T, baselineBytes, peakBytes: highest.used, livePeakBytes: highest.live, times };
  }
  return { sample, measure };
}
