// npm run db:backup -- (--local [--persist-to <dir>] | --remote) -o <file.sql> [--with-files]
// The D1 database as SQL (`wrangler d1 export`: schema and every row, the audit log and the stored
// consolidation included) in <file.sql>, and beside it <file.sql>.manifest.json: when it was taken, the
// SQL's SHA-256 and every stamped copy (盖章件) in R2 by key, SHA-256, size and type. R2 is not in the
// export: with --with-files each copy is also fetched into <file.sql>.files/<key> and checked against
// its SHA-256. Restore with npm run db:restore (docs/operations.md: Backup and recovery).
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CliError, describeFailure, usageError } from "../cli/cli-error.ts";
import { d1TargetArgs, executeSql, runWrangler } from "../cli/local-d1/wrangler.ts";
import type { D1Target } from "../cli/local-d1/wrangler.ts";
import { filesDirOf, manifestPathOf } from "./lib/backup-manifest.ts";
import type { BackupManifest, StampedCopyEntry } from "./lib/backup-manifest.ts";
import { exportD1 } from "./lib/d1-export.ts";
import { r2BucketOf } from "./lib/wrangler-config.ts";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function backup(): Promise<string> {
  const { values } = parseArgs({
    options: {
      local: { type: "boolean", default: false },
      remote: { type: "boolean", default: false },
      "persist-to": { type: "string" },
      output: { type: "string", short: "o" },
      "with-files": { type: "boolean", default: false },
    },
  });
  if (values.local === values.remote) throw usageError("请指定 --local 或 --remote 之一", "give one of --local and --remote");
  if (!values.output) throw usageError("请用 -o 指定备份文件", "give the backup file with -o <file.sql>");
  const target: D1Target = values.remote ? { remote: true } : { persistTo: values["persist-to"] };
  // npm runs scripts in the checkout; a relative file is the operator's, relative to where they typed it.
  const sqlPath = resolve(process.env.INIT_CWD ?? process.cwd(), values.output);
  await mkdir(dirname(sqlPath), { recursive: true });

  const takenAt = new Date().toISOString();
  await exportD1(target, sqlPath);
  // Listed after the export: stamped copies are append-only, so every copy the SQL names is here.
  const [rows] = await executeSql<StampedCopyEntry>(
    target,
    "SELECT object_key AS key, sha256, size_bytes AS sizeBytes, media_type AS mediaType FROM attachments ORDER BY id",
  );
  const stampedCopies = rows ?? [];
  const bucket = r2BucketOf("ATTACHMENTS");

  const filesDir = values["with-files"] ? filesDirOf(sqlPath) : null;
  if (filesDir) {
    for (const copy of stampedCopies) {
      const file = join(filesDir, copy.key);
      await mkdir(dirname(file), { recursive: true });
      await runWrangler(["r2", "object", "get", `${bucket}/${copy.key}`, ...d1TargetArgs(target), "--file", file]);
      if (sha256(await readFile(file)) !== copy.sha256)
        throw new CliError(`盖章件 ${copy.key} 的 SHA-256 与数据库记录不符`, `stamped copy ${copy.key} does not match the SHA-256 its row records`);
    }
  }

  const manifest: BackupManifest = {
    takenAt,
    from: values.remote ? "remote" : "local",
    sqlFile: basename(sqlPath),
    sqlSha256: sha256(await readFile(sqlPath)),
    bucket,
    stampedCopies,
    filesDir: filesDir && basename(filesDir),
  };
  await writeFile(manifestPathOf(sqlPath), `${JSON.stringify(manifest, null, 2)}\n`);
  return `backed up ${manifest.from} D1 to ${sqlPath} (taken at ${takenAt}); ${stampedCopies.length} stamped copies listed in ${manifestPathOf(sqlPath)}${
    filesDir ? `, copied to ${filesDir}` : " (not copied: --with-files copies them)"
  }`;
}

try {
  console.log(await backup());
} catch (error) {
  const { line, exitCode } = describeFailure(error);
  console.error(line);
  process.exit(exitCode);
}
