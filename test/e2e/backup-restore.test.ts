// Issue 22, the drill: a database with reports, reviews, stamped copies and audit rows is backed up with
// `npm run db:backup` (D1 export, the copies listed by key and SHA-256 and fetched with --with-files),
// restored with `npm run db:restore` into an empty state dir, and a Worker started on it serves the
// same pull, every revision's workbook and stamped copy, and holds the same audit log. The period is
// locked first, so migration 0010's state rules would refuse every revision and copy of it, and the
// accepted revision's copy besides: the restore loads them because the export creates the triggers
// after the rows. A restore into a database that is not empty is refused in one line.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../shared/api/api-client.ts";
import { startWranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import type { BackupManifest } from "../../scripts/lib/backup-manifest.ts";
import { queryLocalD1 } from "./local-d1-file.ts";
import { npmRun } from "./npm-run.ts";
import { period, readReportingHistory, writeReportingHistory } from "./reporting-history.ts";
import { adminTokenFromScript, useWranglerDev } from "./wrangler-dev-fixture.ts";

const dev = useWranglerDev();
const dir = await mkdtemp(join(tmpdir(), "tianbao-backup-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/**
 * The rows a restore must bring back whole: the audit log, the review actions, the stamped copies' rows,
 * the tokens, and the stored distinct-count keys (their parts joined by U+0000, which a raw export loses).
 */
const storedRows = (persistTo: string) =>
  queryLocalD1(
    persistTo,
    "SELECT * FROM audit_log ORDER BY id",
    "SELECT * FROM review_actions ORDER BY rowid",
    "SELECT * FROM attachments ORDER BY id",
    "SELECT * FROM tokens ORDER BY id",
    "SELECT code, status, locked_at FROM periods ORDER BY code",
    // hex(): node:sqlite reads TEXT up to its first NUL.
    "SELECT period_code, inclusion, unit_code, sheet_code, field_code, hex(key) AS key_hex, holders FROM consolidation_keys ORDER BY 1, 2, 3, 4, 5, 6",
  );

describe("backup and restore", () => {
  it("db:backup --with-files, db:restore --with-files into an empty state dir: the pull, every revision's workbook, stamped copy and the audit log are equal", async () => {
    const admin = (await adminTokenFromScript(dev, "备份管理员")).token;
    const tokens = await writeReportingHistory(dev.baseUrl, admin);
    await new ApiClient(dev.baseUrl, admin).lockPeriod(period);
    const before = await readReportingHistory(dev.baseUrl, tokens);
    await dev.pause();
    const rowsBefore = storedRows(dev.persistTo);
    expect(rowsBefore[4]!).toEqual([expect.objectContaining({ code: period, status: "locked" })]);
    expect(rowsBefore[5]!.some((row) => /^(..)*00/.test(String(row.key_hex)))).toBe(true);
    expect(rowsBefore[0]!.map((row) => row.action)).toEqual(
      expect.arrayContaining(["submission.create", "submission.return", "submission.accept", "attachment.create"]),
    );

    const sqlFile = join(dir, "backup.sql");
    const backup = await npmRun("db:backup", ["--local", "--persist-to", dev.persistTo, "-o", sqlFile, "--with-files"]);
    expect(backup.code, backup.output).toBe(0);
    const manifest = JSON.parse(await readFile(`${sqlFile}.manifest.json`, "utf8")) as BackupManifest;
    // The export creates the triggers (0010's state rules; 0008's, which would record every restored
    // revision as a change to fold again) after every row it inserts, so none fires on the restore.
    const dump = await readFile(sqlFile, "utf8");
    expect(dump.indexOf("\nCREATE TRIGGER")).toBeGreaterThan(dump.lastIndexOf("\nINSERT INTO"));
    // Every stamped copy by its R2 key and SHA-256, as the Worker lists them; each file beside it, equal.
    const copies = before.revisions.flatMap((revision) => revision.attachments);
    expect(manifest.stampedCopies.map((copy) => copy.sha256)).toEqual(copies.map((copy) => copy.sha256));
    expect(manifest.stampedCopies.map((copy) => copy.key)).toEqual(rowsBefore[2]!.map((row) => row.object_key));
    for (const copy of manifest.stampedCopies)
      expect(
        createHash("sha256")
          .update(await readFile(join(dir, "backup.sql.files", copy.key)))
          .digest("hex"),
      ).toBe(copy.sha256);

    const restoredState = join(dir, "restored-state");
    const restored = await npmRun("db:restore", ["--local", "--persist-to", restoredState, sqlFile, "--with-files"]);
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toContain("3 stamped copies put back into tianbao-attachments");

    const again = await npmRun("db:restore", ["--local", "--persist-to", restoredState, sqlFile]);
    expect(again.code).toBe(1);
    expect(again.output.trim()).toMatch(/^数据库不为空（已有 \d+ 张表）.* \/ the database is not empty \(\d+ tables\): restore into an empty one/);

    const restoredDev = await startWranglerDev({ state: restoredState });
    try {
      expect(await readReportingHistory(restoredDev.baseUrl, tokens)).toEqual(before);
    } finally {
      await restoredDev.stop();
    }
    expect(storedRows(restoredState)).toEqual(rowsBefore);
  });
});
