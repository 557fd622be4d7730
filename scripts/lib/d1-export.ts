import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runWrangler } from "../../cli/local-d1/wrangler.ts";
import type { D1Target } from "../../cli/local-d1/wrangler.ts";
import { d1DatabaseId } from "./wrangler-config.ts";

/**
 * `wrangler d1 export DB` (schema and data as SQL) of the local or the deployed database into `output`,
 * made loadable again (withoutRawNul).
 */
export async function exportD1(target: D1Target, output: string): Promise<void> {
  await wranglerExport(target, output);
  await writeFile(output, withoutRawNul(await readFile(output)));
}

/**
 * The stored distinct-count keys join their parts with U+0000 (shared/consolidate/consolidate.ts), and
 * the export writes that byte raw inside its string literal, where SQLite's parser stops reading
 * (`unrecognized token: "'370102"` on import). Outside a literal a dump has no NUL, so each one becomes
 * the literal closed, `char(0)` concatenated, and the literal reopened: the same TEXT, byte for byte.
 */
export function withoutRawNul(sql: Uint8Array): Uint8Array {
  const nul = Buffer.from([0]);
  const bytes = Buffer.from(sql);
  if (!bytes.includes(nul)) return sql;
  const parts: Buffer[] = [];
  let start = 0;
  for (let index = bytes.indexOf(nul); index !== -1; index = bytes.indexOf(nul, start)) {
    parts.push(bytes.subarray(start, index), Buffer.from("'||char(0)||'"));
    start = index + 1;
  }
  parts.push(bytes.subarray(start));
  return Buffer.concat(parts);
}

/**
 * `wrangler d1 export --local` takes no --persist-to: it reads the .wrangler/state beside its config, so
 * for another state dir it is given a config of the D1 alone in a scratch dir whose .wrangler/state is
 * that dir.
 */
async function wranglerExport(target: D1Target, output: string): Promise<void> {
  if (target.remote) {
    await runWrangler(["d1", "export", "DB", "--remote", "--output", output, "--skip-confirmation"]);
    return;
  }
  if (!target.persistTo) {
    await runWrangler(["d1", "export", "DB", "--local", "--output", output]);
    return;
  }
  const scratch = await mkdtemp(join(tmpdir(), "tianbao-export-"));
  try {
    await mkdir(join(scratch, ".wrangler"));
    await symlink(resolve(target.persistTo), join(scratch, ".wrangler", "state"), "dir");
    const config = join(scratch, "wrangler.toml");
    await writeFile(
      config,
      `name = "tianbao-export"\ncompatibility_date = "2026-11-01"\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "tianbao"\ndatabase_id = "${d1DatabaseId()}"\n`,
    );
    await runWrangler(["d1", "export", "DB", "--local", "--config", config, "--output", output]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
