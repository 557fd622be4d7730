import { readdir, readFile } from "node:fs/promises";
import type { WranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { firstAdminToken } from "../scripts/lib/wrangler-dev.ts";

// What the Worker benches share: timing, percentiles, plain HTTP calls to `wrangler dev` with a token, and
// the CPU time of its workerd processes.

export const percentile = (times: number[], fraction: number) => {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number;
};

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

export type BenchCall = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) => Promise<ArrayBuffer>;

/** A request as a client makes it (JSON in, the bytes out, a failure thrown), the first admin token, and tokens made with it. */
export async function benchHttp(dev: WranglerDev): Promise<{ call: BenchCall; admin: string; tokenOf: (body: unknown) => Promise<string> }> {
  const call: BenchCall = async (method, path, token, body, headers = {}) => {
    const response = await fetch(`${dev.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && { "Content-Type": "application/json" }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const bytes = await response.arrayBuffer();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${new TextDecoder().decode(bytes)}`);
    return bytes;
  };
  const admin = await firstAdminToken(dev, "bench");
  const tokenOf = async (body: unknown) => (JSON.parse(new TextDecoder().decode(await call("POST", "/api/v1/tokens", admin, body))) as { token: string }).token;
  return { call, admin, tokenOf };
}

/** CPU seconds (user + system) spent so far by the workerd processes of a process group (Linux /proc; clock ticks of 10 ms); every process of it with `all`. */
export async function workerdCpuSeconds(processGroup: number, all = false): Promise<number> {
  let ticks = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    // After "(comm) ": state ppid pgrp … utime (14th field) stime (15th).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if ((all || name === "workerd") && Number(fields[2]) === processGroup) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}
