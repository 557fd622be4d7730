import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";

// Reads the local D1 of a state dir straight from its SQLite file (Miniflare's D1 Durable Object), while
// no wrangler has it open: a test's look at the stored rows in milliseconds, where `wrangler d1 execute`
// takes seconds.

/** The SQLite file of the local D1 in a state dir. */
export function localD1File(persistTo: string): string {
  const dir = join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject");
  const files = readdirSync(dir).filter((name) => name.endsWith(".sqlite") && name !== "metadata.sqlite");
  if (files.length !== 1) throw new Error(`expected one D1 database in ${dir}, found ${files.join(", ") || "none"}`);
  return join(dir, files[0]!);
}

/** The rows of each query, in order. */
export function queryLocalD1(persistTo: string, ...queries: string[]): Record<string, unknown>[][] {
  const database = new DatabaseSync(localD1File(persistTo));
  try {
    return queries.map((query) => database.prepare(query).all() as Record<string, unknown>[]);
  } finally {
    database.close();
  }
}
