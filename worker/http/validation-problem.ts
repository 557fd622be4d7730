import type { z } from "zod";
import { UNCLEAN_TEXT_REASON } from "../../shared/api/common.ts";
import { fieldIssuesOf } from "../../shared/api/field-issues.ts";
import type { FieldIssue as SharedFieldIssue } from "../../shared/api/field-issues.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "./problem.ts";

/** Where a bad value came from. */
export type InputLocation = "body" | "query" | "path" | "header";

export interface FieldIssue extends SharedFieldIssue {
  location: InputLocation;
}

export function fieldIssues(error: z.ZodError, location: InputLocation): FieldIssue[] {
  return fieldIssuesOf(error).map((issue) => ({ location, ...issue }));
}

/** The problem for fields refused: 422 when only the characters of their text are, else 400; the detail names the fields unless given. */
export function fieldsProblem(errors: FieldIssue[], detail?: string): ProblemError {
  const fields = [...new Set(errors.map((issue) => issue.field || "(root)"))].join(", ");
  // Well-formed input refused only for the characters of its text: 422, like a report that fails its checks.
  const onlyUncleanText = errors.every((issue) => issue.code === UNCLEAN_TEXT_REASON);
  return new ProblemError(
    onlyUncleanText ? problemKinds.textNotClean : problemKinds.invalidRequest,
    detail ?? `以下字段无效：${fields} / These fields are invalid: ${fields}`,
    { errors },
  );
}

export function validationProblem(error: z.ZodError, location: InputLocation): ProblemError {
  return fieldsProblem(fieldIssues(error, location));
}
