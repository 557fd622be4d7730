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
  isDeadlineOrderError,
  levelDeadlineStatement,
  lockPeriodStatements,
  periodAcceptsSubmissionsFrom,
  updateDeadlineStatement,
  updateRequireRosterStatement,
  updateRequireStampedCopyStatement,
} from "../db/periods-repository.ts";
import type { PeriodRecord } from "../db/periods-repository.ts";
import { ProblemError } from "../http/problem.ts";
import { deadlineFor } from "../../shared/units/level-deadline.ts";
import { reportingTree, requireReportingUnit } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { unitProblem } from "./require-unit.ts";
import { requirePeriod } from "./require-period.ts";
import { formSetOfEdition } from "./edition-form-set.ts";
import { FormSetError } from "../../shared/forms/form-set.ts";

// Opening, changing, locking and unlocking reporting periods: each write one batch with its audit row.

/** Every period, as stored: the list needs no check beyond the route's. */
export { listPeriods } from "../db/periods-repository.ts";

export async function openPeriod(db: D1Database, caller: Caller, body: z.output<typeof openPeriodBodySchema>): Promise<PeriodRecord> {
  if (await findPeriod(db, body.code)) throw new ProblemError(problemKinds.conflict, `报告期 ${body.code} 已存在 / Period ${body.code} already exists`);
  if (!(await editionExists(db, body.editionId))) {
    throw new ProblemError(problemKinds.invalidRequest, `没有报表版本 ${body.editionId} / No edition ${body.editionId}`, {
      errors: [{ location: "body", field: "editionId", code: "unknown_edition", message: `未知版本 / Unknown edition ${body.editionId}` }],
    });
  }
  await requireLoadableEdition(db, body.editionId);
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

/** A period opens only in an edition whose form set loads (its row's definition, unless built in): else every request about it would fail. */
async function requireLoadableEdition(db: D1Database, editionId: string): Promise<void> {
  try {
    await formSetOfEdition(db, editionId);
  } catch (error) {
    if (!(error instanceof FormSetError)) throw error;
    throw new ProblemError(
      problemKinds.invalidRequest,
      `报表版本 ${editionId} 的表式定义无法载入 / Edition ${editionId} has no form set definition that loads`,
      {
        errors: [{ location: "body", field: "editionId", code: "unusable_edition", message: `表式定义无法载入 / ${error.message}` }],
      },
    );
  }
}

/** What a PATCH of a period changes: only the values that differ from the period's, each from → to. */
interface PeriodChanges {
  deadline?: { from: string | null; to: string | null };
  requireStampedCopy?: { from: boolean; to: boolean };
  requireRoster?: { from: boolean; to: boolean };
  levelDeadlines: [level: string, change: { from: string | null; to: string | null }][];
}

const levelDeadlineOf = (period: PeriodRecord, level: string): string | null =>
  Object.hasOwn(period.levelDeadlines, level) ? (period.levelDeadlines[level] as string) : null;

function changesOf(period: PeriodRecord, body: z.output<typeof updatePeriodBodySchema>): PeriodChanges {
  return {
    ...(body.deadline !== undefined && body.deadline !== period.deadline && { deadline: { from: period.deadline, to: body.deadline } }),
    ...(body.requireStampedCopy !== undefined &&
      body.requireStampedCopy !== period.requireStampedCopy && { requireStampedCopy: { from: period.requireStampedCopy, to: body.requireStampedCopy } }),
    ...(body.requireRoster !== undefined &&
      body.requireRoster !== period.requireRoster && { requireRoster: { from: period.requireRoster, to: body.requireRoster } }),
    levelDeadlines: Object.entries(body.levelDeadlines ?? {})
      .filter(([level, deadline]) => levelDeadlineOf(period, level) !== deadline)
      .map(([level, deadline]) => [level, { from: levelDeadlineOf(period, level), to: deadline }]),
  };
}

/**
 * Changes a period's deadline, whether accepting needs the stamped copy, whether reports need rosters, and the deadlines of the
 * levels below the prefectures; one audit row says what changed. A PATCH that changes nothing
 * writes nothing and answers the period as it is.
 */
export async function updatePeriod(db: D1Database, caller: Caller, code: string, body: z.output<typeof updatePeriodBodySchema>): Promise<PeriodRecord> {
  const period = await requirePeriod(db, code);
  requireKnownLevels(Object.keys(body.levelDeadlines ?? {}));
  const changes = changesOf(period, body);
  if (!changes.deadline && !changes.requireStampedCopy && !changes.requireRoster && changes.levelDeadlines.length === 0) return period;
  requireDeadlineOrder(period, changes);
  const deadlineStatements = changes.deadline ? [updateDeadlineStatement(db, period.code, changes.deadline.to)] : [];
  const levelStatements = changes.levelDeadlines.map(([level, { to }]) => levelDeadlineStatement(db, period.code, level, to));
  // Each statement keeps the levels no later than the period at every step, so the order matters: a
  // deadline that moves earlier (or appears) after the levels it must not precede, else before them.
  const newDeadline = changes.deadline?.to;
  const deadlineMovesEarlier = typeof newDeadline === "string" && (period.deadline === null || newDeadline < period.deadline);
  try {
    await db.batch([
      ...(deadlineMovesEarlier ? [...levelStatements, ...deadlineStatements] : [...deadlineStatements, ...levelStatements]),
      ...(changes.requireStampedCopy ? [updateRequireStampedCopyStatement(db, period.code, changes.requireStampedCopy.to)] : []),
      ...(changes.requireRoster ? [updateRequireRosterStatement(db, period.code, changes.requireRoster.to)] : []),
      auditStatement(db, {
        tokenId: caller.tokenId,
        action: "period.update",
        target: `period:${period.code}`,
        detail: {
          ...(changes.deadline && { deadline: changes.deadline }),
          ...(changes.requireStampedCopy && { requireStampedCopy: changes.requireStampedCopy }),
          ...(changes.requireRoster && { requireRoster: changes.requireRoster }),
          ...(changes.levelDeadlines.length > 0 && { levelDeadlines: Object.fromEntries(changes.levelDeadlines) }),
        },
        at: new Date().toISOString(),
      }),
    ]);
  } catch (error) {
    if (!isDeadlineOrderError(error)) throw error;
    // A deadline written meanwhile: say which, against the period as it is now.
    const now = await requirePeriod(db, code);
    requireDeadlineOrder(now, changesOf(now, body));
    throw new ProblemError(problemKinds.conflict, `报告期 ${code} 的截止日期刚被修改，请重试 / Period ${code}'s deadlines changed meanwhile: try again`);
  }
  return requirePeriod(db, period.code);
}

/** The levels a deadline may be set for: those below the prefectures that report (counties); the prefectures' is the period's own. */
const levelsBelowPrefectures = reportingTree.levels.slice(2).filter((level) => level.report);

/** 400 unless each level named reports to a unit below the province (counties). */
function requireKnownLevels(levels: string[]): void {
  const unknown = levels.filter((level) => !levelsBelowPrefectures.some((candidate) => candidate.code === level));
  if (unknown.length === 0) return;
  const message = (level: string) =>
    `不是地市以下的报送层级：${level}（可用：${levelsBelowPrefectures.map((candidate) => candidate.code).join("、")}） / Not a reporting level below the prefectures: ${level}`;
  throw new ProblemError(problemKinds.invalidRequest, unknown.map(message).join("; "), {
    errors: unknown.map((level) => ({ location: "body", field: `levelDeadlines.${level}`, code: "unknown_level", message: message(level) })),
  });
}

/**
 * 422 unless, after the changes, every level's deadline is no later than the period's: a county
 * must report before its prefecture has to. Names both dates: a level's deadline set after the
 * period's, or the period's moved before a level's set earlier.
 */
function requireDeadlineOrder(period: PeriodRecord, changes: PeriodChanges): void {
  const periodDeadline = changes.deadline ? changes.deadline.to : period.deadline;
  if (periodDeadline === null) return;
  const changed = new Map(changes.levelDeadlines.map(([level, { to }]) => [level, to]));
  const levels = new Set([...Object.keys(period.levelDeadlines), ...changed.keys()]);
  const errors = [...levels].flatMap((level) => {
    const deadline = changed.has(level) ? (changed.get(level) as string | null) : levelDeadlineOf(period, level);
    if (deadline === null || deadline <= periodDeadline) return [];
    const name = levelsBelowPrefectures.find((candidate) => candidate.code === level) ?? { nameZh: level, nameEn: level };
    return changed.has(level)
      ? [
          {
            field: `levelDeadlines.${level}`,
            code: "after_period_deadline",
            message: `${name.nameZh}截止日期 ${deadline} 晚于报告期截止日期 ${periodDeadline} / The ${name.nameEn} deadline ${deadline} is after the period's deadline ${periodDeadline}`,
          },
        ]
      : [
          {
            field: "deadline",
            code: "before_level_deadline",
            message: `报告期截止日期 ${periodDeadline} 早于已定的${name.nameZh}截止日期 ${deadline} / The period's deadline ${periodDeadline} is before the ${name.nameEn} deadline ${deadline} set earlier`,
          },
        ];
  });
  if (errors.length === 0) return;
  throw new ProblemError(problemKinds.deadlineOrder, errors.map((error) => error.message).join("; "), {
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
      detail: { closedUnlocks: period.openUnlocks.map((unlock) => unlock.unitCode) },
      at: lockedAt,
    }),
  ]);
  return requirePeriod(db, period.code);
}

