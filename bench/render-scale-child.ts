import { getHeapStatistics } from "node:v8";
import { currentFormSet } from "../test/support/current-form-set.ts";
import { consolidatedWorkbook } from "../shared/workbook/render-consolidated.ts";
import { writeXlsx } from "../shared/xlsx/write-xlsx.ts";
import { syntheticConsolidation, syntheticProvinceOfRows } from "../test/support/synthetic-province.ts";

// The child process of bench/render-scale.bench.ts, run under `--expose-gc --trace-gc`: the
// consolidated workbook of a synthetic province of about `rows` grid rows per sheet, rendered `runs`
// times in a process of its own (so that its heap is its own). Prints "render-start" and "render-end"
// around the first render (the parent reads V8's heap before each collection from the --trace-gc
// lines between them: the peak the render reached, its garbage included), then one JSON line: the median milliseconds of the model (consolidatedWorkbook) and of writing it
// (writeXlsx), the bytes written and the heap in use before the renders.
// argv: rows, runs.

declare const gc: () => void;

const [rows, runs] = process.argv.slice(2).map(Number) as [number, number];
const regions = syntheticProvinceOfRows(rows);
const { consolidated, status } = syntheticConsolidation(regions);
const input = { formSet: currentFormSet, tree: regions, consolidated, status };
const gridRows = 1 + regions.root.children.reduce((sum, prefecture) => sum + 1 + prefecture.children.length, 0);
gc();
const baseHeap = getHeapStatistics().used_heap_size;
console.log("render-start");
const modelMs: number[] = [];
const writeMs: number[] = [];
let bytes = 0;
for (let run = 0; run < runs; run++) {
  const start = performance.now();
  const model = consolidatedWorkbook(input);
  const built = performance.now();
  bytes = writeXlsx(model).length;
  writeMs.push(performance.now() - built);
  modelMs.push(built - start);
  if (run === 0) console.log(`render-end ${getHeapStatistics().used_heap_size}`);
}
const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
console.log(JSON.stringify({ gridRows, modelMs: median(modelMs), writeMs: median(writeMs), bytes, baseHeap }));
