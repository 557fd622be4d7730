import { submitRosterData } from "../../shared/api/submit-roster-data.ts";
import { ApiClient } from "../../shared/api/api-client.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { DEMO_ROSTER_TOKEN_PREFIX, planDemoRosters } from "./demo-roster-plan.ts";
import type { DemoRosterPlan } from "./demo-roster-plan.ts";

/** Runs work over items, `size` at a time. */
async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(work));
}

/**
 * --demo: each county without a roster yet gets a one-use clerk token (admin API), submits its
 * synthetic roster through the CLI's code (names stripped, IDs hashed on arrival), and the token is
 * revoked. Then the period requires rosters (X10.1), so the prefectures' reports that follow are
 * checked against them and their templates carry the counts. Returns the plan, for the check after the pull.
 */
export async function submitDemoRosters(
  baseUrl: string,
  tokens: { admin: string; province: string },
  period: string,
  say: (line: string) => void,
): Promise<DemoRosterPlan> {
  const admin = new ApiClient(baseUrl, tokens.admin);
  const province = new ApiClient(baseUrl, tokens.province);
  const counties = reportingTree.root.children.flatMap((prefecture) => prefecture.children);
  const withRoster = new Set<string>();
  await inBatches(counties, 8, async (county) => {
    if ((await province.rosterRevisions(period, county.code)).length > 0) withRoster.add(county.code);
  });
  const plan = planDemoRosters(reportingTree, period, withRoster);
  let students = 0;
  await inBatches(plan.steps, 4, async ({ token, roster }) => {
    const created = await admin.createToken(token);
    try {
      await submitRosterData(new ApiClient(baseUrl, created.token), roster);
      students += roster.rows.length;
    } finally {
      await admin.revokeToken(created.id);
    }
  });
  say(
    `--demo: ${plan.steps.length} 个县(市、区)报送名册 ${students} 名学生,${withRoster.size} 个已有名册 / ${plan.steps.length} county rosters submitted (${students} students), ${withRoster.size} already there (one-use tokens ${DEMO_ROSTER_TOKEN_PREFIX}…, revoked)`,
  );
  await admin.updatePeriod(period, { requireRoster: true });
  return plan;
}

/** The province's 教扶01 stage totals from the pull against the rosters' counts: one line saying whether they agree. */
export async function compareWithRosters(baseUrl: string, provinceToken: string, period: string, plan: DemoRosterPlan): Promise<string> {
  const api = new ApiClient(baseUrl, provinceToken);
  let consolidated = await api.consolidated(period);
  // The totals follow the reports through the queue: wait (up to 30 s) until none is pending.
  for (let attempt = 0; consolidated.freshness.pendingChanges > 0 && attempt < 60; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    consolidated = await api.consolidated(period);
  }
  const provinceRow = consolidated.sheets["教扶01"]?.find((row) => row.level === "province");
  const fields = Object.keys(plan.provinceCounts);
  const pulled = fields.map((field) => provinceRow?.values[field] ?? null);
  const listed = fields.map((field) => plan.provinceCounts[field] ?? 0);
  const agree = pulled.every((value, index) => value === listed[index]);
  return agree
    ? `--demo: 全省教扶01与名册人数一致 / the province's 教扶01 equals the rosters' counts: ${listed.join(" / ")} = ${listed.reduce((sum, value) => sum + value, 0)}`
    : `--demo: 全省教扶01 ${pulled.join(" / ")} 与名册人数 ${listed.join(" / ")} 不一致 / the province's 教扶01 differs from the rosters' counts`;
}
