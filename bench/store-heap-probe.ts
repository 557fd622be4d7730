import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchLine } from "./bench-line.ts";
import { runNodeMeasuringPeakRss } from "./peak-rss.ts";

// Workers cap an isolate's memory at 128 MB; workerd under `wrangler dev` caps nothing. So the
// invocations of the stored consolidation — a pull, a submit, the queue consumer's fold — run again
// in a Node child process with V8's old space capped at 128 MB, over a copy of the bench's local D1
// (bench/store-heap-child.ts): peak V8 heap per invocation against 128 MB (an invocation that needs
// more dies), and the child's own peak RSS (bench/peak-rss.ts; Node itself and SQLite's cache
// included, which an isolate does not pay).
// It also times each warm invocation's JavaScript apart from SQLite: the CPU a deployed Worker pays (D1 runs
// elsewhere), against 50 ms: above Workers Free's 10 ms, which is why the system needs Workers Paid.

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const HEAP_MB = 128;

/** The SQLite file of the local D1 in a `wrangler dev` state dir (Miniflare's D1 Durable Object). */
export async function localD1File(persistTo: string): Promise<string> {
  const dir = join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  const files = (await readdir(dir)).filter((name) => name.endsWith(".sqlite") && name !== "metadata.sqlite");
  if (files.length !== 1) throw new Error(`expected one D1 database in ${dir}, found ${files.join(", ") || "none"}`);
  return join(dir, files[0] as string);
}

/** Runs the probe on a copy of the D1 of a stopped (paused) `wrangler dev`. */
export async function storeHeapProbe(persistTo: string, tokens: { province: string; clerk: string }, schools: number): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "tianbao-bench-heap-"));
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
        join(repoRoot, "bench/store-heap-child.ts"),
        copy,
        JSON.stringify({ period: "2019", provinceToken: tokens.province, clerkToken: tokens.clerk }),
      ],
      { cwd: repoRoot, maxBuffer: 16 * 2 ** 20 },
    );
    const rss = child.peakMegabytes;
    const runs = child.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { name: string; runs: number; outcome: string; baselineBytes: number; peakBytes: number; medianMs: number });
    const at = `${schools.toLocaleString("en-US")} schools`;
    if (child.status !== 0 || runs.length < 3) {
      const error = child.stderr
        .split("\n")
        .filter((line) => line.trim())
        .slice(-3)
        .join(" ");
      return [
        benchLine(
          `store.heap every invocation at ${at} under --max-old-space-size=${HEAP_MB} (exit ${child.status}: ${error.slice(0, 300)})`,
          Number.POSITIVE_INFINITY,
          "MB",
          { max: HEAP_MB },
        ),
      ];
    }
    return [
      ...runs.map(({ name, runs: times, outcome, baselineBytes, peakBytes }) =>
        benchLine(
          `store.heap ${name} at ${at}, highest of ${times} runs: peak V8 heap (${(baselineBytes / 2 ** 20).toFixed(0)} MB before it; ${outcome}; the process's peak RSS ${rss.toFixed(0)} MB)`,
          peakBytes / 2 ** 20,
          "MB",
          { max: HEAP_MB },
        ),
      ),
      ...runs.map(({ name, runs: times, medianMs }) =>
        benchLine(`store.${name} JavaScript time apart from D1 at ${at} (the Worker's code in Node, median of ${times - 1} warm runs)`, medianMs, "ms", {
          // Workers Free allows 10 ms: these pass it, so the system runs on Workers Paid (docs/operations.md, "Which Workers plan").
          max: 50,
          text: "≤ 50 ms, over Free's 10 ms: Workers Paid",
        }),
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
