import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import type { Caller, Role } from "./caller.ts";

// Authorisation rules, kept in one place for every endpoint.

const roleNames: Record<Role, string> = {
  clerk: "地市填报员 / prefecture clerk",
  province: "省级审核员 / province reviewer",
  admin: "管理员 / administrator",
};

export function requireRole(caller: Caller, allowed: readonly Role[]): void {
  if (allowed.includes(caller.role)) return;
  const wanted = allowed.map((role) => roleNames[role]).join("; ");
  throw new ProblemError(problemKinds.forbidden, `此操作仅限：${wanted}（当前：${roleNames[caller.role]}） / Only for: ${wanted}`, {
    requiredRoles: allowed,
    role: caller.role,
  });
}

/** May this caller read or write the data of this prefecture? Clerks only their own. */
export function mayAccessPrefecture(caller: Caller, prefectureCode: string): boolean {
  return caller.role !== "clerk" || caller.prefectureCode === prefectureCode;
}

export function requirePrefectureAccess(caller: Caller, prefectureCode: string): void {
  if (mayAccessPrefecture(caller, prefectureCode)) return;
  throw new ProblemError(
    problemKinds.forbidden,
    `填报员只能访问本市（${caller.prefectureCode}）的数据，不能访问 ${prefectureCode} / A clerk may only access their own prefecture (${caller.prefectureCode}), not ${prefectureCode}`,
    { prefectureCode, ownPrefectureCode: caller.prefectureCode },
  );
}

/** Route middleware form of `requireRole`; runs after `authenticate`. */
export function allowRoles(allowed: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireRole(c.get("caller"), allowed);
    return next();
  };
}
