import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import { mayAccessUnit } from "../../shared/units/unit-access.ts";
import type { UnitAccess, UnitAccessHolder } from "../../shared/units/unit-access.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { Caller, Role } from "./caller.ts";

// Authorisation for every endpoint: who may call it by role, and the 403 when a caller may not read,
// write or review a unit (the rule itself is shared/units/unit-access.ts, which the pane shows too).

const roleNames: Record<Role, string> = {
  clerk: "填报员 / clerk (of a prefecture or a county)",
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

/** The caller as unit access sees it (shared/units/unit-access.ts): a clerk's unit is caller.unitCode. */
export function accessHolderOf(caller: Caller): UnitAccessHolder {
  return { role: caller.role, unitCode: caller.unitCode };
}

const accessZh = { read: "查看", write: "报送", review: "审核" } as const;

/** 403 unless the caller may read, write or review this unit's reports, saying whose they are. */
export function requireUnitAccess(caller: Caller, unit: ReportingUnit, access: UnitAccess): void {
  if (mayAccessUnit(accessHolderOf(caller), unit, access)) return;
  const [ownZh, ownEn] =
    caller.role === "clerk" ? [`${caller.unitCode} 的填报员`, `The clerk of ${caller.unitCode}`] : (roleNames[caller.role].split(" / ") as [string, string]);
  throw new ProblemError(
    problemKinds.forbidden,
    `${ownZh}不能${accessZh[access]}${unit.name}（${unit.code}）的报表 / ${ownEn} may not ${access} the reports of ${unit.nameEn} (${unit.code})`,
    { unitCode: unit.code, access, ownUnitCode: caller.unitCode },
  );
}

/** Route middleware form of `requireRole`; runs after `authenticate`. */
export function allowRoles(allowed: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireRole(c.get("caller"), allowed);
    return next();
  };
}
