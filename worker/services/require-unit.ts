import { problemKinds } from "../../shared/api/problem-types.ts";
import { reportingTree, requireReportingUnit } from "../../shared/units/reporting-tree.ts";
import type { UnitRefusal } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit, UnitTree } from "../../shared/units/unit-tree.ts";
import { requireUnitAccess } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { ProblemError } from "../http/problem.ts";
import type { InputLocation } from "../http/validation-problem.ts";

/** A well-formed code that is not a reporting unit of Shandong (a prefecture or a county) is a 400 on that field. */
export function unitProblem(location: InputLocation, field: string): (refusal: UnitRefusal) => ProblemError {
  return ({ code, zh, en }) =>
    new ProblemError(problemKinds.invalidRequest, `${zh} / ${en}`, {
      errors: [{ location, field, code: "unknown_unit", message: `未知报送单位 / Unknown reporting unit ${code}` }],
    });
}

/** The unit a path names (in `tree`, Shandong's unless the app serves another): 400 for a code that is no reporting unit, then 403 unless the caller may read, write or review its reports. */
export function requireUnitInPath(
  caller: Caller,
  code: string,
  access: "read" | "write" | "review",
  field = "unit",
  tree: UnitTree = reportingTree,
): ReportingUnit {
  const unit = requireReportingUnit(code, unitProblem("path", field), tree);
  requireUnitAccess(caller, unit, access);
  return unit;
}
