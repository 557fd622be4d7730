import { describe, expect, it } from "vitest";
import { withCheckCharacter } from "../../../shared/roster/citizen-id.ts";
import type { RosterData, RosterRow } from "../../../shared/roster/roster-data.ts";
import { STANDARD_ROSTER_LAYOUT } from "../../../shared/roster/roster-layout.ts";
import { validateRoster } from "../../../shared/roster/validate-roster.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { syntheticRoster } from "../../../scripts/demo/demo-rosters.ts";

const lixia = reportingTree.unit("370102")!;
const jinan = reportingTree.unit("370100")!;

/** Ten valid, aided students of 历下区 (2019), rows 5–14; `change` edits a copy. */
function roster(change: (rows: RosterRow[]) => void = () => {}): RosterData {
  const data = syntheticRoster("370102", "370102", { E01_PRE: 2, E01_CMP: 4, E01_GHS: 2, E01_SVE: 1, E01_HED: 1 }, "2019", 7);
  for (const row of data.rows) row.values.E10_AIDED = "是";
  data.explanations = [];
  change(data.rows);
  return data;
}
const check = (data: RosterData, unit = lixia) => validateRoster({ unit, roster: data });
const only = (data: RosterData, unit = lixia) => {
  const { issues } = check(data, unit);
  expect(issues, issues.map((issue) => issue.messageEn).join("\n")).toHaveLength(1);
  return issues[0]!;
};
const idOf = (rows: RosterRow[], index: number) => rows[index]!.values.E10_ID as string;

