import { problemKinds } from "../../shared/api/problem-types.ts";
import { type RosterIdHasher, rosterIdHasher } from "../../shared/roster/keyed-id-hasher.ts";
import { ProblemError } from "../http/problem.ts";

/** The shortest ROSTER_ID_KEY accepted: 32 characters (256 bits of a generated key in hex is 64). */
export const ROSTER_ID_KEY_MIN_LENGTH = 32;

/**
 * The roster's ID hasher (HMAC-SHA256, its pads precomputed once a request) under the Worker secret
 * ROSTER_ID_KEY. Without it (a deploy that forgot `wrangler secret put ROSTER_ID_KEY`) no roster can
 * be stored: a 503 that says so, not a 500, and nothing about the IDs is kept.
 */
export function rosterIdHasherOf(env: { ROSTER_ID_KEY?: string | undefined }): RosterIdHasher {
  const secret = env.ROSTER_ID_KEY ?? "";
  if (secret.length < ROSTER_ID_KEY_MIN_LENGTH)
    throw new ProblemError(
      problemKinds.rosterKeyMissing,
      `服务器未配置名册密钥 ROSTER_ID_KEY(至少 ${ROSTER_ID_KEY_MIN_LENGTH} 个字符),暂不能接收名册;请管理员执行 wrangler secret put ROSTER_ID_KEY / The server has no roster key ROSTER_ID_KEY (at least ${ROSTER_ID_KEY_MIN_LENGTH} characters), so it cannot take a roster yet; an administrator runs wrangler secret put ROSTER_ID_KEY`,
    );
  return rosterIdHasher(secret);
}
