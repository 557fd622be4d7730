/** Interns strings (rendered XML fragments, shared strings): the same string always gets the same index, in order of first appearance. */
export class InternPool {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(initial: string[] = []) {
    for (const item of initial) this.add(item);
  }
  add(item: string): number {
    let i = this.index.get(item);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(item);
      this.index.set(item, i);
    }
    return i;
  }
}
