/**
 * A set of 128-bit keyed hashes (32 hex digits, as a list entry stores them) held as 16 bytes each in
 * one typed array: how an upload finds an ID repeated across a 250,000-row stream without keeping the
 * IDs, or a JavaScript string per hash. Open addressing, probed linearly from the hash's own first 32
 * bits (a keyed hash is uniform already); grown by doubling at half full.
 */
export class DigestSet {
  private words: Uint32Array;
  private used: Uint8Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < 2 * expected) capacity *= 2;
    this.words = new Uint32Array(4 * capacity);
    this.used = new Uint8Array(capacity);
    this.mask = capacity - 1;
  }

  /** Adds the hash (its first 32 hex digits); false when it was there already. */
  add(hex: string): boolean {
    const a = Number.parseInt(hex.slice(0, 8), 16) >>> 0;
    const b = Number.parseInt(hex.slice(8, 16), 16) >>> 0;
    const c = Number.parseInt(hex.slice(16, 24), 16) >>> 0;
    const d = Number.parseInt(hex.slice(24, 32), 16) >>> 0;
    if (!this.insert(a, b, c, d)) return false;
    if (++this.size * 2 > this.used.length) this.grow();
    return true;
  }

  private insert(a: number, b: number, c: number, d: number): boolean {
    const { words, used, mask } = this;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const at = 4 * slot;
      if (!used[slot]) {
        used[slot] = 1;
        words[at] = a;
        words[at + 1] = b;
        words[at + 2] = c;
        words[at + 3] = d;
        return true;
      }
      if (words[at] === a && words[at + 1] === b && words[at + 2] === c && words[at + 3] === d) return false;
    }
  }

  private grow(): void {
    const { words, used } = this;
    this.words = new Uint32Array(2 * words.length);
    this.used = new Uint8Array(2 * used.length);
    this.mask = this.used.length - 1;
    for (let slot = 0; slot < used.length; slot++)
      if (used[slot]) this.insert(words[4 * slot] as number, words[4 * slot + 1] as number, words[4 * slot + 2] as number, words[4 * slot + 3] as number);
  }
}
