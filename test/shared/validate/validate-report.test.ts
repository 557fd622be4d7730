import { describe, expect, it } from "vitest";
import { currentFormSet } from "../../support/current-form-set.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { ceilingReport, setValue } from "../../support/ceiling-report.ts";
import { sampleReport, withValue } from "../../support/sample-report.ts";

const jinan = reportingTree.unit("370100")!;
const valid = sampleReport(jinan, { seed: 3 });
const validate = (report: ReportData) => validateReport({ formSet: currentFormSet, unit: jinan, report });
const only = (report: ReportData) => {
  const { issues } = validate(report);
  expect(issues).toHaveLength(1);
  return issues[0]!;
};

describe("the validation engine's own checks", () => {
  it("T01: a blank input is an error that says to write 0", () => {
    const issue = only(withValue(valid, "教扶04", "370103", "E04_VOL", "  "));
    expect(issue).toMatchObject({ ruleId: "T01", severity: "error", address: "教扶04!G8", rowKey: "370103", fieldCode: "E04_VOL" });
    expect(issue.messageZh).toBe("教扶04!G8 薄弱学科培训志愿者 未填写(无数据请填 0) [T01 必填]");
    expect(issue.messageEn).toContain("is blank (enter 0 for none)");
  });

  it("T01: a county missing from the report is blank in every input", () => {
    const report = structuredClone(valid);
    report.sheets["教扶03"] = report.sheets["教扶03"]!.filter((row) => row.key !== "370104");
    const issues = validate(report).issues;
    expect(issues.map((issue) => `${issue.ruleId} ${issue.address}`)).toEqual(["T01 教扶03!C9", "T01 教扶03!D9"]);
  });

  it.each([
    ["教扶01", "E01_PRE", "十二", "应为数字"],
    ["教扶01", "E01_PRE", -3, "不能为负数"],
    ["教扶01", "E01_PRE", 2.5, "应为整数"],
    ["教扶02", "E02_INV_PLAN", 12.345, "最多两位小数"],
    ["教扶04", "E04_EXCH", 1.7e308, "超出合理范围:不能大于 1000000人"],
    ["教扶01", "E01_PRE", "9007199254740993", "超出合理范围"],
    ["教扶02", "E02_INV_DONE", 1e307, "超出合理范围:不能大于 1000000万元"],
    ["教扶02", "E02_BLD_PLAN", "1e300", "应为数字"],
  ])("T02: %s.%s = %s is refused (%s)", (sheetCode, fieldCode, bad, says) => {
    const issue = only(withValue(valid, sheetCode, "370102", fieldCode, bad));
    expect(issue.ruleId).toBe("T02");
    expect(issue.messageZh).toContain(says);
  });

  it("T02: accepts numbers typed as text and money with two decimals, exactly", () => {
    expect(validate(withValue(valid, "教扶01", "370102", "E01_PRE", " 120 ")).issues).toEqual([]);
    expect(validate(withValue(valid, "教扶02", "370102", "E02_INV_PLAN", 0.29)).issues.filter((issue) => issue.ruleId === "T02")).toEqual([]);
  });

  it("T02: every numeric input accepts its max and refuses the next step above it, naming the cell and the bound", () => {
    const ceiling = ceilingReport(currentFormSet, jinan);
    expect(validate(ceiling).issues).toEqual([]);
    for (const sheet of currentFormSet.sheets) {
      for (const field of sheet.fields) {
        if (field.max === undefined) continue;
        const above = field.max + (field.type === "dec2" ? 0.01 : 1);
        const issue = only(setValue(ceiling, sheet.code, 0, field.code, above));
        expect(issue, `${sheet.code}.${field.code}`).toMatchObject({ ruleId: "T02", sheetCode: sheet.code, fieldCode: field.code });
        expect(issue.messageZh).toMatch(new RegExp(`^${sheet.code}!\\w+\\d+ .*不能大于 ${field.max}`));
      }
    }
  });

  it("T02: a text longer than its field's maxLength is refused, naming the cell and the length", () => {
    const issue = only(withValue(valid, "教扶06", 0, "E06_TOWN", "镇".repeat(101)));
    expect(issue).toMatchObject({ ruleId: "T02", sheetCode: "教扶06", fieldCode: "E06_TOWN" });
    expect(issue.messageZh).toContain("超过 100 个字符 (101)");
    expect(validate(withValue(valid, "封面", jinan.code, "C_FILLER", "名".repeat(50))).issues).toEqual([]);
    expect(only(withValue(valid, "封面", jinan.code, "C_FILLER", "名".repeat(51))).messageZh).toContain("超过 50 个字符");
  });

  it("T02: checks the telephone and the date on the cover", () => {
    expect(only(withValue(valid, "封面", jinan.code, "C_PHONE", "12345")).messageZh).toContain("电话号码格式不正确");
    for (const phone of ["0531-86912345", "053186912345", "15912345678"])
      expect(validate(withValue(valid, "封面", jinan.code, "C_PHONE", phone)).issues).toEqual([]);
    expect(only(withValue(valid, "封面", jinan.code, "C_DATE", "2020-02-30")).messageZh).toContain("不是有效日期");
    expect(validate(withValue(valid, "封面", jinan.code, "C_DATE", "2020年1月15日")).issues).toEqual([]);
  });

  it("T03: names an unknown sheet, field or county and a duplicated county row", () => {
    const report = structuredClone(valid);
    report.sheets["教扶99"] = [];
    report.sheets["教扶04"]![0]!.values.E04_BOGUS = 1;
    report.sheets["教扶05"]!.push({ key: "370202", values: {} }, { ...report.sheets["教扶05"]![0]! });
    const messages = validate(report).issues.map((issue) => `${issue.ruleId} ${issue.messageEn}`);
    expect(messages).toEqual([
      "T03 教扶99 unknown sheet 教扶99 [T03 form structure]",
      "T03 教扶04 unknown field E04_BOGUS [T03 form structure]",
      "T03 教扶05 370202 is not a county of this prefecture [T03 form structure]",
      "T03 教扶05 370102 duplicate row [T03 form structure]",
    ]);
  });

  it("T04: a computed cell overwritten with a wrong value is an error; the right value passes", () => {
    const rate = (valid.sheets["教扶03"]![0]!.values.E03_KG_DONE as number) / (valid.sheets["教扶03"]![0]!.values.E03_KG_PLAN as number);
    expect(only(withValue(valid, "教扶03", "370102", "E03_KG_RATE", 0.5)).messageZh).toContain("公式被改写");
    expect(validate(withValue(valid, "教扶03", "370102", "E03_KG_RATE", rate)).issues).toEqual([]);
  });

  it("ignores the computed 合计 row and the template's blank list rows", () => {
    const report = structuredClone(valid);
    report.sheets["教扶01"]!.push({ key: jinan.code, values: { E01_PRE: 99 } });
    report.sheets["教扶06"]!.push({ key: "", position: 9, values: { E06_UNIV: "", E06_COUNTY: null } });
    expect(validate(report).issues).toEqual([]);
  });

  it("points list issues at the row's place in the sheet, and asks for every cell of a partly filled row", () => {
    const report = structuredClone(valid);
    report.sheets["教扶06"]!.push({
      key: "",
      position: 40,
      values: { E06_UNIV: "青岛大学", E06_COUNTY: "370102", E06_TOWN: "某镇", E06_PROJ: 1, E06_TEAM: 1, E06_CONSULT: 1 },
    });
    expect(only(report)).toMatchObject({ ruleId: "T01", address: "教扶06!G46", fieldCode: "E06_TRAIN" });
  });
});

