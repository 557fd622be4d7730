import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { repoRoot } from "../../scripts/lib/repo-root.ts";

/** `npm run <script> -- <args>` in the checkout, as an operator types it; resolves with its output and exit code. */
export async function npmRun(script: string, args: string[]): Promise<{ code: number; output: string }> {
  return promisify(execFile)("npm", ["run", "--silent", script, "--", ...args], {
    cwd: repoRoot,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );
}
