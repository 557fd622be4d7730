import { problemKinds } from "../shared/api/problem-types.ts";
import { ApiError, NetworkError } from "../shared/api/api-client.ts";
import { WorkbookReadError } from "../shared/workbook/read-report.ts";

/** Exit codes: 1 = the command could not do its work (or the report cannot be submitted), 2 = bad usage or an unreadable workbook. */
export const EXIT_FAILED = 1;
export const EXIT_UNUSABLE_INPUT = 2;

/** A failure to report as one line, Chinese first, then English. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    readonly messageZh: string,
    readonly messageEn: string,
    readonly exitCode = EXIT_FAILED,
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}

export const usageError = (messageZh: string, messageEn: string) => new CliError(messageZh, messageEn, EXIT_UNUSABLE_INPUT);

/** The one line (and exit code) a failure is reported with: the server's problem details, a network failure, an unreadable workbook. */
export function describeFailure(error: unknown): { line: string; exitCode: number } {
  if (error instanceof CliError) return { line: error.message, exitCode: error.exitCode };
  if (error instanceof WorkbookReadError)
    return { line: `不是可读取的报表模板:${error.messageZh} / not a readable report template: ${error.messageEn}`, exitCode: EXIT_UNUSABLE_INPUT };
  if (error instanceof NetworkError) return { line: `无法连接服务器 / cannot reach the server: ${error.message}`, exitCode: EXIT_FAILED };
  if (error instanceof ApiError) return { line: problemLine(error), exitCode: EXIT_FAILED };
  if (error instanceof Error && "code" in error && error.code === "ENOENT")
    return { line: `找不到文件 / no such file: ${(error as { path?: string }).path ?? ""}`, exitCode: EXIT_UNUSABLE_INPUT };
  return { line: `意外错误 / unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, exitCode: EXIT_FAILED };
}

/** What the clerk should do about the answers a submit can get; the server's detail (Chinese / English) says the rest. */
const problemHints: Record<string, string> = {
  [problemKinds.staleRevision.type]: "有人刚刚报送了新的修订,请重新运行 submit / someone submitted a newer revision just now: run submit again",
  [problemKinds.reasonRequired.type]: "请用 --reason 说明重报原因 / give the reason for resubmitting with --reason",
  [problemKinds.periodLocked.type]: "请联系管理员解锁 / ask an administrator to unlock the period",
  [problemKinds.revisionNotAttachable.type]:
    "盖章件须附在待审核的最新修订上（退回或通过后不能再附） / attach the stamped copy to the latest revision while it awaits review (not once returned or accepted)",
  [problemKinds.attachmentTypeNotAllowed.type]: "请附扫描件或照片的 PDF、JPEG 或 PNG 文件 / attach the scan or photo as a PDF, JPEG or PNG",
  [problemKinds.unauthorized.type]:
    "请检查 --token 或 TIANBAO_TOKEN;令牌过期或被吊销时请向管理员要新令牌 / check --token or TIANBAO_TOKEN; if it has expired or been revoked, ask an administrator for a new one",
  [problemKinds.tooManySignInFailures.type]: "此地址近来用错令牌次数过多,请稍候再试 / too many wrong tokens from this address lately: wait, then try again",
  [problemKinds.lastAdminToken.type]: "请先创建另一个管理员令牌 / create another admin token first",
};

function problemLine(error: ApiError): string {
  const { problem, status } = error;
  const hint = problem.type ? problemHints[problem.type] : undefined;
  const issues = Array.isArray(problem.issues) ? (problem.issues as { address: string; ruleId: string; messageZh: string }[]) : [];
  const firstIssue = issues[0] ? `;首个问题 / first issue: ${issues[0].messageZh}` : "";
  return `HTTP ${status} ${problem.detail ?? problem.title ?? ""}${firstIssue}${hint ? ` — ${hint}` : ""}`;
}