describe("warnings and explanations", () => {
  const withWarning = withValue(valid, "教扶05", "370102", "E05_COVERED", 0);
  const warning = validate(withWarning).issues[0]!;

  it("a warning without an explanation blocks submission", () => {
    const result = validate(withWarning);
    expect(result).toMatchObject({ errorCount: 0, warningCount: 1, canSubmit: false });
    expect(result.unexplainedWarnings).toEqual([warning]);
  });

  it("an explanation of at least five characters lets it through and travels with the issue", () => {
    const text = "该县重点村学校已撤并,正在重新结对";
    const result = validate({
      ...withWarning,
      explanations: [{ ruleId: warning.ruleId, sheetCode: warning.sheetCode, rowKey: warning.rowKey, fieldCode: warning.fieldCode, text }],
    });
    expect(result.canSubmit).toBe(true);
    expect(result.issues[0]!.explanation).toBe(text);
  });

  it("a too short explanation, or one for another cell, does not count", () => {
    const short = validate({
      ...withWarning,
      explanations: [{ ruleId: warning.ruleId, sheetCode: warning.sheetCode, rowKey: warning.rowKey, fieldCode: warning.fieldCode, text: " 撤并 " }],
    });
    expect(short.canSubmit).toBe(false);
    const elsewhere = validate({
      ...withWarning,
      explanations: [{ ruleId: warning.ruleId, sheetCode: warning.sheetCode, rowKey: "370103", fieldCode: warning.fieldCode, text: "说明写在了别的县" }],
    });
    expect(elsewhere.unexplainedWarnings).toHaveLength(1);
  });

  it("errors block submission whatever is explained", () => {
    const result = validate(withValue(valid, "教扶04", "370102", "E04_PRIN", 100000));
    expect(result).toMatchObject({ errorCount: 1, canSubmit: false });
  });
});
