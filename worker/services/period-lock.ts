import { problemKinds } from "../../shared/api/problem-types.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { periodAcceptsSubmissionsFrom } from "../db/periods-repository.ts";
import type { PeriodRecord } from "../db/periods-repository.ts";
import { ProblemError } from "../http/problem.ts";

// A locked period takes no revision, review or stamped copy from a unit it is not unlocked for: the
// one answer (423) of the request code's check and of the database's trigger (migration 0010).

const refused = {
  submit: ["报送", "submit"],
  review: ["审核", "be reviewed"],
  attach: ["附盖章件", "attach a stamped copy"],
  range: ["设定异常值范围", "have an outlier range set"],
} as const;

export type LockedWrite = keyof typeof refused;

export function periodLockedProblem(period: PeriodRecord, unit: ReportingUnit, write: LockedWrite): ProblemError {
  const [zh, en] = refused[write];
  return new ProblemError(
    problemKinds.periodLocked,
    `报告期 ${period.code} 已锁定，${unit.name}不能再${zh}；如需更正请联系管理员解锁 / Period ${period.code} is locked; ${unit.nameEn} cannot ${en} unless an administrator unlocks it`,
  );
}

/** 423 unless the period is open, or unlocked for this unit. */
export function requireOpenFor(period: PeriodRecord, unit: ReportingUnit, write: LockedWrite): void {
  if (!periodAcceptsSubmissionsFrom(period, unit.code)) throw periodLockedProblem(period, unit, write);
}
