// The kinds of problem (RFC 9457) the API answers with: the one list the Worker raises and the CLI
// and the add-in recognise. Titles are Chinese first, English second; `type` is what clients match.
export interface ProblemKind {
  status: number;
  type: string;
  title: string;
}

const kind = (status: number, slug: string, title: string): ProblemKind => ({ status, type: `urn:tianbao:problem:${slug}`, title });

export const problemKinds = {
  invalidRequest: kind(400, "invalid-request", "请求无效 / Invalid request"),
  attachmentEmpty: kind(400, "attachment-empty", "文件为空 / The file is empty"),
  malformedJson: kind(400, "malformed-json", "请求体不是有效的 JSON / Malformed JSON"),
  unauthorized: kind(401, "unauthorized", "未认证 / Unauthorized"),
  forbidden: kind(403, "forbidden", "无权执行此操作 / Forbidden"),
  notFound: kind(404, "not-found", "未找到 / Not found"),
  methodNotAllowed: kind(405, "method-not-allowed", "不支持该请求方法 / Method not allowed"),
  staleRevision: kind(409, "stale-revision", "报表已有更新的修订 / A newer revision exists"),
  revisionNotAttachable: kind(409, "revision-not-attachable", "此修订不能附盖章件 / No stamped copy can be attached to this revision"),
  stampedCopyRequired: kind(409, "stamped-copy-required", "须先附盖章件 / The stamped copy must be attached first"),
  lastAdminToken: kind(409, "last-admin-token", "不能吊销最后一个管理员令牌 / The last admin token cannot be revoked"),
  conflict: kind(409, "conflict", "与当前状态冲突 / Conflict"),
  payloadTooLarge: kind(413, "payload-too-large", "请求体过大 / Payload too large"),
  attachmentTypeNotAllowed: kind(415, "attachment-type-not-allowed", "盖章件须为 PDF、JPEG 或 PNG / The stamped copy must be a PDF, JPEG or PNG"),
  unsupportedMediaType: kind(415, "unsupported-media-type", "不支持的内容类型 / Unsupported media type"),
  textNotClean: kind(422, "text-not-clean", "文本含有不允许的字符 / Text with characters that are not allowed"),
  deadlineOrder: kind(422, "deadline-order", "截止日期先后不符 / Deadlines out of order"),
  reportInvalid: kind(422, "report-invalid", "报表未通过校验 / The report fails validation"),
  reasonRequired: kind(422, "resubmission-reason-required", "重报须说明原因 / A resubmission needs a reason"),
  idempotencyKeyReused: kind(422, "idempotency-key-reused", "幂等键已用于另一份报表 / Idempotency key reused with a different request"),
  periodLocked: kind(423, "period-locked", "报告期已锁定 / The period is locked"),
  tooManySignInFailures: kind(429, "too-many-sign-in-failures", "登录失败次数过多 / Too many failed sign-ins"),
  internal: kind(500, "internal", "服务器内部错误 / Internal server error"),
  rosterKeyMissing: kind(503, "roster-key-missing", "名册密钥未配置 / The roster key is not configured"),
} satisfies Record<string, ProblemKind>;

/** The media type of an .xlsx workbook, in responses and downloads. */
export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
