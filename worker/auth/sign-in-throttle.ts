import { auditStatement } from "../db/audit-log.ts";
import { countFailureStatement, findOpenFailureWindow, forgetClosedWindowsStatement } from "../db/sign-in-failures-repository.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";

// Failed sign-ins are counted per client address in D1; past the threshold within the window the
// address gets 429 before its token is looked at. D1 rather than Workers' rate-limiting binding:
// the binding counts every call to limit() (asking is counting, so it cannot count failures only),
// per Cloudflare location, over 10 or 60 seconds, and says nothing of when to retry.

export const SIGN_IN_FAILURE_LIMIT = 20;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

/** Why a presented token was refused; recorded in the audit log, never told to the caller. */
export type SignInFailureReason = "unknown" | "revoked" | "expired";

/** The client's address as Cloudflare saw it; requests without one (local tools) share one key. */
export function clientKeyOf(request: Request): string {
  return request.headers.get("CF-Connecting-IP") ?? "no-address";
}

const windowOpenSince = (now: Date) => new Date(now.getTime() - SIGN_IN_WINDOW_SECONDS * 1000).toISOString();

/** 429 with Retry-After when the address has failed SIGN_IN_FAILURE_LIMIT times in its open window. */
export async function refuseIfThrottled(db: D1Database, clientKey: string, now: Date): Promise<void> {
  const window = await findOpenFailureWindow(db, clientKey, windowOpenSince(now));
  if (!window || window.failures < SIGN_IN_FAILURE_LIMIT) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(window.windowStartedAt) + SIGN_IN_WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
  throw new ProblemError(
    problemKinds.tooManySignInFailures,
    `此地址登录失败过多，请 ${retryAfterSeconds} 秒后再试 / Too many failed sign-ins from this address; try again in ${retryAfterSeconds} seconds`,
    { retryAfterSeconds },
    { "Retry-After": String(retryAfterSeconds) },
  );
}

export interface SignInFailure {
  clientKey: string;
  reason: SignInFailureReason;
  /** The token's id when the secret matched a revoked or expired token. */
  tokenId: string | null;
  /** The first 12 hex digits of the presented secret's SHA-256: enough to tell attempts apart, useless to sign in. */
  tokenSha256Prefix: string;
}

/** Counts the failure and writes its audit row, in one batch. */
export async function recordSignInFailure(db: D1Database, failure: SignInFailure, now: Date): Promise<void> {
  const at = now.toISOString();
  const since = windowOpenSince(now);
  await db.batch([
    forgetClosedWindowsStatement(db, since),
    countFailureStatement(db, failure.clientKey, at, since),
    auditStatement(db, {
      tokenId: failure.tokenId,
      action: "sign-in.fail",
      target: `client:${failure.clientKey}`,
      detail: { reason: failure.reason, tokenSha256Prefix: failure.tokenSha256Prefix },
      at,
    }),
  ]);
}
