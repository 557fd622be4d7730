/**
 * Splitting whole numbers (counts, or money as hundredths) into parts that sum exactly to a
 * total, with an upper bound per part where a rule needs one (a part ≤ its whole, done ≤ 150% of plan).
 */

/** Parts proportional to the weights, each at most its cap, summing exactly to the total (the remainder goes round-robin to parts under their cap). */
export function splitWithin(total: number, weights: number[], cap: (index: number) => number = () => Infinity): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  const parts = weights.map((weight, index) => Math.min(Math.floor((total * weight) / weightSum), cap(index)));
  let remainder = total - parts.reduce((sum, part) => sum + part, 0);
  while (remainder > 0) {
    let placed = false;
    for (let index = 0; index < parts.length && remainder > 0; index++) {
      if ((parts[index] as number) < cap(index)) {
        parts[index] = (parts[index] as number) + 1;
        remainder--;
        placed = true;
      }
    }
    if (!placed) throw new Error(`cannot split ${total}: every part is at its cap`);
  }
  return parts;
}
