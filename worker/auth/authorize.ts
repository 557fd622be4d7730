import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { Caller, Role } from "./caller.ts";

// Authorisation rules, kept in one place for every endpoint.

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

// A clerk speaks for one reporting unit (a prefecture or a county: caller.prefectureCode holds its code).
// Who may do what to a unit's reports, by where the unit stands to the caller's own:
//   read (revisions, template, workbook, stamped copies): the unit's clerk, the clerk of a unit above it, province, admin
//   write (submit, attach):                                the unit's own clerk only
//   review (accept, return):                              whoever the unit reports to: the parent unit's clerk,
//                                                         or the province's reviewers for the units reporting to the province

/** Whether `unit` is `ancestorCode` or lies below it. */
function isWithin(unit: ReportingUnit, ancestorCode: string): boolean {
  for (let current: ReportingUnit | undefined = unit; current; current = current.parent) if (current.code === ancestorCode) return true;
  return false;
}

export function mayReadUnit(caller: Caller, unit: ReportingUnit): boolean {
  return caller.role !== "clerk" || (caller.prefectureCode !== null && isWithin(unit, caller.prefectureCode));
}

export function mayWriteUnit(caller: Caller, unit: ReportingUnit): boolean {
  return caller.role === "clerk" && caller.prefectureCode === unit.code;
}

/** The province reviews the units that report to the root; every other unit is reviewed by its parent's clerk. */
export function mayReviewUnit(caller: Caller, unit: ReportingUnit): boolean {
  const parent = unit.parent;
  if (!parent) return false;
  return parent.parent === undefined ? caller.role === "province" : caller.role === "clerk" && caller.prefectureCode === parent.code;
}

const accessZh = { read: "查看", write: "报送", review: "审核" } as const;
const mayBy = { read: mayReadUnit, write: mayWriteUnit, review: mayReviewUnit } as const;

/** 403 unless the caller may read, write or review this unit's reports, saying whose they are. */
export function requireUnitAccess(caller: Caller, unit: ReportingUnit, access: keyof typeof mayBy): void {
  if (mayBy[access](caller, unit)) return;
  const [ownZh, ownEn] =
    caller.role === "clerk"
      ? [`${caller.prefectureCode} 的填报员`, `The clerk of ${caller.prefectureCode}`]
      : (roleNames[caller.role].split(" / ") as [string, string]);
  throw new ProblemError(
    problemKinds.forbidden,
    `${ownZh}不能${accessZh[access]}${unit.name}（${unit.code}）的报表 / ${ownEn} may not ${access} the reports of ${unit.nameEn} (${unit.code})`,
    { unitCode: unit.code, access, ownUnitCode: caller.prefectureCode },
  );
}

/** Route middleware form of `requireRole`; runs after `authenticate`. */
export function allowRoles(allowed: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    requireRole(c.get("caller"), allowed);
    return next();
  };
}
