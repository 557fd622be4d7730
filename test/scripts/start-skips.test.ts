import { describe, expect, it } from "vitest";
import { onPath, resolves, startSkipsLine } from "../../scripts/lib/start-skips.ts";

describe("what npm start skips", () => {
  it("says it in one line, Chinese then English, with no stack trace; nothing when nothing is skipped", () => {
    const line = startSkipsLine(["request-cf", "trust-ca"]) as string;
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toMatch(
      /^已跳过：下载 Request\.cf（离线.*；将开发 CA 装为受信任（本机没有 sudo.* \/ skipped: fetching Request\.cf \(offline.*; trusting the development CA \(no sudo here/,
    );
    expect(line).not.toMatch(/ENOTFOUND|sudo: not found|\n\s+at /);
    expect(startSkipsLine(["request-cf"])).toBe(
      "已跳过：下载 Request.cf（离线，workers.cloudflare.com 不可达；Worker 用占位值） / skipped: fetching Request.cf (offline, workers.cloudflare.com unreachable; the Worker uses a placeholder)",
    );
    expect(startSkipsLine([])).toBeUndefined();
  });

  it("finds a host offline when its name does not resolve (an unreachable name stands in for no network)", async () => {
    expect(await resolves("tianbao-offline.invalid", 2_000)).toBe(false);
    expect(await resolves("localhost", 2_000)).toBe(true);
  });

  it("finds a command only on PATH", () => {
    expect(onPath("sudo", "")).toBe(false);
    expect(onPath("node", process.execPath.replace(/[/\\]node(\.exe)?$/, ""))).toBe(true);
  });
});
