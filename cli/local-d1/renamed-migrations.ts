import { sqlString } from "./sql-literal.ts";

// Migrations renamed after they landed, before append-only was guarded (test/guardrails/landed-migrations.test.ts).
// wrangler records an applied migration by file name only, so a database migrated under the old name
// would apply the new file again from its first statement and stop there (issue 22: `table
// period_level_deadlines already exists`). Before wrangler's apply, such a database gets what the
// new file adds beyond the old one and the new name recorded as applied, in one transaction
// (applyMigrations in ./wrangler.ts).

export interface RenamedMigration {
  /** The file name a database of an older release recorded in d1_migrations. */
  landedAs: string;
  /** The file under worker/migrations today. */
  now: string;
  /** SQL that takes a database that applied `landedAs` to one that applied `now`. */
  delta: string;
}

export const renamedMigrations: RenamedMigration[] = [
  {
    // 61b6dc4 landed it as the level deadlines alone; 05d92a3 renamed it and added the revisions' sources.
    landedAs: "0007_level_deadlines.sql",
    now: "0007_counties.sql",
    delta: "ALTER TABLE submissions ADD COLUMN sources TEXT CHECK (sources IS NULL OR json_valid(sources));",
  },
];

/** The renames a database with these applied migrations took under their old name. */
export function renamesToReconcile(appliedNames: Iterable<string>): RenamedMigration[] {
  const applied = new Set(appliedNames);
  return renamedMigrations.filter((rename) => applied.has(rename.landedAs) && !applied.has(rename.now));
}

/** The statements of one reconciliation: the delta, then the record wrangler reads. */
export function reconcileSql(rename: RenamedMigration): string {
  return `${rename.delta}\nINSERT INTO d1_migrations (name) VALUES (${sqlString(rename.now)});`;
}
