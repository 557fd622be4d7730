import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./repo-root.ts";

// What the scripts read from wrangler.toml: the D1 database's id and the R2 bucket of each binding.

const wranglerToml = () => readFileSync(join(repoRoot, "wrangler.toml"), "utf8");

/** The database_id wrangler.toml gives the DB binding (the local D1 file is named after it). */
export function d1DatabaseId(): string {
  const id = /\[\[d1_databases\]\][^[]*?database_id\s*=\s*"([^"]+)"/s.exec(wranglerToml())?.[1];
  if (!id) throw new Error("wrangler.toml has no [[d1_databases]] database_id");
  return id;
}

/** The bucket wrangler.toml binds to an R2 binding (ATTACHMENTS: the stamped copies). */
export function r2BucketOf(binding: string): string {
  const bucket = new Map(
    [...wranglerToml().matchAll(/\[\[r2_buckets\]\]\s*binding\s*=\s*"([^"]+)"\s*bucket_name\s*=\s*"([^"]+)"/g)].map((match) => [match[1], match[2]]),
  ).get(binding);
  if (!bucket) throw new Error(`wrangler.toml binds no R2 bucket as ${binding}`);
  return bucket;
}
