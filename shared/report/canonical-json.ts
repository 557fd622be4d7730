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
  // Assigned in sorted order (several times faster than Object.fromEntries of a flatMap, the same object);
  // a "__proto__" key is defined, so it stays a key, as JSON.parse made it.
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    const entry = record[key];
    if (entry === undefined) continue;
    if (key === "__proto__") Object.defineProperty(sorted, key, { value: sortKeys(entry), enumerable: true, writable: true, configurable: true });
    else sorted[key] = sortKeys(entry);
  }
  return sorted;
}
