import type { MiddlewareHandler } from "hono";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "./problem.ts";

/**
 * The largest request body the API accepts: 2 MiB. A full 323 submission is well under
 * 1 MB of JSON; Excel on the web caps requests at 5 MB.
 */
export const maxRequestBodyBytes = 2 * 1024 * 1024;

const tooLarge = (maxBytes: number) =>
  new ProblemError(problemKinds.payloadTooLarge, `请求体不能超过 ${maxBytes} 字节 / The request body must not exceed ${maxBytes} bytes`, { maxBytes });

/**
 * Rejects oversized bodies before anything parses them: first by the declared
 * Content-Length, then by counting the bytes actually received (the header may be absent
 * or wrong). The counted body is handed on as a buffer. `fileLimitOf` gives the limit of a path whose
 * route takes a file (a stamped copy); every other path has `maxRequestBodyBytes`.
 */
export const bodyLimit =
  (fileLimitOf: (path: string) => number | undefined): MiddlewareHandler =>
  async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const maxBytes = fileLimitOf(c.req.path) ?? maxRequestBodyBytes;

    const declaredLength = Number(c.req.header("Content-Length") ?? "0");
    if (declaredLength > maxBytes) throw tooLarge(maxBytes);

    const chunks: Uint8Array[] = [];
    let receivedBytes = 0;
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      receivedBytes += value.byteLength;
      if (receivedBytes > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
    const buffer = new Uint8Array(receivedBytes);
    let offset = 0;
    for (const chunk of chunks) {
      buffer.set(chunk, offset);
      offset += chunk.byteLength;
    }
    c.req.raw = new Request(c.req.raw, { body: buffer });
    return next();
  };
