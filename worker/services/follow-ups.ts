import type { z } from "zod";
import type { followUpSchema } from "../../shared/api/follow-ups.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { mayReviewUnit, mayWriteUnit } from "../../shared/units/unit-access.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { accessHolderOf } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { clearStatements, findFollowUp, findOpenFollowUp, listFollowUps, markStatements } from "../db/follow-ups-repository.ts";
import type { FollowUpRecord } from "../db/follow-ups-repository.ts";
import { ProblemError } from "../http/problem.ts";
import { requirePeriod } from "./require-period.ts";
import { requireValueCell } from "./require-value-cell.ts";

// 跟进: a reviewer marks a value of a unit's report, the unit's clerk or a reviewer clears it; each
// step one batch with its audit row, the state rule in the statement that writes (follow-ups-repository.ts).

type FollowUp = z.output<typeof followUpSchema>;

const shapeOf = (record: FollowUpRecord): FollowUp => ({ ...record, address: `${record.sheetCode}!${record.cell}`, open: record.clearedAt === null });

export async function followUpsOfUnit(db: D1Database, periodCode: string, unit: ReportingUnit, all: boolean): Promise<FollowUp[]> {
  await requirePeriod(db, periodCode);
  return (await listFollowUps(db, periodCode, { unitCode: unit.code, all })).map(shapeOf);
}

/** The province's list: every unit's marks in the period. */
export async function followUpsOfPeriod(db: D1Database, periodCode: string, all: boolean): Promise<FollowUp[]> {
  await requirePeriod(db, periodCode);
  return (await listFollowUps(db, periodCode, { all })).map(shapeOf);
}

/** Marks the value of `cell` 跟进; 409 naming the open mark when the value has one already. */
export async function markFollowUp(
  db: D1Database,
  caller: Caller,
  periodCode: string,
  unit: ReportingUnit,
  body: { cell: string; note: string },
): Promise<FollowUp> {
  const period = await requirePeriod(db, periodCode);
  const cell = await requireValueCell(db, period, unit, body.cell, { location: "body", field: "cell" });
  const value = { periodCode, unitCode: unit.code, sheetCode: cell.sheetCode, rowKey: cell.rowKey, fieldCode: cell.fieldCode };
  const [inserted] = await db.batch(
    markStatements(db, { ...value, cell: cell.cell, note: body.note, markedBy: caller.tokenId, markedAt: new Date().toISOString() }),
  );
  const open = await findOpenFollowUp(db, value);
  if (!inserted?.meta.changes || !open) {
    throw new ProblemError(
      problemKinds.conflict,
      `${cell.address} 已在跟进中（${open?.markedByName ?? ""}：${open?.note ?? ""}） / ${cell.address} is already marked for follow-up`,
      { followUp: open && shapeOf(open) },
    );
  }
  return shapeOf(open);
}

/**
 * Clears a mark with a note: the unit's own clerk or whoever reviews it (403 otherwise). A mark
 * cleared already changes nothing: 409 saying who cleared it, when and why.
 */
export async function clearFollowUp(db: D1Database, caller: Caller, periodCode: string, unit: ReportingUnit, id: number, note: string): Promise<FollowUp> {
  const holder = accessHolderOf(caller);
  if (!mayWriteUnit(holder, unit) && !mayReviewUnit(holder, unit))
    throw new ProblemError(
      problemKinds.forbidden,
      `只有 ${unit.code} 的填报员或其审核方可解除跟进 / Only the unit's clerk or its reviewer may clear a follow-up`,
    );
  const found = await findFollowUp(db, periodCode, unit.code, id);
  if (!found)
    throw new ProblemError(problemKinds.notFound, `${periodCode} 年 ${unit.code} 没有跟进 ${id} / No follow-up ${id} of ${unit.code} for ${periodCode}`);
  const clearedAt = new Date().toISOString();
  const [updated] = await db.batch(clearStatements(db, { id, periodCode, unitCode: unit.code, cell: found.cell, note, clearedBy: caller.tokenId, clearedAt }));
  const now = (await findFollowUp(db, periodCode, unit.code, id)) as FollowUpRecord;
  if (!updated?.meta.changes)
    throw new ProblemError(
      problemKinds.conflict,
      `跟进 ${id} 已于 ${now.clearedAt} 由 ${now.clearedByName} 解除，未作改动（${now.clearNote}） / Follow-up ${id} was already cleared; nothing changed`,
      { followUp: shapeOf(now) },
    );
  return shapeOf(now);
}
