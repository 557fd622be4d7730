// Issue 22: a database of any release reaches today's schema with `npm run db:migrate`, and the data in
// it reads the same. Main at 9f6c82d (when migrations became append-only) with a period's history
// written through the real Worker; the first Worker's database (0005 with its first definition); and
// 61b6dc4's, which recorded 0007 under the name 0007_level_deadlines.sql (today's migrate failed on
// it: `table period_level_deadlines already exists`).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { firstAdminToken, startWranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import { queryLocalD1 } from "./local-d1-file.ts";
import { firstWorker, issue22Main, levelDeadlines, migrateAsRelease } from "./migration-releases.ts";
import { npmRun } from "./npm-run.ts";
import { readReportingHistory, writeReportingHistory } from "./reporting-history.ts";

const states: string[] = [];
const newState = async () => {
  const state = await mkdtemp(join(tmpdir(), "tianbao-upgrade-"));
  states.push(state);
  return state;
};
afterAll(async () => {
  for (const state of states) await rm(state, { recursive: true, force: true });
});

/** What the Worker's own tables hold that no API shows whole: the audit log, the review actions, the stamped copies' rows. */
const storedRows = (persistTo: string) =>
  queryLocalD1(persistTo, "SELECT * FROM audit_log ORDER BY id", "SELECT * FROM review_actions ORDER BY rowid", "SELECT * FROM attachments ORDER BY rowid");

/** The schema (wrangler's and D1's own tables aside), the migrations recorded and the stored edition definition. */
function schemaOf(persistTo: string) {
  const [schema, migrations, definitions] = queryLocalD1(
    persistTo,
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT GLOB '_cf_*' AND name NOT GLOB 'sqlite_*' AND name <> 'd1_migrations' ORDER BY type, name",
    "SELECT name FROM d1_migrations ORDER BY name",
    "SELECT definition FROM editions ORDER BY id",
  );
  return { schema, migrations: migrations!.map((row) => row.name as string), definitions };
}

describe("npm run db:migrate upgrades a database of any release", () => {
  it("main at 9f6c82d with a period's history: 0009 applies, and every revision, review, stamped copy, pull and audit row reads the same", async () => {
    const state = await newState();
    expect(await migrateAsRelease(issue22Main, state)).toEqual(issue22Main.sha256);
    const dev = await startWranglerDev({ state });
    try {
      const tokens = await writeReportingHistory(dev.baseUrl, await firstAdminToken(dev, "升级前管理员"));
      const before = await readReportingHistory(dev.baseUrl, tokens);
      expect(before.revisions.map((revision) => [revision.unit, revision.summary.revision, revision.summary.status, revision.attachments.length])).toEqual([
        ["370100", 1, "returned", 0],
        ["370100", 2, "accepted", 1],
        ["370200", 1, "submitted", 2],
      ]);
      expect(before.pull.freshness.pendingChanges).toBe(0);
      await dev.pause();
      const rowsBefore = storedRows(state);

      const migrated = await npmRun("db:migrate", ["--persist-to", state]);
      expect(migrated.code, migrated.output).toBe(0);
      expect(migrated.output).toContain("0009_edition_323_2019_definition_bounds.sql");

      await dev.resume();
      expect(await readReportingHistory(dev.baseUrl, tokens)).toEqual(before);
      await dev.pause();
      expect(storedRows(state)).toEqual(rowsBefore);
    } finally {
      await dev.stop();
    }
  });

  it("the first Worker's (7f6aadf) and 61b6dc4's (0007_level_deadlines.sql) reach a fresh database's schema and edition definition; data stays", async () => {
    const [first, level, fresh] = [await newState(), await newState(), await newState()];
    const [firstFiles, levelFiles] = await Promise.all([migrateAsRelease(firstWorker, first), migrateAsRelease(levelDeadlines, level)]);
    expect(firstFiles).toEqual(firstWorker.sha256);
    expect(levelFiles).toEqual(levelDeadlines.sha256);
    // 61b6dc4's data in the table its 0007 made: a period with a county deadline.
    queryLocalD1(
      level,
      "INSERT INTO periods (code, edition_id, deadline) VALUES ('2019', '323/2019', '2020-01-31') RETURNING code",
      "INSERT INTO period_level_deadlines (period_code, level, deadline) VALUES ('2019', 'county', '2020-01-15') RETURNING level",
    );

    const migrate = (state: string) => npmRun("db:migrate", ["--persist-to", state]);
    const [firstRun, levelRun, freshRun] = await Promise.all([migrate(first), migrate(level), migrate(fresh)]);
    for (const run of [firstRun, levelRun, freshRun]) expect(run.code, run.output).toBe(0);
    expect(levelRun.output).toContain("Reconciled 0007_level_deadlines.sql (applied under its old name) with 0007_counties.sql");
    expect(freshRun.output).not.toContain("Reconciled");

    const [firstSchema, levelSchema, freshSchema] = [schemaOf(first), schemaOf(level), schemaOf(fresh)];
    expect(firstSchema).toEqual(freshSchema);
    expect(levelSchema.schema).toEqual(freshSchema.schema);
    expect(levelSchema.definitions).toEqual(freshSchema.definitions);
    // The old name stays recorded beside the new: both files' statements are in the database.
    expect(levelSchema.migrations).toEqual([...freshSchema.migrations, "0007_level_deadlines.sql"].sort());
    expect(queryLocalD1(level, "SELECT period_code, level, deadline FROM period_level_deadlines")).toEqual([
      [{ period_code: "2019", level: "county", deadline: "2020-01-15" }],
    ]);
  });
});