describe("the roster engine (R10.1–R10.5)", () => {
  it("finds nothing in a valid roster, and accepts a lower-case x and spaces around an ID", () => {
    expect(check(roster()).issues).toEqual([]);
    const withX = roster((rows) => {
      rows[0]!.values.E10_ID = ` ${withCheckCharacter("37010220150307104").toLowerCase()} `;
    });
    expect(withCheckCharacter("37010220150307104")).toMatch(/X$/);
    expect(check(withX).issues).toEqual([]);
  });

  it("R10.1: a wrong check character, naming the sheet, the cell and the rule, Chinese then English, without repeating the ID", () => {
    const data = roster((rows) => {
      const id = idOf(rows, 2);
      rows[2]!.values.E10_ID = id.slice(0, 17) + (id[17] === "0" ? "1" : "0");
    });
    const issue = only(data);
    expect(issue).toMatchObject({
      ruleId: "R10.1",
      severity: "error",
      sheetCode: "教扶10",
      sheetName: "教扶10 建档立卡学生名册",
      cell: "A7",
      address: "教扶10!A7",
      fieldCode: "E10_ID",
    });
    expect(issue.messageZh).toMatch(/^教扶10!A7 身份证件号码校验码\(第 18 位\)应为 .,实为 .:.*\[R10\.1 身份证件号码有效\]$/);
    expect(issue.messageEn).toMatch(/^教扶10!A7 Citizen ID number has check character .* \[R10\.1 valid citizen ID number\]$/);
    expect(issue.messageZh + issue.messageEn).not.toContain(idOf(data.rows, 2).slice(6, 14));
  });

  it("R10.1: an ID Excel turned into a number — a numeric cell or its 1.23E+17 text — is refused with the reason in words", () => {
    for (const value of [370102200801011200, "3.70102E+17", "3.701022008010112e+17"]) {
      const issue = only(
        roster((rows) => {
          rows[0]!.values.E10_ID = value;
        }),
      );
      expect(issue).toMatchObject({ ruleId: "R10.1", cell: "A5" });
      expect(issue.messageZh).toContain("是数字而不是文本");
      expect(issue.messageZh).toContain("末三位已丢失");
      expect(issue.messageEn).toContain("kept only 15 significant digits, so its last three are lost");
      expect(issue.messageEn).toContain("Format the column as text");
    }
  });

  it("R10.1: a blank ID, a wrong length, a date that does not exist, a birth after the period's end", () => {
    const cases: [string | null, RegExp][] = [
      [null, /身份证件号码未填写/],
      ["37010220080101123", /应为 18 位.*实为 17 个字符/],
      [withCheckCharacter("37010220070229123"), /第 7–14 位不是有效的出生日期/],
      [withCheckCharacter("37010220200101123"), /出生日期晚于报告期末\(2019-12-31\)/],
    ];
    for (const [value, message] of cases) {
      const issue = only(
        roster((rows) => {
          rows[1]!.values.E10_ID = value;
        }),
      );
      expect(issue.ruleId).toBe("R10.1");
      expect(issue.messageZh).toMatch(message);
    }
  });

  it("R10.2: the second row of a student names the first, once", () => {
    const issue = only(
      roster((rows) => {
        rows[6]!.values.E10_ID = `${idOf(rows, 3).toLowerCase()} `;
      }),
    );
    expect(issue).toMatchObject({ ruleId: "R10.2", severity: "error", cell: "A11", fieldCode: "E10_ID" });
    expect(issue.messageZh).toContain("与 教扶10!A8 重复");
    expect(issue.messageEn).toContain("repeats 教扶10!A8");
  });

  it("R10.3: a county of another prefecture, or of another county, is not this unit's; a prefecture takes its own counties", () => {
    const qingdao = roster((rows) => {
      rows[0]!.values.E10_COUNTY = "370202";
    });
    const issue = only(qingdao);
    expect(issue).toMatchObject({ ruleId: "R10.3", cell: "C5", fieldCode: "E10_COUNTY" });
    expect(issue.messageZh).toContain("370202(青岛市市南区)不是本县(市、区)历下区(370102)");
    expect(only(qingdao, jinan).messageZh).toContain("370202(青岛市市南区)不是本市所辖县");
    const shizhong = roster((rows) => {
      rows[0]!.values.E10_COUNTY = 370103;
    });
    expect(only(shizhong).ruleId).toBe("R10.3");
    expect(check(shizhong, jinan).issues).toEqual([]);
  });

  it("R10.3 and T02: every field filled; names and schools within their lengths; stage and aided from their lists", () => {
    const data = roster((rows) => {
      rows[0]!.values.E10_NAME = "  ";
      rows[1]!.values.E10_SCHOOL = null;
      rows[2]!.values.E10_STAGE = undefined;
      rows[3]!.values.E10_AIDED = "";
      rows[4]!.values.E10_COUNTY = null;
      rows[5]!.values.E10_NAME = "王".repeat(51);
      rows[6]!.values.E10_STAGE = "初中";
      rows[7]!.values.E10_AIDED = "Y";
      rows[8]!.values.E10_SCHOOL = "第一\u202e中学";
    });
    const found = check(data).issues.map((issue) => `${issue.cell} ${issue.ruleId}`);
    expect(found).toEqual(["B5 R10.3", "E6 R10.3", "D7 R10.3", "F8 R10.3", "C9 R10.3", "B10 T02", "D11 T02", "F12 T02", "E13 T02"]);
    expect(check(data).issues[6]!.messageZh).toContain("应为 学前教育、义务教育、普通高中、中等职业教育、高等教育 之一");
  });

  it("R10.4: an age outside the stage's usual range on 31 December is a warning on the stage", () => {
    const issue = only(
      roster((rows) => {
        rows[0]!.values.E10_ID = withCheckCharacter("37010219990615123");
        rows[0]!.values.E10_STAGE = "义务教育";
      }),
    );
    expect(issue).toMatchObject({ ruleId: "R10.4", severity: "warning", cell: "D5", fieldCode: "E10_STAGE" });
    expect(issue.messageZh).toContain("义务教育 与年龄不符:报告期末 20 岁,该学段通常 5–17 岁");
    const edges = [
      ["2017", "学前教育", 0],
      ["2018", "学前教育", 1],
      ["2012", "学前教育", 0],
      ["2011", "学前教育", 1],
      ["1984", "高等教育", 0],
      ["1983", "高等教育", 1],
    ] as const;
    for (const [year, stage, count] of edges) {
      const edge = roster((rows) => {
        rows[0]!.values.E10_ID = withCheckCharacter(`370102${year}0101123`);
        rows[0]!.values.E10_STAGE = stage;
      });
      expect(check(edge).issues, `${year} ${stage}`).toHaveLength(count);
    }
  });

  it("R10.5: a student not aided is a warning until the 说明 sheet says why (at least 5 characters)", () => {
    const data = roster((rows) => {
      rows[4]!.values.E10_AIDED = "否";
    });
    const unexplained = check(data);
    expect(unexplained.issues[0]).toMatchObject({ ruleId: "R10.5", severity: "warning", cell: "F9", rowKey: idOf(data.rows, 4) });
    expect(unexplained.canSubmit).toBe(false);
    data.explanations = [{ ruleId: "R10.5", rowKey: idOf(data.rows, 4), text: "转学" }];
    expect(check(data).canSubmit).toBe(false);
    data.explanations = [{ ruleId: "R10.5", rowKey: idOf(data.rows, 4), text: "该生本期转学,手续办理中" }];
    const explained = check(data);
    expect(explained).toMatchObject({ canSubmit: true, errorCount: 0, warningCount: 1, unexplainedWarnings: [] });
    expect(explained.issues[0]!.explanation).toBe("该生本期转学,手续办理中");
  });

  it("names the cells where the reader found the columns, and refuses more rows than a county's roster holds", () => {
    const moved = roster((rows) => {
      rows[0]!.values.E10_AIDED = "";
    });
    moved.layout = { ...STANDARD_ROSTER_LAYOUT, firstDataRow: 6, columns: { ...STANDARD_ROSTER_LAYOUT.columns, E10_AIDED: 8 } };
    expect(only(moved).cell).toBe("I7");

    const big = syntheticRoster("370102", "370102", { E01_CMP: 10_001 }, "2019", 3);
    for (const row of big.rows) row.values.E10_AIDED = "是";
    const result = check(big);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ ruleId: "T03", cell: "A10005" });
    expect(result.issues[0]!.messageZh).toContain("名册最多 10,000 名学生,实有 10,001 名");
    expect(check(big, jinan).issues).toEqual([]);
  });
});
