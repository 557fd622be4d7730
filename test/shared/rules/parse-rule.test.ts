import { describe, expect, it } from "vitest";
import { currentFormSet } from "../../support/current-form-set.ts";
import { describeExpression } from "../../../shared/validate/describe-rule.ts";
import { parseRule, RuleSyntaxError } from "../../../shared/rules/parse-rule.ts";
import { fieldReferences } from "../../../shared/rules/rule-syntax.ts";
import { fieldLabelsOf } from "../../../shared/validate/validate-report.ts";

describe("the rule parser", () => {
  it("reads precedence: and binds tighter than or, products tighter than sums", () => {
    expect(parseRule("A_1 + B_1 * 2 <= C_1 or D_1 = 0 and E_1 > 1")).toEqual({
      kind: "logical",
      operator: "or",
      left: {
        kind: "comparison",
        operator: "<=",
        left: {
          kind: "arithmetic",
          operator: "+",
          left: { kind: "field", field: "A_1", previous: false },
          right: { kind: "arithmetic", operator: "*", left: { kind: "field", field: "B_1", previous: false }, right: { kind: "number", value: 2 } },
        },
        right: { kind: "field", field: "C_1", previous: false },
      },
      right: {
        kind: "logical",
        operator: "and",
        left: { kind: "comparison", operator: "=", left: { kind: "field", field: "D_1", previous: false }, right: { kind: "number", value: 0 } },
        right: { kind: "comparison", operator: ">", left: { kind: "field", field: "E_1", previous: false }, right: { kind: "number", value: 1 } },
      },
    });
  });

  it("reads cross-sheet and previous-period references", () => {
    expect(fieldReferences(parseRule("E07_AID_PERSONS >= 教扶01.E01_TOT and abs(E01_PRE - prev(E01_PRE)) <= 0.5 * prev(E01_PRE)"))).toEqual([
      { kind: "field", field: "E07_AID_PERSONS", previous: false },
      { kind: "field", sheet: "教扶01", field: "E01_TOT", previous: false },
      { kind: "field", field: "E01_PRE", previous: false },
      { kind: "field", field: "E01_PRE", previous: true },
      { kind: "field", field: "E01_PRE", previous: true },
    ]);
  });

  it.each([
    ["E04_PRIN <=", /expected a field reference/],
    ["E04_PRIN <= E04_EXCH E04_VOL", /unexpected text/],
    ["(E04_PRIN <= E04_EXCH", /expected «\)»/],
    ["E04_PRIN ≤ E04_EXCH", /unexpected character «≤»/],
    ["abs(E04_PRIN, E04_EXCH) > 0", /wrong number of arguments to abs/],
    ["unique(E06_UNIV + 1)", /unique\(\) takes fields/],
    ["prev(教扶01.E01_TOT + 1) > 0", /expected «\)»/],
    ["e04_prin > 0", /expected a field reference/],
  ])("rejects «%s» with a message that points at the problem", (source, message) => {
    expect(() => parseRule(source)).toThrow(RuleSyntaxError);
    expect(() => parseRule(source)).toThrow(message);
  });

  it("renders readable Chinese and English text, for 本表主要审核关系", () => {
    const sheet = currentFormSet.sheet("教扶09")!;
    const labels = fieldLabelsOf(currentFormSet, sheet);
    expect(describeExpression(parseRule("E09_SVE_RATE >= 0.9"), labels, "zh")).toBe("接受中职教育比例 ≥ 90.00%");
    expect(describeExpression(parseRule("E09_TO_SVE <= E09_RURAL_NOT_HS"), labels, "en")).toBe(
      "of whom in secondary vocational education ≤ Rural junior graduates not entering general high school",
    );
    const sheet02 = currentFormSet.sheet("教扶02")!;
    expect(describeExpression(parseRule("not (E02_SCH > 0 and E02_INV_PLAN = 0)"), fieldLabelsOf(currentFormSet, sheet02), "zh")).toBe(
      "并非(新建、改扩建学校 > 0 且 规划总投入 = 0)",
    );
    expect(describeExpression(parseRule("(E02_SCH - E02_SCH) * 2 - (E02_SCH - 1) > 0"), fieldLabelsOf(currentFormSet, sheet02), "zh")).toBe(
      "(新建、改扩建学校 − 新建、改扩建学校) × 2 − (新建、改扩建学校 − 1) > 0",
    );
    const sheet07 = currentFormSet.sheet("教扶07")!;
    expect(describeExpression(parseRule("E07_AID_PERSONS >= 教扶01.E01_TOT"), fieldLabelsOf(currentFormSet, sheet07), "zh")).toBe(
      "资助建档立卡贫困家庭学生 ≥ 教扶01 合计",
    );
  });
});
