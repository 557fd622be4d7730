import { findPeriod } from "../db/periods-repository.ts";
import type { PeriodRecord } from "../db/periods-repository.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";

/** The period, or 404. */
export async function requirePeriod(db: D1Database, code: string): Promise<PeriodRecord> {
  const period = await findPeriod(db, code);
  if (!period) throw new ProblemError(problemKinds.notFound, `没有报告期 ${code} / No period ${code}`);
  return period;
}

/** The compiled-in form set of the period's edition: the one the engine validates with. */
export function formSetOfPeriod(period: PeriodRecord): FormSet {
  const formSet = formSetOf(period.editionId);
  // An edition row without its compiled form set is a deployment error, not bad input.
  if (!formSet) throw new Error(`edition ${period.editionId} of period ${period.code} is not built into this Worker`);
  return formSet;
}
