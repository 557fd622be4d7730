import { bodyLimit as honoBodyLimit } from "hono/body-limit";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "./problem.ts";

/**
 * The largest request body the API accepts: 2 MiB. A full 323 submission is well under
 * 1 MB of JSON; Excel on the web caps requests at 5 MB.
 */
export const maxRequestBodyBytes = 2 * 1024 * 1024;

/**
 * Hono's body limit (it checks Content-Length, then counts the bytes actually received, since the
 * header may be absent or wrong), answering with our problem+json 413.
 */
export const bodyLimit = honoBodyLimit({
  maxSize: maxRequestBodyBytes,
  onError: () => {
    throw new ProblemError(
      problemKinds.payloadTooLarge,
      `请求体不能超过 ${maxRequestBodyBytes} 字节 / The request body must not exceed ${maxRequestBodyBytes} bytes`,
      {
        maxBytes: maxRequestBodyBytes,
      },
    );
  },
});
