import { describe, expect, it } from "vitest";
import { publishedProvince2019 } from "../../../shared/forms/published-2019.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { birthDateOf, checkCharacterOf } from "../../../shared/roster/citizen-id.ts";
import { AIDED_NO, ROSTER_STAGES } from "../../../shared/roster/roster-definition.ts";
import { validateRoster } from "../../../shared/roster/validate-roster.ts";
import { demoRosters, demoStageCounts } from "../../../scripts/demo/demo-rosters.ts";

const rosters = demoRosters(reportingTree);
const countsOf = demoStageCounts(reportingTree);

describe("the demo's synthetic rosters", () => {
  it("give every one of the 137 counties a roster counting its 教扶01 row, stage by stage", () => {
    expect(rosters).toHaveLength(137);
    for (const roster of rosters) {
      const counted = Object.fromEntries(ROSTER_STAGES.map((stage) => [stage.countField, 0]));
      for (const row of roster.rows) {
        const stage = ROSTER_STAGES.find((candidate) => candidate.labelZh === row.values.E10_STAGE)!;
        counted[stage.countField]!++;
        expect(row.values.E10_COUNTY).toBe(roster.unitCode);
      }
      expect(counted, roster.unitCode).toEqual(countsOf.get(roster.unitCode));
    }
  });

  it("count the published 15,003 / 128,499 / 17,696 / 11,698 / 27,937 = 200,833 across the province", () => {
    const published = publishedProvince2019["教扶01"]!;
    const byStage = Object.fromEntries(ROSTER_STAGES.map((stage) => [stage.countField, 0]));
    for (const roster of rosters) for (const row of roster.rows) byStage[ROSTER_STAGES.find((stage) => stage.labelZh === row.values.E10_STAGE)!.countField]!++;
    expect(byStage).toEqual({ E01_PRE: 15003, E01_CMP: 128499, E01_GHS: 17696, E01_SVE: 11698, E01_HED: 27937 });
    for (const [field, count] of Object.entries(byStage)) expect(count).toBe(published[field]);
    expect(rosters.reduce((sum, roster) => sum + roster.rows.length, 0)).toBe(published.E01_TOT);
  });

  it("hold valid, distinct IDs across the province whose birth dates fit the stages, and pass the engine with every unaided student explained", () => {
    const ids = new Set<string>();
    let unaided = 0;
    for (const roster of rosters) {
      const result = validateRoster({ unit: reportingTree.unit(roster.unitCode)!, roster });
      expect(result.errorCount, roster.unitCode).toBe(0);
      expect(result.canSubmit, roster.unitCode).toBe(true);
      expect(result.issues.every((issue) => issue.ruleId === "R10.5")).toBe(true);
      unaided += result.warningCount;
      for (const row of roster.rows) {
        const id = row.values.E10_ID as string;
        expect(checkCharacterOf(id)).toBe(id[17]);
        expect(birthDateOf(id)).toBeDefined();
        ids.add(id);
      }
      expect(roster.explanations.length).toBe(roster.rows.filter((row) => row.values.E10_AIDED === AIDED_NO).length);
    }
    expect(ids.size).toBe(200_833);
    expect(unaided).toBeGreaterThan(500);
    expect(unaided).toBeLessThan(1_600);
  });

  it("are the same on every run", () => {
    expect(demoRosters(reportingTree).slice(0, 3)).toEqual(rosters.slice(0, 3));
  });
});
