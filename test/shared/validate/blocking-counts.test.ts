import { describe, expect, it } from "vitest";
import { blockingCounts } from "../../../shared/validate/blocking-counts.ts";

const result = (errorCount: number, unexplained: number) => ({ errorCount, unexplainedWarnings: Array.from({ length: unexplained }, () => ({}) as never) });

describe("what keeps a report from being submitted, counted", () => {
  it("leaves out what is zero and puts English nouns in the right number", () => {
    expect(blockingCounts(result(0, 1))).toEqual({ zh: "1 个未说明的警告", en: "1 unexplained warning" });
    expect(blockingCounts(result(2, 0))).toEqual({ zh: "2 个错误", en: "2 errors" });
    expect(blockingCounts(result(1, 3))).toEqual({ zh: "1 个错误、3 个未说明的警告", en: "1 error and 3 unexplained warnings" });
  });
});
