import { findPeriod } from "../db/periods-repository.ts";
import type { PeriodRecord } from "../db/periods-repository.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import { formSetOfEdition } from "./edition-form-set.ts";

/** The period, or 404. */
export async function requirePeriod(db: D1Database, code: string): Promise<PeriodRecord> {
  const period = await findPeriod(db, code);
  if (!period) throw new ProblemError(problemKinds.notFound, `没有报告期 ${code} / No period ${code}`);
  return period;
}

/** The form set of the period's edition (built in, or its row's definition): the one the engine validates with. */
export function formSetOfPeriod(db: D1Database, period: PeriodRecord): Promise<FormSet> {
  return formSetOfEdition(db, period.editionId);
}
