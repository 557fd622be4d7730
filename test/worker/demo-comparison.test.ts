import { beforeAll, describe, expect, it } from "vitest";
import type { ProvinceComparison } from "../../shared/api/roster-comparison.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { demoPovertyList, povertyListCsv } from "../../scripts/demo/demo-poverty-list.ts";
import { demoRosters } from "../../scripts/demo/demo-rosters.ts";
import { api, bearer, createToken } from "./api-client.ts";
import { uploadList } from "./poverty-list-client.ts";
import { submitRosterOk } from "./roster-client.ts";
import { openPeriod } from "./submission-client.ts";

// The issue's done-when, for 济南's counties: their demo rosters submitted, the demo's list (students
// removed and people added per county, known) uploaded, and the comparison finds exactly those.

const jinanRosters = demoRosters(reportingTree).filter((roster) => roster.unitCode.startsWith("3701"));
const list = demoPovertyList(jinanRosters);
let comparison: ProvinceComparison;

beforeAll(async () => {
  await openPeriod("2019");
  for (const roster of jinanRosters) await submitRosterOk((await createToken("clerk", roster.unitCode)).token, roster);
  const province = await createToken("province");
  const upload = await uploadList(province.token, new TextEncoder().encode(povertyListCsv(list.rows)));
  expect(upload.status).toBe(201);
  comparison = (await (await api("/periods/2019/roster-comparison", bearer(province.token))).json()) as ProvinceComparison;
}, 120_000);

describe("the demo's list against the demo rosters of 济南", () => {
  it("finds, county by county, exactly the students removed (名册有库无) and the people added (库有名册无)", () => {
    expect(jinanRosters.length).toBeGreaterThanOrEqual(10);
    for (const roster of jinanRosters) {
      const { removed, added } = list.expected.get(roster.unitCode)!;
      const county = comparison.counties.find((row) => row.unitCode === roster.unitCode);
      expect(county, roster.unitCode).toMatchObject({
        roster: roster.rows.length,
        verified: roster.rows.length - removed,
        rosterOnly: removed,
        listOnly: added,
        list: roster.rows.length - removed + added,
      });
    }
  });

  it("sums them for 济南 and the province, and leaves every other county at zero", () => {
    const removed = [...list.expected.values()].reduce((sum, county) => sum + county.removed, 0);
    const added = [...list.expected.values()].reduce((sum, county) => sum + county.added, 0);
    const students = jinanRosters.reduce((sum, roster) => sum + roster.rows.length, 0);
    const jinan = comparison.prefectures.find((row) => row.unitCode === "370100");
    expect(jinan).toMatchObject({ roster: students, rosterOnly: removed, listOnly: added, verified: students - removed });
    expect(comparison.province).toMatchObject({ roster: students, rosterOnly: removed, listOnly: added });
    const others = comparison.counties.filter((county) => county.prefectureCode !== "370100");
    expect(others.every((county) => county.roster === 0 && county.list === 0)).toBe(true);
  });
});
