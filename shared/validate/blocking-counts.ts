import { englishCount } from "../values/english-count.ts";
import type { ValidationResult } from "./validate-report.ts";

/**
 * What keeps a report from being submitted, counted in words that leave out what is zero: "1 个未说明的警告" /
 * "1 unexplained warning", never "0 个错误" or "1 warnings". Chinese and English apart, for the caller's line.
 */
export function blockingCounts(result: Pick<ValidationResult, "errorCount" | "unexplainedWarnings">): { zh: string; en: string } {
  const errors = result.errorCount;
  const unexplained = result.unexplainedWarnings.length;
  return {
    zh: [errors ? `${errors} 个错误` : "", unexplained ? `${unexplained} 个未说明的警告` : ""].filter(Boolean).join("、"),
    en: [errors ? englishCount(errors, "error") : "", unexplained ? englishCount(unexplained, "unexplained warning") : ""].filter(Boolean).join(" and "),
  };
}
