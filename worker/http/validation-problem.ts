import type { z } from "zod";
import { UNCLEAN_TEXT_REASON } from "../../shared/api/common.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "./problem.ts";

/** Where a bad value came from. */
export type InputLocation = "body" | "query" | "path" | "header";

export interface FieldIssue {
  location: InputLocation;
  /** Dotted path to the field, e.g. `rows.3.value`; empty for the whole input. */
  field: string;
  code: string;
  message: string;
}

// Chinese for zod's issue codes; zod's own message follows in English.
const chineseReason: Record<string, string> = {
  invalid_type: "类型不对",
  invalid_value: "取值不在允许范围内",
  invalid_format: "格式不对",
  invalid_union: "不符合任何允许的形式",
  too_big: "超出上限",
  too_small: "低于下限",
  not_multiple_of: "不是规定的倍数",
  unrecognized_keys: "不允许的字段",
  invalid_key: "键无效",
  invalid_element: "元素无效",
  custom: "无效",
};

export function fieldIssues(error: z.ZodError, location: InputLocation): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const reason = chineseReason[issue.code] ?? "无效";
    // Unknown fields are reported one by one, at the field itself.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        location,
        field: [...issue.path, key].join("."),
        code: issue.code,
        message: `${reason} / Unrecognized field "${key}"`,
      }));
    }
    if (issue.code === "custom" && issue.params?.reason === UNCLEAN_TEXT_REASON) {
      return [{ location, field: issue.path.join("."), code: UNCLEAN_TEXT_REASON, message: issue.message }];
    }
    return [{ location, field: issue.path.join("."), code: issue.code, message: `${reason} / ${issue.message}` }];
  });
}

export function validationProblem(error: z.ZodError, location: InputLocation): ProblemError {
  const errors = fieldIssues(error, location);
  const fields = [...new Set(errors.map((issue) => issue.field || "(root)"))].join(", ");
  // Well-formed input refused only for the characters of its text: 422, like a report that fails its checks.
  const onlyUncleanText = errors.every((issue) => issue.code === UNCLEAN_TEXT_REASON);
  return new ProblemError(
    onlyUncleanText ? problemKinds.textNotClean : problemKinds.invalidRequest,
    `以下字段无效：${fields} / These fields are invalid: ${fields}`,
    { errors },
  );
}
