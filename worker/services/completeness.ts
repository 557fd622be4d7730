import type { z } from "zod";
import type { completenessSchema, completenessStatuses } from "../../shared/api/completeness.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { childrenCompletenessSchema } from "../../shared/api/units.ts";
import { ProblemError } from "../http/problem.ts";
import { accessHolderOf } from "../auth/authorize.ts";
import { mayReadUnit } from "../../shared/units/unit-access.ts";
import type { Caller } from "../auth/caller.ts";
import { currentAttachmentsOfPeriod } from "../db/attachments-repository.ts";
import { listLatestRevisions } from "../db/submissions-repository.ts";
import type { SubmissionRecord } from "../db/submissions-repository.ts";
import { requirePeriod } from "./require-period.ts";
import type { PeriodRecord } from "../db/periods-repository.ts";
import { reminderCounts } from "../db/reminders-repository.ts";
import { deadlineFor } from "../../shared/units/level-deadline.ts";
import { reportingTree, reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";

export type CompletenessStatus = (typeof completenessStatuses)[number];

/** The first instant after a deadline: the deadline is a whole day, inclusive, in Beijing time (UTC+8). */
export function deadlinePassed(deadline: string | null, now: Date): boolean {
  if (!deadline) return false;
  const endOfDay = Date.parse(`${deadline}T00:00:00+08:00`) + 24 * 60 * 60 * 1000;
  return now.getTime() >= endOfDay;
}

/**
 * 未报 / 已报 / 退回 / 通过, and 逾期 for a prefecture that has submitted nothing by the deadline. A
 * returned report stays 退回 after the deadline: that it is also overdue is a second fact (overdue).
 */
export function completenessStatus(latest: SubmissionRecord | undefined, deadline: string | null, now: Date): CompletenessStatus {
  if (latest?.status === "accepted") return "通过";
  if (latest?.status === "submitted") return "已报";
  if (latest) return "退回";
  return deadlinePassed(deadline, now) ? "逾期" : "未报";
}

/** The prefecture still owes a submission (none yet, or the latest returned) and the deadline has passed. */
export function isOverdue(latest: SubmissionRecord | undefined, deadline: string | null, now: Date): boolean {
  return (latest === undefined || latest.status === "returned") && deadlinePassed(deadline, now);
}

/**
 * 迟报: the revision the unit stands on (its latest, not returned) came after its deadline — a second
 * fact beside 已报 / 通过, as overdue is beside 退回, so that lateness at each level stays visible.
 */
export function isLate(latest: SubmissionRecord | undefined, deadline: string | null): boolean {
  return latest !== undefined && latest.status !== "returned" && deadlinePassed(deadline, new Date(latest.submittedAt));
}

/** One unit's line of a completeness table: its state against the deadline of its level, its latest revision, its stamped copy. */
function completenessLine(unit: ReportingUnit, deadline: string | null, facts: PeriodFacts, now: Date) {
  const latest = facts.latestByUnit.get(unit.code);
  const stampedCopy = latest && facts.stampedCopies.get(latest.id);
  return {
    unitCode: unit.code,
    name: unit.name,
    status: completenessStatus(latest, deadline, now),
    overdue: isOverdue(latest, deadline, now),
    late: isLate(latest, deadline),
    revision: latest?.revision ?? 0,
    submittedAt: latest?.submittedAt ?? null,
    latestStatus: latest?.status ?? null,
    stampedCopy: latest ? (stampedCopy ? ("已盖章" as const) : ("未盖章" as const)) : null,
    stampedCopySha256: stampedCopy?.sha256 ?? null,
    reminders: facts.reminders.get(unit.code) ?? { count: 0, lastAt: null },
    waitingOn: waitingOn(unit, facts, now),
  };
}

/** What a period's completeness reads once: every unit's latest revision, the stamped copies, the reminders, the level deadlines. */
interface PeriodFacts {
  latestByUnit: Map<string, SubmissionRecord>;
  stampedCopies: Map<number, { sha256: string }>;
  reminders: Map<string, { count: number; lastAt: string | null }>;
  deadlineOf: (levelCode: string) => string | null;
}

/** The units reporting to this one that still owe their report after their level's deadline: who holds it up. */
function waitingOn(unit: ReportingUnit, facts: PeriodFacts, now: Date): string[] {
  return unit.children
    .filter((child) => child.level.report && isOverdue(facts.latestByUnit.get(child.code), facts.deadlineOf(child.level.code), now))
    .map((child) => child.code);
}

/** The lines of these units against one deadline, the period's facts read together. */
async function completenessLines(db: D1Database, period: PeriodRecord, units: readonly ReportingUnit[], deadline: string | null, now: Date) {
  const [latestRevisions, stampedCopies, reminders] = await Promise.all([
    listLatestRevisions(db, period.code),
    currentAttachmentsOfPeriod(db, period.code),
    reminderCounts(db, period.code),
  ]);
  const facts: PeriodFacts = {
    latestByUnit: new Map(latestRevisions.map((latest) => [latest.unitCode, latest])),
    stampedCopies,
    reminders,
    deadlineOf: (levelCode) => deadlineFor(period, levelCode),
  };
  return units.map((unit) => completenessLine(unit, deadline, facts, now));
}

/**
 * Every prefecture's state for the period against the period's deadline; a clerk sees only their own
 * unit, against its level's deadline (a county clerk: the county against the county deadline).
 */
export async function periodCompleteness(db: D1Database, caller: Caller, periodCode: string, now = new Date()): Promise<z.output<typeof completenessSchema>> {
  const period = await requirePeriod(db, periodCode);
  const own = caller.role === "clerk" ? reportingUnitOf(caller.unitCode ?? "") : undefined;
  const units =
    caller.role === "clerk" ? (own ? [own] : []) : reportingTree.root.children.filter((prefecture) => mayReadUnit(accessHolderOf(caller), prefecture));
  const deadline = own ? deadlineFor(period, own.level.code) : period.deadline;
  return { period: period.code, deadline, units: await completenessLines(db, period, units, deadline, now) };
}

/**
 * The state of the units reporting to this one (a prefecture's counties) against their level's
 * deadline (PATCH /periods/{period} levelDeadlines), or the period's when their level has none.
 */
export async function childCompleteness(
  db: D1Database,
  periodCode: string,
  unit: ReportingUnit,
  now = new Date(),
): Promise<z.output<typeof childrenCompletenessSchema>> {
  const period = await requirePeriod(db, periodCode);
  const childLevel = unit.children[0]?.level;
  if (!childLevel?.report) throw new ProblemError(problemKinds.notFound, `${unit.name}没有下级报送单位 / ${unit.nameEn} has no units reporting to it`);
  const deadline = deadlineFor(period, childLevel.code);
  return {
    period: period.code,
    unitCode: unit.code,
    level: childLevel.code,
    deadline,
    units: await completenessLines(db, period, unit.children, deadline, now),
  };
}
