import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./repo-root.ts";

/** wrangler dev's local secrets (git-ignored): what `wrangler secret put` gives the deployed Worker. */
export const devVarsFile = join(repoRoot, ".dev.vars");

/** A fresh roster key: 32 random bytes in hex, never the same on two machines. */
export const generatedRosterIdKey = () => randomBytes(32).toString("hex");

/**
 * Gives local development a ROSTER_ID_KEY of its own in .dev.vars, generated once and kept (a new
 * key would make the local rosters' hashes unmatchable); other lines of the file are left as they are.
 */
export function ensureDevVars(file = devVarsFile): void {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (/^ROSTER_ID_KEY=\S{32,}/m.test(text)) return;
  const kept = text.replace(/^ROSTER_ID_KEY=.*\n?/m, "");
  writeFileSync(file, `${kept}${kept === "" || kept.endsWith("\n") ? "" : "\n"}ROSTER_ID_KEY=${generatedRosterIdKey()}\n`, { mode: 0o600 });
  console.log(`Wrote a local ROSTER_ID_KEY to ${file} (git-ignored; deployed: wrangler secret put ROSTER_ID_KEY).`);
}
