import type { z } from "zod";
import type { openPeriodBodySchema, unlockPeriodBodySchema, updatePeriodBodySchema } from "../../shared/api/periods.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { Caller } from "../auth/caller.ts";
import { auditStatement } from "../db/audit-log.ts";
import {
  editionExists,
  findPeriod,
  insertPeriodStatement,
  insertUnlockStatement,
  levelDeadlineStatement,
  lockPeriodStatements,
  periodAcceptsSubmissionsFrom,
  updateDeadlineStatement,
  updateRequireStampedCopyStatement,
} from "../db/periods-repository.ts";
import type { PeriodRecord } from "../db/periods-repository.ts";
import { ProblemError } from "../http/problem.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { requireReportingUnit } from "./require-unit.ts";
import { requirePeriod } from "./require-period.ts";

// Opening, changing, locking and unlocking reporting periods: each write one batch with its audit row.

export async function openPeriod(db: D1Database, caller: Caller, body: z.output<typeof openPeriodBodySchema>): Promise<PeriodRecord> {
  if (await findPeriod(db, body.code)) throw new ProblemError(problemKinds.conflict, `报告期 ${body.code} 已存在 / Period ${body.code} already exists`);
  if (!(await editionExists(db, body.editionId))) {
    throw new ProblemError(problemKinds.invalidRequest, `没有报表版本 ${body.editionId} / No edition ${body.editionId}`, {
      errors: [{ location: "body", field: "editionId", code: "unknown_edition", message: `未知版本 / Unknown edition ${body.editionId}` }],
    });
  }
  const openedAt = new Date().toISOString();
  const deadline = body.deadline ?? null;
  await db.batch([
    insertPeriodStatement(db, { code: body.code, editionId: body.editionId, deadline, openedAt, openedBy: caller.tokenId }),
    auditStatement(db, {
      tokenId: caller.tokenId,
      action: "period.open",
      target: `period:${body.code}`,
      detail: { editionId: body.editionId, deadline },
      at: openedAt,
    }),
  ]);
  return requirePeriod(db, body.code);
}

/** Changes a period's deadline and whether accepting needs the stamped copy; one audit row says what changed. */
export async function updatePeriod(db: D1Database, caller: Caller, code: string, body: z.output<typeof updatePeriodBodySchema>): Promise<PeriodRecord> {
  const period = await requirePeriod(db, code);
  const levelDeadlines = Object.entries(body.levelDeadlines ?? {});
  requireLevelDeadlines(levelDeadlines, body.deadline === undefined ? period.deadline : body.deadline);
  await db.batch([
    ...(body.deadline === undefined ? [] : [updateDeadlineStatement(db, period.code, body.deadline)]),
    ...levelDeadlines.map(([level, deadline]) => levelDeadlineStatement(db, period.code, level, deadline)),
    ...(body.requireStampedCopy === undefined ? [] : [updateRequireStampedCopyStatement(db, period.code, body.requireStampedCopy)]),
    auditStatement(db, {
      tokenId: caller.tokenId,
      action: "period.update",
      target: `period:${period.code}`,
      detail: {
        ...(body.deadline !== undefined && { deadline: { from: period.deadline, to: body.deadline } }),
        ...(body.requireStampedCopy !== undefined && { requireStampedCopy: { from: period.requireStampedCopy, to: body.requireStampedCopy } }),
        ...(levelDeadlines.length > 0 && {
          levelDeadlines: Object.fromEntries(levelDeadlines.map(([level, deadline]) => [level, { from: period.levelDeadlines[level] ?? null, to: deadline }])),
        }),
      },
      at: new Date().toISOString(),
    }),
  ]);
  return requirePeriod(db, period.code);
}

/**
 * 400 unless each level named reports to a unit below the province (counties; the prefectures'
 * deadline is the period's own) and its deadline is not after the period's: a county must report
 * before its prefecture has to.
 */
