import type { CreateTokenBody } from "../../shared/api/api-client.ts";
import { ROSTER_STAGES } from "../../shared/roster/roster-definition.ts";
import type { RosterData } from "../../shared/roster/roster-data.ts";
import type { UnitTree } from "../../shared/units/unit-tree.ts";
import { demoRosters } from "./demo-rosters.ts";

// What `npm start -- --demo` does for the rosters: each county's clerk submits its synthetic roster
// (scripts/demo/demo-rosters.ts) before the prefectures submit their reports, so the province's 教扶01
// is the rosters' counts; a county that already has a roster in the local D1 (an earlier start) is
// left alone, so a restart adds no revision.

/** Names of the one-use county clerk tokens the demo makes for the rosters (revoked once used). */
export const DEMO_ROSTER_TOKEN_PREFIX = "演示·名册·";

export interface DemoRosterStep {
  /** The county clerk's token to make (admin API), used for this roster only. */
  token: CreateTokenBody;
  roster: RosterData;
}

export interface DemoRosterPlan {
  steps: DemoRosterStep[];
  /** Every county's roster counted by 教扶01 stage field, summed over the province: what its 教扶01 must show. */
  provinceCounts: Record<string, number>;
}

/** The rosters to submit for the period: one per county of the tree that has none yet (`withRoster`). */
export function planDemoRosters(tree: UnitTree, period: string, withRoster: ReadonlySet<string>): DemoRosterPlan {
  const rosters = demoRosters(tree, period);
  const provinceCounts = Object.fromEntries(ROSTER_STAGES.map((stage) => [stage.countField, 0]));
  const fieldOf = new Map(ROSTER_STAGES.map((stage) => [stage.labelZh, stage.countField]));
  for (const roster of rosters)
    for (const row of roster.rows) {
      const field = fieldOf.get(String(row.values.E10_STAGE));
      if (field) provinceCounts[field] = (provinceCounts[field] ?? 0) + 1;
    }
  const steps = rosters
    .filter((roster) => !withRoster.has(roster.unitCode))
    .map((roster) => ({
      token: {
        role: "clerk" as const,
        unitCode: roster.unitCode,
        name: `${DEMO_ROSTER_TOKEN_PREFIX}${tree.unit(roster.unitCode)?.name ?? roster.unitCode}填报员`,
      },
      roster,
    }));
  return { steps, provinceCounts };
}
