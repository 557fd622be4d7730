import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { benchLine } from "./bench-line.ts";

// The consolidated workbook's render per row at 1,000 / 10,000 / 30,000 / 100,000 grid rows (issue 31:
// 231 → 751 µs per row, 857 MB of heap at 30,000 rows), each size in a Node child process of its own
// (bench/render-scale-child.ts) so that its heap is its own. Targets: µs per row at 100,000 rows
// ≤ 1.2 × at 1,000 (linear), and the peak heap the render needs above its inputs, per byte written,
// at 100,000 rows ≤ 1.2 × at 1,000 (memory follows the output, not the size squared).
// The peak is V8's heap before each collection during the first render (--trace-gc), garbage included.

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const SIZES = [
  { rows: 1_000, runs: 5 },
  { rows: 10_000, runs: 3 },
  { rows: 30_000, runs: 1 },
  { rows: 100_000, runs: 1 },
] as const;

export interface RenderScaleRun {
  gridRows: number;
  modelMs: number;
  writeMs: number;
  bytes: number;
  /** The peak V8 heap during the first render less the heap in use before it, in bytes. */
  peakHeap: number;
}

/** Renders the synthetic province of about `rows` grid rows in a child process run from `root` (a checkout with bench/render-scale-child.ts). */
export function renderScaleRun(rows: number, runs: number, root = repoRoot): RenderScaleRun {
  const child = spawnSync(process.execPath, ["--expose-gc", "--trace-gc", "--import", "tsx", "bench/render-scale-child.ts", String(rows), String(runs)], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 2 ** 20,
  });
  const lines = child.stdout.split("\n");
  const result = lines.find((line) => line.startsWith("{"));
  if (child.status !== 0 || !result) throw new Error(`render-scale child (${rows} rows) failed: ${child.stderr}`);
  const { gridRows, modelMs, writeMs, bytes, baseHeap } = JSON.parse(result) as Omit<RenderScaleRun, "peakHeap"> & { baseHeap: number };
  const start = lines.indexOf("render-start");
  const endIndex = lines.findIndex((line) => line.startsWith("render-end "));
  let peak = Number(lines[endIndex]?.slice("render-end ".length));
  // "[pid:0x…]  123 ms: Mark-Compact 512.3 (530.1) -> 400.2 (520.0) MB, …": the first figure is the heap in use before it, in MB.
  for (const line of lines.slice(start + 1, endIndex)) {
    const before = /ms: [A-Za-z-]+(?: \([a-z ]+\))? ([0-9.]+) \(/.exec(line)?.[1];
    if (before !== undefined) peak = Math.max(peak, Number(before) * 2 ** 20);
  }
  return { gridRows, modelMs, writeMs, bytes, peakHeap: peak - baseHeap };
}

export function benchRenderScale(): string[] {
  const lines: string[] = [];
  const measured = SIZES.map(({ rows, runs }) => renderScaleRun(rows, runs));
  const perRow = (run: RenderScaleRun) => (1000 * (run.modelMs + run.writeMs)) / run.gridRows;
  const heapPerByte = (run: RenderScaleRun) => run.peakHeap / run.bytes;
  for (const run of measured) {
    const size = `${run.gridRows.toLocaleString("en")} rows, ${Math.round(run.bytes / 1024)} KB`;
    lines.push(
      benchLine(
        `render-scale.consolidated per row (${size}; model ${((1000 * run.modelMs) / run.gridRows).toFixed(0)} + write ${((1000 * run.writeMs) / run.gridRows).toFixed(0)} µs)`,
        perRow(run),
        "µs",
        { max: Number.POSITIVE_INFINITY, text: "measured" },
      ),
      benchLine(`render-scale.consolidated peak heap above its inputs (${size}), ÷ bytes written`, heapPerByte(run), "×", {
        max: Number.POSITIVE_INFINITY,
        text: `measured (${Math.round(run.peakHeap / 2 ** 20)} MB)`,
      }),
    );
  }
  const [small, large] = [measured[0]!, measured[measured.length - 1]!];
  lines.push(
    benchLine("render-scale.consolidated µs per row at 100,000 rows / at 1,000 rows", perRow(large) / perRow(small), "×", { max: 1.2, text: "≤ 1.2 ×" }),
    benchLine("render-scale.consolidated heap per byte written at 100,000 rows / at 1,000 rows", heapPerByte(large) / heapPerByte(small), "×", {
      max: 1.2,
      text: "≤ 1.2 ×",
    }),
  );
  return lines;
}
