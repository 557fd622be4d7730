// A1 addresses <-> 0-based row/column indexes, within Excel's grid (XFD1048576).

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface CellPosition {
  row: number;
  col: number;
}

export interface CellRange {
  start: CellPosition;
  end: CellPosition;
}

// Letters are cached: readers and writers convert hundreds of thousands of addresses.
const letterCache: string[] = [];

/** 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export function columnLetter(index0: number): string {
  const cached = letterCache[index0];
  if (cached !== undefined) return cached;
  if (!Number.isInteger(index0) || index0 < 0 || index0 >= MAX_COLUMNS) {
    throw new RangeError(`column index out of range: ${index0}`);
  }
  let n = index0 + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = (n - 1 - rem) / 26;
  }
  return (letterCache[index0] = letters);
}

/** 'A' → 0, 'AA' → 26 (case-insensitive). */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) throw new RangeError(`invalid column letters: "${letters}"`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  if (n > MAX_COLUMNS) throw new RangeError(`column out of range: "${letters}"`);
  return n - 1;
}

/** (6, 2) → 'C7'. */
export function toA1(row0: number, col0: number): string {
  if (!Number.isInteger(row0) || row0 < 0 || row0 >= MAX_ROWS) {
    throw new RangeError(`row index out of range: ${row0}`);
  }
  return columnLetter(col0) + (row0 + 1);
}

/** 'C7' (or '$C$7', 'c7') → { row: 6, col: 2 }. A character loop: this runs once per cell read. */
export function parseA1(ref: string): CellPosition {
  const n = ref.length;
  let i = ref.charCodeAt(0) === 36 /* $ */ ? 1 : 0;
  const colStart = i;
  let col = 0;
  for (let c = ref.charCodeAt(i) | 32; i < n && c >= 97 && c <= 122; c = ref.charCodeAt(++i) | 32) {
    col = col * 26 + c - 96;
  }
  const letters = i - colStart;
  if (ref.charCodeAt(i) === 36) i++;
  const rowStart = i;
  let row = 0;
  for (let c = ref.charCodeAt(i); i < n && c >= 48 && c <= 57; c = ref.charCodeAt(++i)) row = row * 10 + c - 48;
  const digits = i - rowStart;
  if (letters < 1 || letters > 3 || digits < 1 || digits > 7 || i !== n || ref.charCodeAt(rowStart) === 48) {
    throw new RangeError(`invalid cell address: "${ref}"`);
  }
  if (col > MAX_COLUMNS || row > MAX_ROWS) throw new RangeError(`cell address out of range: "${ref}"`);
  return { row: row - 1, col: col - 1 };
}

/** 'C7:D18' → positions, normalised so start is top-left; a single cell 'C7' is a 1×1 range. */
export function parseRange(range: string): CellRange {
  const parts = range.split(":");
  if (parts.length > 2) throw new RangeError(`invalid range: "${range}"`);
  const a = parseA1(parts[0]!);
  const b = parts.length === 2 ? parseA1(parts[1]!) : a;
  return {
    start: { row: Math.min(a.row, b.row), col: Math.min(a.col, b.col) },
    end: { row: Math.max(a.row, b.row), col: Math.max(a.col, b.col) },
  };
}

/** Positions → 'C7:D18', or 'C7' for a single cell. */
export function toRange(range: CellRange): string {
  const a = toA1(range.start.row, range.start.col);
  const b = toA1(range.end.row, range.end.col);
  return a === b ? a : `${a}:${b}`;
}

/** True when the two ranges share at least one cell. */
export function rangesOverlap(a: CellRange, b: CellRange): boolean {
  return a.start.row <= b.end.row && b.start.row <= a.end.row && a.start.col <= b.end.col && b.start.col <= a.end.col;
}
