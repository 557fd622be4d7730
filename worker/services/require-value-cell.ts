import { problemKinds } from "../../shared/api/problem-types.ts";
import { valueCellOf } from "../../shared/report/value-cell.ts";
import type { ValueCell } from "../../shared/report/value-cell.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { PeriodRecord } from "../db/periods-repository.ts";
import { ProblemError } from "../http/problem.ts";
import type { InputLocation } from "../http/validation-problem.ts";
import { formSetOfPeriod } from "./require-period.ts";

/** The stored value a typed cell (教扶04!E7) names in the unit's report of the period, through its layout; else 400 on that field, in words. */
export async function requireValueCell(
  db: D1Database,
  period: PeriodRecord,
  unit: ReportingUnit,
  typed: string,
  where: { location: InputLocation; field: string },
): Promise<ValueCell> {
  const located = valueCellOf(await formSetOfPeriod(db, period), unit, period.code, typed);
  if ("found" in located) return located.found;
  const words = `${located.refusedZh} / ${located.refusedEn}`;
  throw new ProblemError(problemKinds.invalidRequest, words, { errors: [{ ...where, code: "not_a_stored_value", message: words }] });
}
