import { createApp } from "../../worker/app.ts";

// A roster submit through the Worker's own entry point (the Hono app), for the heap probe
// (bench/roster-heap-child.ts) in Node over a copy of the bench's local D1: the response read to its last byte.

export function rosterSubmitInvocation(
  db: unknown,
  request: { period: string; unitCode: string; clerkToken: string; rosterIdKey: string },
): (body: string) => Promise<string> {
  const env = { DB: db as D1Database, CONSOLIDATION: { send: async () => {} }, ALLOWED_ORIGIN: "", ROSTER_ID_KEY: request.rosterIdKey } as unknown as Env;
  const context = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
  const app = createApp();
  return async (body) => {
    const response = await app.fetch(
      new Request(`http://bench.local/api/v1/periods/${request.period}/units/${request.unitCode}/rosters`, {
        method: "POST",
        headers: { Authorization: `Bearer ${request.clerkToken}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
        body,
      }),
      env,
      context,
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`roster submit: ${response.status} ${text.slice(0, 300)}`);
    return `${response.status}, ${text.length} bytes`;
  };
}
