// npm run db:restore -- --local [--persist-to <dir>] <file.sql> [--with-files]
// A backup of npm run db:backup into an EMPTY local D1 (`wrangler d1 execute --file`): refused, with
// nothing written, when the database has any table or the SQL does not match its manifest's SHA-256.
// With --with-files the stamped copies in <file.sql>.files/ go back into the local R2 bucket under
// their keys, each checked against its SHA-256 first. The deployed database is restored in place with
// D1 Time Travel instead (docs/operations.md: Backup and recovery), so --remote is refused.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CliError, describeFailure, usageError } from "../cli/cli-error.ts";
import { d1TargetArgs, executeSql, runWrangler } from "../cli/local-d1/wrangler.ts";
import type { D1Target } from "../cli/local-d1/wrangler.ts";
import { filesDirOf, manifestPathOf } from "./lib/backup-manifest.ts";
import type { BackupManifest } from "./lib/backup-manifest.ts";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function restore(): Promise<string> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      local: { type: "boolean", default: false },
      remote: { type: "boolean", default: false },
      "persist-to": { type: "string" },
      "with-files": { type: "boolean", default: false },
    },
  });
  if (values.remote)
    throw usageError(
      "不支持恢复到线上数据库：请用 D1 Time Travel（wrangler d1 time-travel restore）",
      "restoring into the deployed database is not supported: use D1 Time Travel (wrangler d1 time-travel restore)",
    );
  if (!values.local) throw usageError("请指定 --local", "give --local (the backup goes into the local D1)");
  if (positionals.length !== 1) throw usageError("请指定一个备份文件", "give one backup file: npm run db:restore -- --local <file.sql>");
  const sqlPath = resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);
  const target: D1Target = { persistTo: values["persist-to"] };

  const manifest = JSON.parse(await readFile(manifestPathOf(sqlPath), "utf8")) as BackupManifest;
  if (sha256(await readFile(sqlPath)) !== manifest.sqlSha256)
    throw new CliError(`备份文件 ${sqlPath} 与其清单的 SHA-256 不符`, `backup ${sqlPath} does not match the SHA-256 in its manifest`);
  const copies = values["with-files"]
    ? await Promise.all(
        manifest.stampedCopies.map(async (copy) => {
          const file = join(filesDirOf(sqlPath), copy.key);
          if (sha256(await readFile(file)) !== copy.sha256)
            throw new CliError(`盖章件 ${file} 与清单的 SHA-256 不符`, `stamped copy ${file} does not match the SHA-256 in the manifest`);
          return { ...copy, file };
        }),
      )
    : [];

  const [tables] = await executeSql<{ name: string }>(
    target,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT GLOB '_cf_*' AND name NOT GLOB 'sqlite_*' ORDER BY name",
  );
  if (tables?.length)
    throw new CliError(
      `数据库不为空（已有 ${tables.length} 张表），只能恢复到空数据库：请换一个新的 --persist-to 目录`,
      `the database is not empty (${tables.length} tables): restore into an empty one, e.g. a new --persist-to directory`,
    );

  await runWrangler(["d1", "execute", "DB", ...d1TargetArgs(target), "--file", sqlPath, "--yes"]);
  for (const copy of copies)
    await runWrangler([
      "r2",
      "object",
      "put",
      `${manifest.bucket}/${copy.key}`,
      ...d1TargetArgs(target),
      "--file",
      copy.file,
      "--content-type",
      copy.mediaType,
    ]);
  return `restored ${sqlPath} (taken at ${manifest.takenAt}) into the local D1; ${
    values["with-files"]
      ? `${copies.length} stamped copies put back into ${manifest.bucket}`
      : `${manifest.stampedCopies.length} stamped copies listed, not put back (--with-files puts them back)`
  }`;
}

try {
  console.log(await restore());
} catch (error) {
  const { line, exitCode } = describeFailure(error);
  console.error(line);
  process.exit(exitCode);
}
