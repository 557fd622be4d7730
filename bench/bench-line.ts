/**
 * Every figure `npm run bench` prints is one line: `<name>  <value> <unit>  target <target>  ok|MISSED`,
 * so that a missed target is visible at a glance.
 */
export function benchLine(name: string, value: number, unit: string, target: { max: number; text?: string }): string {
  const ok = value <= target.max;
  const shown = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  return `${name}  ${shown} ${unit}  target ${target.text ?? `≤ ${target.max} ${unit}`}  ${ok ? "ok" : "MISSED"}`;
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;

/**
 * Median wall times in milliseconds of several pieces of work measured side by side: after a
 * warm-up, each round runs every piece once, so all of them see the same machine state.
 */
export function medianMsSideBySide(works: (() => unknown)[], rounds = 60, warmup = 20): number[] {
  for (let round = 0; round < warmup; round++) for (const work of works) work();
  const times = works.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    works.forEach((work, index) => {
      const start = performance.now();
      work();
      times[index]!.push(performance.now() - start);
    });
  }
  return times.map(median);
}

/** medianMsSideBySide for work that may be asynchronous (an xlsx library that loads with promises): each piece is awaited. */
export async function medianMsSideBySideAsync(works: (() => unknown)[], rounds = 60, warmup = 20): Promise<number[]> {
  for (let round = 0; round < warmup; round++) for (const work of works) await work();
  const times = works.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (const [index, work] of works.entries()) {
      const start = performance.now();
      await work();
      times[index]!.push(performance.now() - start);
    }
  }
  return times.map(median);
}
