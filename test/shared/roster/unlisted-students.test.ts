// X10.3 名册有、库无 on the rows (shared/roster/unlisted-students.ts): the server's findings, by masked ID
// and position, placed back on the roster as it is now, with the 说明 sheet's explanations.
import { describe, expect, it } from "vitest";
import { syntheticRoster } from "../../../scripts/demo/demo-rosters.ts";
import { maskCitizenId } from "../../../shared/roster/masked-id.ts";
import type { RosterData, RosterRow } from "../../../shared/roster/roster-data.ts";
import { unlistedIssues } from "../../../shared/roster/unlisted-students.ts";

const roster = syntheticRoster("370102", "370102", { E01_PRE: 2, E01_CMP: 6, E01_GHS: 2 }, "2019", 11);
const idOf = (row: RosterRow) => String(row.values.E10_ID);
const finding = (row: RosterRow) => ({ maskedId: maskCitizenId(idOf(row)), position: row.position });
/** Rows renumbered as the reader numbers them: position = the row's place. */
const renumbered = (rows: RosterRow[]): RosterRow[] => rows.map((row, position) => ({ ...row, position }));

describe("unlistedIssues", () => {
  it("puts each finding on its row: rule X10.3, a warning at the ID's cell, the student by masked ID only", () => {
    const found = [finding(roster.rows[1]!), finding(roster.rows[6]!)];
    const issues = unlistedIssues({ ...roster, explanations: [] }, found);
    expect(issues.map(({ ruleId, severity, cell, rowKey }) => ({ ruleId, severity, cell, rowKey }))).toEqual([
      { ruleId: "X10.3", severity: "warning", cell: "A6", rowKey: idOf(roster.rows[1]!) },
      { ruleId: "X10.3", severity: "warning", cell: "A11", rowKey: idOf(roster.rows[6]!) },
    ]);
    expect(issues[0]!.messageZh).toContain(`教扶10!A6 学生 ${maskCitizenId(idOf(roster.rows[1]!))} 不在本期扶贫部门名单中`);
    expect(issues[0]!.messageZh).not.toContain(idOf(roster.rows[1]!));
    expect(issues[0]!.messageEn).toContain("[X10.3 on the roster, not on the period's poverty list]");
  });

  it("follows a student whose row moved (rows inserted above) and drops one no longer on the roster", () => {
    const found = [finding(roster.rows[1]!), finding(roster.rows[6]!)];
    // Two rows inserted at the top, and the student of row 6 removed.
    const moved: RosterData = {
      ...roster,
      explanations: [],
      rows: renumbered([roster.rows[8]!, roster.rows[9]!, ...roster.rows.filter((_, index) => index !== 6)]),
    };
    const issues = unlistedIssues(moved, found);
    expect(issues.map((issue) => [issue.cell, issue.rowKey])).toEqual([["A8", idOf(roster.rows[1]!)]]);
  });

  it("does not guess between two rows that share a masked ID", () => {
    const twin = { ...roster.rows[2]!, values: { ...roster.rows[2]!.values } };
    const id = idOf(roster.rows[2]!);
    // Same first 6 and last 4 characters, another birth date: the masked IDs are equal.
    twin.values.E10_ID = `${id.slice(0, 6)}20000101${id.slice(14)}`;
    const rows = renumbered([roster.rows[0]!, twin, roster.rows[2]!]);
    const issues = unlistedIssues({ ...roster, explanations: [], rows }, [{ maskedId: maskCitizenId(id), position: 7 }]);
    expect(issues).toEqual([]);
  });

  it("carries the 说明 sheet's explanation of X10.3 when it is long enough, not another rule's", () => {
    const [first, second, third] = [roster.rows[0]!, roster.rows[1]!, roster.rows[2]!];
    const explained: RosterData = {
      ...roster,
      explanations: [
        { ruleId: "X10.3", rowKey: idOf(first), text: "  户籍已迁入本区，名单未更新  " },
        { ruleId: "X10.3", rowKey: idOf(second), text: "待查" },
        { ruleId: "X10.2", rowKey: idOf(third), text: "在两区之间转学" },
      ],
    };
    const issues = unlistedIssues(explained, [finding(first), finding(second), finding(third)]);
    expect(issues.map((issue) => issue.explanation)).toEqual(["户籍已迁入本区，名单未更新", undefined, undefined]);
  });
});
