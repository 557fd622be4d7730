import { createApp } from "../../worker/app.ts";

// The poverty list's upload through the Worker's own entry point (the Hono app), for the heap probe
// (bench/poverty-list-heap-child.ts) in Node over a copy of the bench's local D1: the body a stream of
// the file's bytes in pieces as the network hands them over, the response read to its last byte.

export function povertyListInvocation(
  db: unknown,
  request: { period: string; provinceToken: string; rosterIdKey: string },
): (file: Uint8Array, pieceBytes: number) => Promise<string> {
  const env = { DB: db as D1Database, CONSOLIDATION: { send: async () => {} }, ALLOWED_ORIGIN: "", ROSTER_ID_KEY: request.rosterIdKey } as unknown as Env;
  const context = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
  const app = createApp();
  return async (file, pieceBytes) => {
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= file.length) return controller.close();
        controller.enqueue(file.subarray(offset, offset + pieceBytes));
        offset += pieceBytes;
      },
    });
    const response = await app.fetch(
      new Request(`http://bench.local/api/v1/periods/${request.period}/poverty-list`, {
        method: "POST",
        headers: { Authorization: `Bearer ${request.provinceToken}`, "Content-Type": "text/csv", "Content-Length": String(file.length) },
        body,
        duplex: "half",
      } as RequestInit),
      env,
      context,
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`poverty list upload: ${response.status} ${text.slice(0, 300)}`);
    return `${response.status}, ${text.length} bytes`;
  };
}
