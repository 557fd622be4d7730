// What npm start leaves out on this machine, found before it starts anything and said in one line:
// offline, wrangler dev would print two ENOTFOUND stack traces fetching Request.cf; without sudo,
// office-addin-dev-certs would print "sudo: not found" trying to trust its CA.
import { lookup } from "node:dns/promises";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** The endpoint wrangler dev fetches the `Request.cf` object from (miniflare's defaultCfFetchEndpoint). */
export const CF_HOST = "workers.cloudflare.com";

export type StartSkip = "request-cf" | "trust-ca";

/** Whether a host's name resolves within the time: offline, or behind a DNS that blocks it, it does not. */
export async function resolves(host: string, timeoutMs = 3_000): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return Promise.race([
    lookup(host).then(
      () => true,
      () => false,
    ),
    timeout,
  ]);
}

/** Whether a command is on PATH (sudo, which office-addin-dev-certs runs to trust its CA on Linux). */
export function onPath(command: string, path = process.env.PATH ?? ""): boolean {
  return path.split(delimiter).some((directory) => directory && existsSync(join(directory, command)));
}

/** What to skip here: Request.cf when its host does not resolve, trusting the CA on Linux without sudo. */
export async function startSkips(platform = process.platform): Promise<StartSkip[]> {
  return [...((await resolves(CF_HOST)) ? [] : (["request-cf"] as const)), ...(platform === "linux" && !onPath("sudo") ? (["trust-ca"] as const) : [])];
}

const SAID: Record<StartSkip, [string, string]> = {
  "request-cf": [
    `下载 Request.cf（离线，${CF_HOST} 不可达；Worker 用占位值）`,
    `fetching Request.cf (offline, ${CF_HOST} unreachable; the Worker uses a placeholder)`,
  ],
  "trust-ca": [
    "将开发 CA 装为受信任（本机没有 sudo；请自行信任 ~/.office-addin-dev-certs/ca.crt）",
    "trusting the development CA (no sudo here; trust ~/.office-addin-dev-certs/ca.crt yourself)",
  ],
};

/** One line, Chinese then English, of what was skipped; undefined when nothing was. */
export function startSkipsLine(skips: StartSkip[]): string | undefined {
  if (skips.length === 0) return undefined;
  return `已跳过：${skips.map((skip) => SAID[skip][0]).join("；")} / skipped: ${skips.map((skip) => SAID[skip][1]).join("; ")}`;
}
