/**
 * A workbook's shared strings held as UTF-8 bytes with their offsets (typed arrays, outside the JS
 * heap's string objects), each decoded when a cell asks for it: a list of 250,000 distinct IDs takes
 * about 6 MB this way, over 10 MB as strings. `wipe` zeroes the bytes once the sheet is read.
 */
export class SharedStringStore {
  private bytes = new Uint8Array(64 * 1024);
  private ends = new Uint32Array(4096);
  private length = 0;
  private used = 0;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  get size(): number {
    return this.length;
  }

  add(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.reserve(this.used + text.length * 3);
    this.used += this.encoder.encodeInto(text, this.bytes.subarray(this.used)).written;
    if (this.length === this.ends.length) {
      const ends = new Uint32Array(this.ends.length * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.ends[this.length++] = this.used;
  }

  /** The string at `index` (as an array of the strings would answer: undefined past the end or for an index that is not one). */
  at(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    const start = index === 0 ? 0 : this.ends[index - 1]!;
    return this.decoder.decode(this.bytes.subarray(start, this.ends[index]!));
  }

  wipe(): void {
    this.bytes.fill(0);
    this.length = this.used = 0;
  }

  private reserve(bytes: number): void {
    if (bytes <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(bytes, this.bytes.length * 2));
    grown.set(this.bytes.subarray(0, this.used));
    this.bytes.fill(0);
    this.bytes = grown;
  }
}
