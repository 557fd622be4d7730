import type { z } from "zod";
import { UNCLEAN_TEXT_REASON } from "./common.ts";

/** One field refused: its dotted path (`rows.3.value`; empty for the whole input), a code, and why, Chinese / English. */
export interface FieldIssue {
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

/** A schema's refusal as field issues: what the Worker answers (with where the input came from) and the command line prints. */
export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const reason = chineseReason[issue.code] ?? "无效";
    // Unknown fields are reported one by one, at the field itself.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: [...issue.path, key].join("."), code: issue.code, message: `${reason} / Unrecognized field "${key}"` }));
    }
    if (issue.code === "custom" && issue.params?.reason === UNCLEAN_TEXT_REASON) {
      return [{ field: issue.path.join("."), code: UNCLEAN_TEXT_REASON, message: issue.message }];
    }
    return [{ field: issue.path.join("."), code: issue.code, message: `${reason} / ${issue.message}` }];
  });
}
