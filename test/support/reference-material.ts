import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

/** The read-only reference folder handed to the team, beside the repository (../shared). */
const REFERENCE_DIR = resolve(fileURLToPath(new URL("../../../shared", import.meta.url)));

/** Reads a reference file; undefined (with a loud warning) where it is missing, but under CI a missing file is a failure. */
export function readReference(relativePath: string): string | undefined {
  const path = resolve(REFERENCE_DIR, relativePath);
  if (existsSync(path)) return readFileSync(path, "utf8");
  if (process.env.CI === "true") throw new Error(`reference material missing under CI: ${path}`);
  console.warn(`\n*** WARNING: ${path} is missing; the tests comparing against it are skipped ***\n`);
  return undefined;
}
