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
 * Hono's body limit (it checks Content-Length, then counts the bytes actually received, since the
 * header may be absent or wrong), answering with our problem+json 413. `fileLimitOf` gives the limit
 * of a path whose route takes a file (a stamped copy); every other path has `maxRequestBodyBytes`.
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
  return (c, next) => limiterFor(fileLimitOf(c.req.path) ?? maxRequestBodyBytes)(c, next);
}
