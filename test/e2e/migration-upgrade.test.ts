// Issue 22: a database of any release reaches today's schema with `npm run db:migrate`, and the data in
// it stays. Main at 9f6c82d (when migrations became append-only) holding a period's history written by
// that commit's Worker (fixtures/main-9f6c82d-history.*: today's Worker may need a newer schema, so the
// old one's writes are a dump, made by fixtures/make-main-9f6c82d-history.ts; the stamped copies' bytes
// are in R2, which no migration touches, so the dump holds their rows and SHA-256); the first Worker's database (0005 with its first definition); and
// 61b6dc4's, which recorded 0007 under the name 0007_level_deadlines.sql (db:migrate failed on it:
// `table period_level_deadlines already exists`); and main's at 30779e7, which applied 0010 and 0011
// before 0009 existed, so 0009 comes after them.
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { runWrangler } from "../../cli/local-d1/wrangler.ts";
import { ApiClient } from "../../shared/api/api-client.ts";
import type { Consolidated } from "../../shared/api/api-client.ts";
import { startWranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import { queryLocalD1 } from "./local-d1-file.ts";
import { firstWorker, issue22Main, levelDeadlines, migrateAsRelease, tokenLifecycleMain } from "./migration-releases.ts";
import { npmRun } from "./npm-run.ts";
import { period } from "./reporting-history.ts";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const history = JSON.parse(readFileSync(fixture("main-9f6c82d-history.json"), "utf8")) as {
  tokens: { province: string; clerks: Record<string, string> };
  revisions: {
    unit: string;
    revision: number;
    status: string;
    sha256: string;
    reviews: { action: string; comment: string | null; cells: unknown[] }[];
    stampedCopies: { sequence: number; sha256: string; fileName: string }[];
  }[];
};
const pulls = JSON.parse(gunzipSync(readFileSync(fixture("main-9f6c82d-pulls.json.gz"))).toString("utf8")) as Record<"pull" | "pullAccepted", unknown>;

const states: string[] = [];
const newState = async () => {
  const state = await mkdtemp(join(tmpdir(), "tianbao-upgrade-"));
  states.push(state);
  return state;
};
afterAll(async () => {
  for (const state of states) await rm(state, { recursive: true, force: true });
});

/**
 * The rows of a period's history, by the columns they had at 9f6c82d (a later migration may add
 * columns, never change these): revisions and their values, reviews, stamped copies, the audit log, the
 * stored consolidation (keys as hex: node:sqlite reads TEXT up to its first U+0000).
 */
const historyRows = (persistTo: string, unitColumn = "unit_code") =>
  queryLocalD1(
    persistTo,
    `SELECT id, period_code, ${unitColumn} AS unit_code, revision, edition_id, submitted_by, submitted_at, payload, payload_sha256, status, explanations, resubmission_reason, idempotency_key, based_on_revision, sources FROM submissions ORDER BY id`,
    "SELECT submission_id, sheet_code, row_key, field_code, number_value, text_value FROM submission_values ORDER BY 1, 2, 3, 4",
    "SELECT id, submission_id, action, comment, cell_references, acted_by, acted_at FROM review_actions ORDER BY id",
    "SELECT id, submission_id, sequence, object_key, sha256, size_bytes, media_type, file_name, uploaded_by, uploaded_at FROM attachments ORDER BY id",
    "SELECT id, at, token_id, action, target, detail FROM audit_log ORDER BY id",
    "SELECT period_code, inclusion, unit_code, submission_id FROM consolidation_nodes ORDER BY 1, 2, 3",
    "SELECT period_code, inclusion, unit_code, sheet_code, field_code, amount FROM consolidation_totals ORDER BY 1, 2, 3, 4, 5",
    "SELECT period_code, inclusion, unit_code, sheet_code, field_code, hex(key) AS key_hex, holders FROM consolidation_keys ORDER BY 1, 2, 3, 4, 5, 6",
  );

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

const withoutFreshness = ({ freshness: _freshness, ...rest }: Consolidated) => rest;

/** 9f6c82d's answers as today's API names their fields: a unit's code is `unitCode` since issue 24 (migration 0012). */
const todaysNames = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(todaysNames)
    : value !== null && typeof value === "object"
      ? Object.fromEntries(Object.entries(value).map(([key, entry]) => [key === "prefectureCode" ? "unitCode" : key, todaysNames(entry)]))
      : value;

describe("npm run db:migrate upgrades a database of any release", () => {
  it("main at 9f6c82d with a period's history: it reaches a fresh database's schema, its rows stay as they were, and today's Worker serves every revision, review, stamped copy and both pulls as 9f6c82d's did", async () => {
    const state = await newState();
    const dump = join(state, "main-9f6c82d.sql");
    await writeFile(dump, gunzipSync(readFileSync(fixture("main-9f6c82d-history.sql.gz"))));
    await runWrangler(["d1", "execute", "DB", "--local", "--persist-to", state, "--file", dump, "--yes"]);
    expect(schemaOf(state).migrations).toEqual(Object.keys(issue22Main.sha256).sort());
    // Before migration 0012 the unit's column was prefecture_code: the same values, under today's name.
    const rowsBefore = historyRows(state, "prefecture_code");
    expect(rowsBefore.map((rows) => rows.length > 0)).toEqual(rowsBefore.map(() => true));

    const fresh = await newState();
    const [migrated, freshRun] = await Promise.all([npmRun("db:migrate", ["--persist-to", state]), npmRun("db:migrate", ["--persist-to", fresh])]);
    expect(migrated.code, migrated.output).toBe(0);
    expect(freshRun.code, freshRun.output).toBe(0);
    expect(migrated.output).toContain("0009_edition_323_2019_definition_bounds.sql");
    expect(historyRows(state)).toEqual(rowsBefore);
    expect(schemaOf(state)).toEqual(schemaOf(fresh));

    const dev = await startWranglerDev({ state });
    try {
      const reviewer = new ApiClient(dev.baseUrl, history.tokens.province);
      // 9f6c82d's tokens still sign in; its clerks' now expire (0011), not sooner than 30 days from the upgrade.
      expect((await reviewer.me()).expiresAt).toBeNull();
      for (const clerk of Object.values(history.tokens.clerks))
        expect(Date.parse((await new ApiClient(dev.baseUrl, clerk).me()).expiresAt!)).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
      for (const expected of history.revisions) {
        const detail = await reviewer.submission(period, expected.unit, expected.revision);
        expect({
          unit: expected.unit,
          revision: detail.revision,
          status: detail.status,
          sha256: detail.sha256,
          reviews: detail.reviews.map(({ action, comment, cells }) => ({ action, comment, cells })),
          stampedCopies: (await reviewer.attachments(period, expected.unit, expected.revision)).map(({ sequence, sha256, fileName }) => ({
            sequence,
            sha256,
            fileName,
          })),
        }).toEqual(expected);
        expect((await reviewer.revisionWorkbook(period, expected.unit, expected.revision)).length).toBeGreaterThan(1000);
      }
      const pull = async (query: string) => {
        const response = await fetch(`${dev.baseUrl}/api/v1/periods/${period}/consolidated${query}`, {
          headers: { Authorization: `Bearer ${history.tokens.province}` },
        });
        expect(response.status, query).toBe(200);
        return withoutFreshness((await response.json()) as Consolidated);
      };
      expect(await pull("")).toEqual(todaysNames(pulls.pull));
      expect(await pull("?include=accepted")).toEqual(todaysNames(pulls.pullAccepted));
    } finally {
      await dev.stop();
    }
  });

  it("the first Worker's (7f6aadf), 61b6dc4's (0007_level_deadlines.sql) and 30779e7's (0010, 0011 before 0009) reach a fresh database's schema and edition definition; data stays", async () => {
    const [first, level, main, fresh] = [await newState(), await newState(), await newState(), await newState()];
    const [firstFiles, levelFiles, mainFiles] = await Promise.all([
      migrateAsRelease(firstWorker, first),
      migrateAsRelease(levelDeadlines, level),
      migrateAsRelease(tokenLifecycleMain, main),
    ]);
    expect(firstFiles).toEqual(firstWorker.sha256);
    expect(levelFiles).toEqual(levelDeadlines.sha256);
    expect(mainFiles).toEqual(tokenLifecycleMain.sha256);
    // 61b6dc4's data in the table its 0007 made: a period with a county deadline.
    queryLocalD1(
      level,
      "INSERT INTO periods (code, edition_id, deadline) VALUES ('2019', '323/2019', '2020-01-31') RETURNING code",
      "INSERT INTO period_level_deadlines (period_code, level, deadline) VALUES ('2019', 'county', '2020-01-15') RETURNING level",
    );

    const migrate = (state: string) => npmRun("db:migrate", ["--persist-to", state]);
    const [firstRun, levelRun, mainRun, freshRun] = await Promise.all([migrate(first), migrate(level), migrate(main), migrate(fresh)]);
    for (const run of [firstRun, levelRun, mainRun, freshRun]) expect(run.code, run.output).toBe(0);
    expect(mainRun.output).toContain("0009_edition_323_2019_definition_bounds.sql");
    expect(levelRun.output).toContain("Reconciled 0007_level_deadlines.sql (applied under its old name) with 0007_counties.sql");
    expect(freshRun.output).not.toContain("Reconciled");

    const [firstSchema, levelSchema, freshSchema] = [schemaOf(first), schemaOf(level), schemaOf(fresh)];
    expect(firstSchema).toEqual(freshSchema);
    expect(schemaOf(main)).toEqual(freshSchema);
    expect(levelSchema.schema).toEqual(freshSchema.schema);
    expect(levelSchema.definitions).toEqual(freshSchema.definitions);
    // The old name stays recorded beside the new: both files' statements are in the database.
    expect(levelSchema.migrations).toEqual([...freshSchema.migrations, "0007_level_deadlines.sql"].sort());
    expect(queryLocalD1(level, "SELECT period_code, level, deadline FROM period_level_deadlines")).toEqual([
      [{ period_code: "2019", level: "county", deadline: "2020-01-15" }],
    ]);
  });
});
