import type { z } from "zod";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { remindOutcomeSchema } from "../../shared/api/reminders.ts";
import { requireReportingUnit } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { requireUnitAccess } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { latestReminderOf, listReminders, reminderStatements } from "../db/reminders-repository.ts";
import type { ReminderRecord } from "../db/reminders-repository.ts";
import { ProblemError } from "../http/problem.ts";
import { requirePeriod } from "./require-period.ts";
import { unitProblem } from "./require-unit.ts";

// 催报: whoever a unit reports to reminds it (the same right as reviewing it); its clerk sees the
// reminder until the unit submits. One batch per request: every reminder with its audit row.

export { listReminders };

/**
 * Reminds each unit that still owes its report; the ones whose latest revision is 待审 or 通过 are
 * skipped (the INSERT checks it, so a submission racing the reminder wins). 403 before anything is
 * written if the caller may not review one of them.
 */
export async function remindUnits(
  db: D1Database,
  caller: Caller,
  periodCode: string,
  unitCodes: readonly string[],
  note: string | undefined,
): Promise<z.output<typeof remindOutcomeSchema>> {
  const period = await requirePeriod(db, periodCode);
  const units = [...new Set(unitCodes)].map((code) => requireReportingUnit(code, unitProblem("body", "unitCodes")));
  for (const unit of units) requireUnitAccess(caller, unit, "review");
  const sentAt = new Date().toISOString();
  const statements = units.flatMap((unit) =>
    reminderStatements(db, { periodCode: period.code, unitCode: unit.code, sentBy: caller.tokenId, sentAt, note: note ?? null }),
  );
  const results = await db.batch(statements);
  const written = units.filter((_, index) => (results[index * 2]?.meta.changes ?? 0) > 0);
  const reminded = await Promise.all(written.map((unit) => latestReminderOf(db, period.code, unit.code)));
  return {
    reminded: reminded.filter((reminder): reminder is ReminderRecord => reminder !== undefined),
    alreadySubmitted: units.filter((unit) => !written.includes(unit)).map((unit) => unit.code),
  };
}

/** One unit reminded; 409 when it owes nothing (its latest revision is 待审 or 通过). */
export async function remindUnit(db: D1Database, caller: Caller, periodCode: string, unit: ReportingUnit, note: string | undefined): Promise<ReminderRecord> {
  const { reminded } = await remindUnits(db, caller, periodCode, [unit.code], note);
  const [reminder] = reminded;
  if (!reminder)
    throw new ProblemError(
      problemKinds.conflict,
      `${unit.name}（${unit.code}）已报送本期报表，无需催报 / ${unit.nameEn} (${unit.code}) has submitted its report for ${periodCode}: nothing to remind of`,
      { unitCode: unit.code },
    );
  return reminder;
}
