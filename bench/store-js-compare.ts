import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

// Before and after, side by side (issue 31): the store's JavaScript lines (bench/store-js-run.ts) of
// another checkout (say main's) and of this one, run in turns — before, after, before, after, … — each
// in a child process of its own, so both see the same machine; the median of each line over the runs.
// On a shared machine single figures move with the load: compare the two columns, and each path's
// ratio to its floor (measured in the same rounds as the path).
// `npx tsx bench/store-js-compare.ts <the other checkout> [runs, 3]`

const before = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (!before || !existsSync(join(before, "bench/store-js-run.ts")) || !(runs >= 1)) {
  console.error("usage: npx tsx bench/store-js-compare.ts <checkout with bench/store-js-run.ts> [runs]");
  process.exit(2);
}
const checkouts = [
  ["before", before],
  ["after", process.cwd()],
] as const;

/** A bench line: `<name>  <value> <unit>  target …` (bench/bench-line.ts). */
const LINE = /^(.+?) {2}(-?[\d.]+) (\S+) {2}target /;
const figures = new Map<string, { unit: string; before: number[]; after: number[] }>();
for (let run = 0; run < runs; run++)
  for (const [label, root] of checkouts) {
    const child = spawnSync("npx", ["tsx", "bench/store-js-run.ts"], { cwd: root, encoding: "utf8", maxBuffer: 2 ** 26 });
    if (child.status !== 0) throw new Error(`${label} (${root}) failed: ${child.stderr.slice(-2000)}`);
    for (const line of child.stdout.split("\n")) {
      const match = LINE.exec(line);
      if (!match) continue;
      const [, name, value, unit] = match as unknown as [string, string, string, string];
      const figure = figures.get(name) ?? { unit, before: [], after: [] };
      figure[label].push(Number(value));
      figures.set(name, figure);
    }
    console.error(`run ${run + 1} of ${runs}: ${label} done`);
  }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const shown = (value: number | undefined) => (value === undefined ? "—" : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
console.log(`median of ${runs} runs each, before = ${before}, after = ${process.cwd()}`);
for (const [name, figure] of figures) {
  const [was, now] = [median(figure.before), median(figure.after)];
  const change = was !== undefined && now !== undefined && was !== 0 ? `  after ÷ before ${(now / was).toFixed(2)}` : "";
  console.log(`${name}  before ${shown(was)} ${figure.unit}  after ${shown(now)} ${figure.unit}${change}`);
}
