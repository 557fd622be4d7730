import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runNodeMeasuringPeakRss } from "./peak-rss.ts";
import { localD1File } from "./store-heap-probe.ts";

// What the Worker's heap probes share (bench/roster-heap-probe.ts, bench/poverty-list.bench.ts): workerd
// under `wrangler dev` caps and reports nothing, so the work runs again in a Node child process with
// V8's old space capped, over a copy of the bench's local D1, and prints one JSON line.

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** Runs `script` (a path from the repository's root) on a copy of the D1 of a stopped (paused) `wrangler dev`: its JSON line and peak RSS, or why it failed. */
export async function runHeapChild<T>(
  persistTo: string,
  script: string,
  request: unknown,
  heapMb: number,
): Promise<{ run: T; peakRssMb: number; error?: undefined } | { error: string }> {
  const dir = await mkdtemp(join(tmpdir(), "tianbao-bench-heap-child-"));
  try {
    const source = await localD1File(persistTo);
    const copy = join(dir, "d1.sqlite");
    for (const suffix of ["", "-wal"]) await copyFile(source + suffix, copy + suffix).catch(() => {});
    const child = runNodeMeasuringPeakRss(
      [`--max-old-space-size=${heapMb}`, "--expose-gc", "--no-warnings", "--import", "tsx", join(repoRoot, script), copy, JSON.stringify(request)],
      { cwd: repoRoot },
    );
    const line = child.stdout.split("\n").find((text) => text.startsWith("{"));
    if (child.status !== 0 || !line) {
      const error = child.stderr
        .split("\n")
        .filter((text) => text.trim())
        .slice(-3)
        .join(" ");
      return { error: `exit ${child.status}: ${error.slice(0, 300)}` };
    }
    return { run: JSON.parse(line) as T, peakRssMb: child.peakMegabytes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
