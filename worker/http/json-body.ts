import type { MiddlewareHandler } from "hono";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "./problem.ts";

const jsonMediaType = /^application\/([\w.-]+\+)?json$/i;

/**
 * For routes that take a JSON body: 415 unless the Content-Type is JSON, 400 if the body
 * does not parse. Hono caches the parsed body, so the validator that follows reuses it.
 */
export const requireJsonBody: MiddlewareHandler = async (c, next) => {
  const contentType = c.req.header("Content-Type") ?? "";
  const mediaType = contentType.split(";")[0]?.trim() ?? "";
  if (!jsonMediaType.test(mediaType)) {
    throw new ProblemError(
      problemKinds.unsupportedMediaType,
      `请求体须为 application/json，收到的是 "${contentType}" / The request body must be application/json, got "${contentType}"`,
    );
  }
  try {
    await c.req.json();
  } catch (error) {
    // V8 quotes the body around the error (`Unexpected token 'u', ..."1234","x":u}" is not valid JSON`):
    // dropped, since a body may hold what no answer may repeat (a roster's ID numbers).
    const reason = (error instanceof Error ? error.message : String(error)).replace(/, (\.\.\.)?".*" is not valid JSON$/s, "");
    throw new ProblemError(problemKinds.malformedJson, `请求体无法解析为 JSON / The request body is not valid JSON: ${reason}`);
  }
  return next();
};
