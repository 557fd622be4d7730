import { existsSync } from "node:fs";
import { join } from "node:path";
import { renderScaleRun } from "./render-scale.bench.ts";

// Before and after, side by side: each size rendered by another checkout (say main's) and by this one,
// one after the other, each in a child process of its own. The other checkout needs
// bench/render-scale-child.ts (copy this one's in) and node_modules.
// `npx tsx bench/render-scale-compare.ts <the other checkout>`

const before = process.argv[2];
if (!before || !existsSync(join(before, "bench/render-scale-child.ts"))) {
  console.error("usage: npx tsx bench/render-scale-compare.ts <checkout with bench/render-scale-child.ts>");
  process.exit(2);
}
const sizes: [rows: number, runs: number][] = [
  [1_000, 5],
  [10_000, 3],
  [30_000, 1],
  [100_000, 1],
];
const perRow = new Map<string, number[]>();
for (const [rows, runs] of sizes)
  for (const [label, root] of [
    ["before", before],
    ["after", undefined],
  ] as const) {
    const run = renderScaleRun(rows, runs, root);
    const microseconds = (ms: number) => ((1000 * ms) / run.gridRows).toFixed(0);
    perRow.set(label, [...(perRow.get(label) ?? []), (1000 * (run.modelMs + run.writeMs)) / run.gridRows]);
    console.log(
      `${label} ${run.gridRows} rows: ${microseconds(run.modelMs + run.writeMs)} µs per row (model ${microseconds(run.modelMs)}, write ${microseconds(run.writeMs)}),` +
        ` peak heap above inputs ${Math.round(run.peakHeap / 2 ** 20)} MB, ${run.bytes} bytes, heap ÷ bytes ${(run.peakHeap / run.bytes).toFixed(1)}`,
    );
  }
for (const [label, values] of perRow) console.log(`${label}: µs per row at 100,000 rows ÷ at 1,000 ${(values.at(-1)! / values[0]!).toFixed(2)} ×`);
