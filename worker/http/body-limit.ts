import type { MiddlewareHandler } from "hono";
import { bodyLimit as honoBodyLimit } from "hono/body-limit";
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
 * A file's body without Content-Length, counted as the route reads it instead of gathered first (as
 * Hono's limit does): a route that streams its file (the poverty list) still holds one piece at a
 * time; the read fails with the 413 at the first byte past the limit.
 */
const countedFileBody: (maxBytes: number) => MiddlewareHandler = (maxBytes) => async (c, next) => {
  let size = 0;
  const counted = c.req.raw.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.length;
        if (size > maxBytes) controller.error(tooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  c.req.raw = new Request(c.req.raw, { body: counted });
  await next();
};

/**
 * Hono's body limit (it checks Content-Length, then counts the bytes actually received, since the
 * header may be absent or wrong), answering with our problem+json 413. `fileLimitOf` gives the limit
 * of a path whose route takes a file (a stamped copy, the poverty list): without Content-Length its
 * body is counted as it is read, not gathered; every other path has `maxRequestBodyBytes`.
 */
export function bodyLimit(fileLimitOf: (path: string) => number | undefined): MiddlewareHandler {
  const limiters = new Map<number, MiddlewareHandler>();
  const limiterFor = (maxBytes: number) => {
    let limiter = limiters.get(maxBytes);
    if (!limiter) {
      limiter = honoBodyLimit({
        maxSize: maxBytes,
        onError: () => {
          throw tooLarge(maxBytes);
        },
      });
      limiters.set(maxBytes, limiter);
    }
    return limiter;
  };
  return (c, next) => {
    const fileLimit = fileLimitOf(c.req.path);
    const unsized = c.req.raw.body && (!c.req.raw.headers.has("content-length") || c.req.raw.headers.has("transfer-encoding"));
    if (fileLimit !== undefined && unsized) return countedFileBody(fileLimit)(c, next);
    return limiterFor(fileLimit ?? maxRequestBodyBytes)(c, next);
  };
}
