import { createApp } from "../../worker/app.ts";
import { consumeConsolidationBatch } from "../../worker/services/consolidation-queue.ts";

// The Worker's invocations that the heap probe (bench/store-heap-probe.ts) runs in Node over a copy of
// the bench's local D1: a pull, a submit and a queue consumer's fold, each through the Worker's own
// entry points (the Hono app, the queue handler), the response read to its last byte.

export interface StoreInvocation {
  name: string;
  /** Runs it for the `run`-th time (from 0); says what came out (a status and size, or the batch folded). */
  run: (run: number) => Promise<string>;
}

export function storeInvocations(
  db: unknown,
  requests: { period: string; provinceToken: string; clerkToken: string; clerkUnit: string; submitBody: (run: number) => unknown },
): StoreInvocation[] {
  let nudges = 0;
  const env = { DB: db as D1Database, CONSOLIDATION: { send: async () => void nudges++ }, ALLOWED_ORIGIN: "" } as unknown as Env;
  const context = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
  const app = createApp();
  const fetched = async (request: Request) => {
    const response = await app.fetch(request, env, context);
    const body = await response.text();
    if (!response.ok) throw new Error(`${request.method} ${request.url}: ${response.status} ${body.slice(0, 300)}`);
    return `${response.status}, ${body.length} bytes`;
  };
  const base = "http://bench.local/api/v1/periods";
  return [
    {
      name: "pull ?wait=0",
      run: () => fetched(new Request(`${base}/${requests.period}/consolidated?wait=0`, { headers: { Authorization: `Bearer ${requests.provinceToken}` } })),
    },
    {
      name: "submit",
      run: (run) =>
        fetched(
          new Request(`${base}/${requests.period}/units/${requests.clerkUnit}/submissions`, {
            method: "POST",
            headers: { Authorization: `Bearer ${requests.clerkToken}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
            body: JSON.stringify(requests.submitBody(run)),
          }),
        ),
    },
    {
      name: "queue consumer fold",
      run: async () => {
        const message = { id: "1", timestamp: new Date(), attempts: 1, body: { period: requests.period }, ack: () => {}, retry: () => {} };
        const batch = { queue: "tianbao-consolidation", messages: [message], ackAll: () => {}, retryAll: () => {} } as unknown as MessageBatch<unknown>;
        const before = nudges;
        await consumeConsolidationBatch(batch, env);
        return nudges > before ? "folded a full batch, more left (nudged)" : "folded all";
      },
    },
  ];
}
