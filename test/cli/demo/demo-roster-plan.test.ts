import { describe, expect, it } from "vitest";
import { publishedProvince2019 } from "../../../shared/forms/published-2019.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { ROSTER_STAGES } from "../../../shared/roster/roster-definition.ts";
import { DEMO_ROSTER_TOKEN_PREFIX, planDemoRosters } from "../../../scripts/demo/demo-roster-plan.ts";
import { demoFormSet, demoReports } from "../../../scripts/demo/demo-reports.ts";

// npm start -- --demo: the plan of the rosters it submits before the prefectures' reports.
const counties = reportingTree.root.children.flatMap((prefecture) => prefecture.children);

describe("planDemoRosters", () => {
  it("gives each of the 137 counties its own clerk and its roster, counting what the prefectures' 教扶01 rows say", () => {
    const plan = planDemoRosters(reportingTree, "2019", new Set());
    expect(plan.steps).toHaveLength(137);
    expect(plan.steps.map((step) => step.roster.unitCode).sort()).toEqual(counties.map((county) => county.code).sort());
    for (const { token, roster } of plan.steps) {
      expect(token).toEqual({ role: "clerk", unitCode: roster.unitCode, name: expect.stringMatching(new RegExp(`^${DEMO_ROSTER_TOKEN_PREFIX}.+填报员$`)) });
      expect(roster.period).toBe("2019");
    }
    // What the demo's prefecture reports type in 教扶01, summed over their county rows.
    const typed = Object.fromEntries(ROSTER_STAGES.map((stage) => [stage.countField, 0]));
    for (const report of demoReports(demoFormSet, reportingTree))
      for (const row of report.sheets["教扶01"] ?? []) for (const field of Object.keys(typed)) typed[field]! += Number(row.values[field] ?? 0);
    expect(plan.provinceCounts).toEqual(typed);
  });

  it("counts the published 15,003 / 128,499 / 17,696 / 11,698 / 27,937 = 200,833, the figures the pull still gives", () => {
    const { provinceCounts } = planDemoRosters(reportingTree, "2019", new Set());
    const published = publishedProvince2019["教扶01"]!;
    expect(provinceCounts).toEqual({ E01_PRE: 15003, E01_CMP: 128499, E01_GHS: 17696, E01_SVE: 11698, E01_HED: 27937 });
    for (const [field, count] of Object.entries(provinceCounts)) expect(count).toBe(published[field]);
    expect(Object.values(provinceCounts).reduce((sum, count) => sum + count, 0)).toBe(published.E01_TOT);
  });

  it("leaves out the counties that already have a roster (a restart adds no revision), still counting the whole province", () => {
    const done = new Set(counties.slice(0, 100).map((county) => county.code));
    const plan = planDemoRosters(reportingTree, "2019", done);
    expect(plan.steps.map((step) => step.roster.unitCode)).toEqual(counties.slice(100).map((county) => county.code));
    expect(planDemoRosters(reportingTree, "2019", new Set(counties.map((county) => county.code))).steps).toEqual([]);
    expect(Object.values(plan.provinceCounts).reduce((sum, count) => sum + count, 0)).toBe(200_833);
  });
});