/** Lets one prefecture submit to a locked period, with a reason; 409 when open or already unlocked for it. */
export async function unlockPeriod(db: D1Database, caller: Caller, code: string, body: z.output<typeof unlockPeriodBodySchema>): Promise<PeriodRecord> {
  const period = await requirePeriod(db, code);
  requireReportingUnit(body.unitCode, unitProblem("body", "unitCode"));
  if (period.status === "open")
    throw new ProblemError(problemKinds.conflict, `报告期 ${period.code} 未锁定，无需解锁 / Period ${period.code} is open; nothing to unlock`);
  if (period.openUnlocks.some((unlock) => unlock.unitCode === body.unitCode)) {
    throw new ProblemError(
      problemKinds.conflict,
      `报告期 ${period.code} 已为 ${body.unitCode} 解锁 / Period ${period.code} is already unlocked for ${body.unitCode}`,
    );
  }
  const unlockedAt = new Date().toISOString();
  await db.batch([
    insertUnlockStatement(db, { periodCode: period.code, unitCode: body.unitCode, reason: body.reason, unlockedBy: caller.tokenId, unlockedAt }),
    auditStatement(db, {
      tokenId: caller.tokenId,
      action: "period.unlock",
      target: `period:${period.code}/prefecture:${body.unitCode}`,
      detail: { reason: body.reason },
      at: unlockedAt,
    }),
  ]);
  return requirePeriod(db, period.code);
}

/** The period as one unit (a prefecture, a county) sees it: its level's deadline, may it submit now, and under which unlock. */
export async function periodForUnit(db: D1Database, code: string, unit: ReportingUnit) {
  const period = await requirePeriod(db, code);
  return {
    periodCode: period.code,
    unitCode: unit.code,
    status: period.status,
    deadline: deadlineFor(period, unit.level.code),
    acceptsSubmissions: periodAcceptsSubmissionsFrom(period, unit.code),
    unlock: period.openUnlocks.find((unlock) => unlock.unitCode === unit.code) ?? null,
  };
}
