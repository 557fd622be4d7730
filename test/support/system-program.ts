import { spawnSync } from "node:child_process";

/**
 * A system program some tests drive for real: its path, or undefined after a loud warning.
 * Under CI=true a missing program is a failure, not a skip (.ci/run installs it).
 */
export function requireSystemProgram(candidates: string[], what: string, debianPackage: string): string | undefined {
  for (const candidate of candidates) {
    const found = spawnSync("sh", ["-c", `command -v ${candidate}`], { encoding: "utf8" });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  const message = `${what} (${candidates.join(" or ")}) is not installed: apt-get install ${debianPackage}`;
  if (process.env.CI === "true") throw new Error(`${message}; required under CI=true`);
  const bar = "!".repeat(message.length + 26);
  console.warn(`\n${bar}\n!! WARNING: ${message}. Tests SKIPPED !!\n${bar}\n`);
  return undefined;
}
