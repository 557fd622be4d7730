// RFC 9457 problem details. Every error response of the API is one of these kinds;
// titles and details are Chinese first, English second.
export interface ProblemKind {
  status: number;
  type: string;
  title: string;
}

const kind = (status: number, slug: string, title: string): ProblemKind => ({
  status,
  type: `urn:tianbao:problem:${slug}`,
  title,
});

export const problemKinds = {
  invalidRequest: kind(400, "invalid-request", "请求无效 / Invalid request"),
  malformedJson: kind(400, "malformed-json", "请求体不是有效的 JSON / Malformed JSON"),
  unauthorized: kind(401, "unauthorized", "未认证 / Unauthorized"),
  forbidden: kind(403, "forbidden", "无权执行此操作 / Forbidden"),
  notFound: kind(404, "not-found", "未找到 / Not found"),
  methodNotAllowed: kind(405, "method-not-allowed", "不支持该请求方法 / Method not allowed"),
  staleRevision: kind(409, "stale-revision", "报表已有更新的修订 / A newer revision exists"),
  conflict: kind(409, "conflict", "与当前状态冲突 / Conflict"),
  payloadTooLarge: kind(413, "payload-too-large", "请求体过大 / Payload too large"),
  unsupportedMediaType: kind(415, "unsupported-media-type", "不支持的内容类型 / Unsupported media type"),
  textNotClean: kind(422, "text-not-clean", "文本含有不允许的字符 / Text with characters that are not allowed"),
  reportInvalid: kind(422, "report-invalid", "报表未通过审核 / The report fails validation"),
  reasonRequired: kind(422, "resubmission-reason-required", "重报须说明原因 / A resubmission needs a reason"),
  idempotencyKeyReused: kind(422, "idempotency-key-reused", "幂等键已用于另一份报表 / Idempotency key reused with a different request"),
  periodLocked: kind(423, "period-locked", "报告期已锁定 / The period is locked"),
  internal: kind(500, "internal", "服务器内部错误 / Internal server error"),
} satisfies Record<string, ProblemKind>;

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

  constructor(
    problemKind: ProblemKind,
    detail: string,
    extensions: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
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
