import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface TianbaoRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real command as a user would, `npx tianbao …` in the repository, with its own
 * TIANBAO_SERVER/TIANBAO_TOKEN (never the caller's).
 */
export function tianbao(args: string[], env: { TIANBAO_SERVER?: string; TIANBAO_TOKEN?: string } = {}): Promise<TianbaoRun> {
  const { TIANBAO_SERVER: _server, TIANBAO_TOKEN: _token, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["--no-install", "tianbao", ...args],
      { cwd: repoRoot, env: { ...inherited, ...env }, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}
