/** White space of any kind (U+3000, no-break spaces, tabs, newlines), in runs. */
const SPACE_RUNS = /\s+/g;
/** Characters that take no room: zero-width space, joiner and non-joiner, word joiner, BOM. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * A key typed by people (a university, a township, a county code) as people read it, so that keys
 * that look the same compare the same: Unicode NFKC ("Café" composed or decomposed, full-width
 * "ＡＢＣ" and "ABC", "（" and "("), zero-width characters dropped, runs of white space as one
 * space, trimmed.
 */
export function foldKey(text: string): string {
  return text.normalize("NFKC").replace(ZERO_WIDTH, "").replace(SPACE_RUNS, " ").trim();
}

/**
 * The key of a row by its key fields, each folded: what unique() compares and what a distinct count
 * counts, in the engine, in consolidate() and in the Worker's stored fold alike. Joined by NUL,
 * which no accepted text holds (clean text refuses control characters).
 */
export function foldedKeyOf(values: readonly unknown[]): string {
  return values.map((value) => foldKey(String(value ?? ""))).join("\u0000");
}