function requireLevelDeadlines(deadlines: [string, string | null][], periodDeadline: string | null): void {
  const levelsBelow = reportingTree.levels.slice(2).filter((level) => level.report);
  const errors = deadlines.flatMap(([level, deadline]) => {
    if (!levelsBelow.some((candidate) => candidate.code === level))
      return [
        {
          field: `levelDeadlines.${level}`,
          code: "unknown_level",
          message: `不是地市以下的报送层级：${level}（可用：${levelsBelow.map((candidate) => candidate.code).join("、")}） / Not a reporting level below the prefectures: ${level}`,
        },
      ];
    if (deadline !== null && periodDeadline !== null && deadline > periodDeadline)
      return [
        {
          field: `levelDeadlines.${level}`,
          code: "after_period_deadline",
          message: `${deadline} 晚于报告期截止日期 ${periodDeadline} / ${deadline} is after the period's deadline ${periodDeadline}`,
        },
      ];
    return [];
  });
  if (errors.length === 0) return;
  throw new ProblemError(problemKinds.invalidRequest, errors.map((error) => error.message).join("; "), {
    errors: errors.map((error) => ({ location: "body", ...error })),
  });
}

/** Locks the period and closes its per-prefecture unlocks; 409 when there is nothing to lock. */
export async function lockPeriod(db: D1Database, caller: Caller, code: string): Promise<PeriodRecord> {
  const period = await requirePeriod(db, code);
  if (period.status === "locked" && period.openUnlocks.length === 0) {
    throw new ProblemError(problemKinds.conflict, `报告期 ${period.code} 已锁定 / Period ${period.code} is already locked`);
  }
  const lockedAt = new Date().toISOString();
  await db.batch([
    ...lockPeriodStatements(db, period.code, lockedAt, caller.tokenId),
    auditStatement(db, {
      tokenId: caller.tokenId,
      action: "period.lock",
      target: `period:${period.code}`,
      detail: { closedUnlocks: period.openUnlocks.map((unlock) => unlock.prefectureCode) },
      at: lockedAt,
    }),
  ]);
  return requirePeriod(db, period.code);
}

/** Lets one prefecture submit to a locked period, with a reason; 409 when open or already unlocked for it. */
export async function unlockPeriod(db: D1Database, caller: Caller, code: string, body: z.output<typeof unlockPeriodBodySchema>): Promise<PeriodRecord> {
  const period = await requirePeriod(db, code);
  requireReportingUnit(body.prefectureCode);
  if (period.status === "open")
    throw new ProblemError(problemKinds.conflict, `报告期 ${period.code} 未锁定，无需解锁 / Period ${period.code} is open; nothing to unlock`);
  if (period.openUnlocks.some((unlock) => unlock.prefectureCode === body.prefectureCode)) {
    throw new ProblemError(
      problemKinds.conflict,
      `报告期 ${period.code} 已为 ${body.prefectureCode} 解锁 / Period ${period.code} is already unlocked for ${body.prefectureCode}`,
    );
  }
  const unlockedAt = new Date().toISOString();
  await db.batch([
    insertUnlockStatement(db, { periodCode: period.code, prefectureCode: body.prefectureCode, reason: body.reason, unlockedBy: caller.tokenId, unlockedAt }),
    auditStatement(db, {
      tokenId: caller.tokenId,
      action: "period.unlock",
      target: `period:${period.code}/prefecture:${body.prefectureCode}`,
      detail: { reason: body.reason },
      at: unlockedAt,
    }),
  ]);
  return requirePeriod(db, period.code);
}

/** The period as one prefecture sees it: may it submit now, and under which unlock. */
export async function periodForPrefecture(db: D1Database, code: string, prefectureCode: string) {
  const period = await requirePeriod(db, code);
  return {
    periodCode: period.code,
    prefectureCode,
    status: period.status,
    deadline: period.deadline,
    acceptsSubmissions: periodAcceptsSubmissionsFrom(period, prefectureCode),
    unlock: period.openUnlocks.find((unlock) => unlock.prefectureCode === prefectureCode) ?? null,
  };
}
