/**
 * JSON with object keys sorted at every level and no whitespace: the same report always gives
 * the same text, so its SHA-256 identifies it (idempotent retries, receipts, ETags).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  // fromEntries defines own properties: a "__proto__" key stays a key, as JSON.parse made it.
  const entries = Object.keys(value)
    .sort()
    .flatMap((key) => {
      const entry = (value as Record<string, unknown>)[key];
      return entry === undefined ? [] : [[key, sortKeys(entry)] as const];
    });
  return Object.fromEntries(entries);
}
