// npm start -- --demo's roster half against `wrangler dev`: the 137 county rosters (200,833 synthetic
// students) go up through one-use county clerk tokens, the period then requires rosters, the 16
// prefectures' demo reports pass X10.1 on the server, and the pull's 教扶01 equals the rosters' counts:
// the published 15,003 / 128,499 / 17,696 / 11,698 / 27,937. A second run submits nothing.
import { describe, expect, it } from "vitest";
import { submitReport } from "../../cli/submit-report.ts";
import { ApiClient } from "../../shared/api/api-client.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { compareWithRosters, submitDemoRosters } from "../../scripts/demo/demo-roster-submit.ts";
import { demoFormSet, demoReports } from "../../scripts/demo/demo-reports.ts";
import { adminTokenFromScript, useWranglerDev } from "./wrangler-dev-fixture.ts";

const dev = useWranglerDev();
const period = "2019";

describe("the demo's rosters through wrangler dev", () => {
  it("submits 137 county rosters, then the reports pass X10.1 and the pull's 教扶01 equals the rosters' counts", async () => {
    const admin = await adminTokenFromScript(dev, "e2e 管理员");
    const adminApi = new ApiClient(dev.baseUrl, admin.token);
    await adminApi.openPeriod({ code: period, deadline: "2999-12-31" });
    const province = (await adminApi.createToken({ role: "province", name: "e2e 省级" })).token;
    const lines: string[] = [];
    const started = performance.now();
    const plan = await submitDemoRosters(dev.baseUrl, { admin: admin.token, province }, period, (line) => lines.push(line));
    const seconds = (performance.now() - started) / 1000;
    expect(plan.steps).toHaveLength(137);
    expect(lines.join("\n")).toContain("137 county rosters submitted (200833 students), 0 already there");

    for (const report of demoReports(demoFormSet, reportingTree)) {
      const clerk = (await adminApi.createToken({ role: "clerk", unitCode: report.unitCode, name: `e2e ${report.unitCode}` })).token;
      const { receipt } = await submitReport(new ApiClient(dev.baseUrl, clerk), report);
      expect(receipt.revision).toBe(1);
    }
    expect(await compareWithRosters(dev.baseUrl, province, period, plan)).toContain(
      "the province's 教扶01 equals the rosters' counts: 15003 / 128499 / 17696 / 11698 / 27937 = 200833",
    );
    console.log(`demo rosters: 137 counties, 200,833 students through wrangler dev in ${seconds.toFixed(1)} s`);

    const again: string[] = [];
    expect((await submitDemoRosters(dev.baseUrl, { admin: admin.token, province }, period, (line) => again.push(line))).steps).toEqual([]);
    expect(again.join("\n")).toContain("0 county rosters submitted (0 students), 137 already there");
  }, 600_000);
});
