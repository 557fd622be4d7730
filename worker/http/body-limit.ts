import type { MiddlewareHandler } from "hono";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "./problem.ts";

/**
 * The largest request body the API accepts: 2 MiB. A full 323 submission is well under
 * 1 MB of JSON; Excel on the web caps requests at 5 MB.
 */
export const maxRequestBodyBytes = 2 * 1024 * 1024;

const tooLarge = () =>
  new ProblemError(problemKinds.payloadTooLarge, `请求体不能超过 ${maxRequestBodyBytes} 字节 / The request body must not exceed ${maxRequestBodyBytes} bytes`, {
    maxBytes: maxRequestBodyBytes,
  });

/**
 * Rejects oversized bodies before anything parses them: first by the declared
 * Content-Length, then by counting the bytes actually received (the header may be absent
 * or wrong). The counted body is handed on as a buffer.
 */
export const bodyLimit: MiddlewareHandler = async (c, next) => {
  const body = c.req.raw.body;
  if (!body) return next();

  const declaredLength = Number(c.req.header("Content-Length") ?? "0");
  if (declaredLength > maxRequestBodyBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let receivedBytes = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    receivedBytes += value.byteLength;
    if (receivedBytes > maxRequestBodyBytes) {
      await reader.cancel();
      throw tooLarge();
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
