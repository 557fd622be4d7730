import type { WranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { firstAdminToken } from "../scripts/lib/wrangler-dev.ts";

// What the Worker benches share: timing, percentiles, and plain HTTP calls to `wrangler dev` with a token.

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
