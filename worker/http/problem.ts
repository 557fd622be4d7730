// RFC 9457 problem details. Every error response of the API is one of the kinds in
// shared/api/problem-types.ts; titles and details are Chinese first, English second.
import type { ProblemKind } from "../../shared/api/problem-types.ts";

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

/** Thrown anywhere in a request; `app.onError` turns it into the response. */
export class ProblemError extends Error {
  readonly body: ProblemBody;
  readonly headers: Record<string, string>;

  constructor(problemKind: ProblemKind, detail: string, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(detail);
    this.name = "ProblemError";
    this.body = { ...extensions, ...problemKind, detail };
    this.headers = headers;
  }
}

export function problemResponse(body: ProblemBody, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { ...headers, "Content-Type": "application/problem+json; charset=utf-8" },
  });
}
