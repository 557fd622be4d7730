import { beforeAll, describe, expect, it } from "vitest";
import type { RosterCoverage } from "../../shared/api/rosters.ts";
import { api, createToken } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { countyRoster, submitRosterOk } from "./roster-client.ts";
import { openPeriod } from "./submission-client.ts";

// The dashboard's roster coverage (GET /periods/{period}/roster-coverage): units with a roster, the
// counties whose students they list, students and the aided share, over each unit's latest revision.

const period = "2028";
let province: TestToken;
const coverage = async (): Promise<RosterCoverage> => {
  const response = await api(`/periods/${period}/roster-coverage`, { headers: { authorization: `Bearer ${province.token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as RosterCoverage;
};

beforeAll(async () => {
  await openPeriod(period);
  province = await createToken("province");
});

describe("roster coverage", () => {
  it("is empty before any roster: no units, no students, no share", async () => {
    expect(await coverage()).toEqual({ period, units: 0, counties: 0, countiesTotal: 137, students: 0, aided: 0, aidedShare: null });
  });

  it("counts each unit's latest revision only: units, counties, students and the aided share to four decimals", async () => {
    const lixia = await createToken("clerk", "370102");
    const shizhong = await createToken("clerk", "370103");
    await submitRosterOk(lixia.token, countyRoster("370102", 300, 1, period));
    const lixiaLatest = countyRoster("370102", 1_000, 2, period);
    await submitRosterOk(lixia.token, lixiaLatest);
    const shizhongRoster = countyRoster("370103", 400, 3, period);
    await submitRosterOk(shizhong.token, shizhongRoster);
    const rows = [...lixiaLatest.rows, ...shizhongRoster.rows];
    const aided = rows.filter((row) => row.values.E10_AIDED === "是").length;
    expect(aided).toBeLessThan(rows.length); // the generator leaves a few unaided, explained
    expect(await coverage()).toEqual({
      period,
      units: 2,
      counties: 2,
      countiesTotal: 137,
      students: 1_400,
      aided,
      aidedShare: Math.round((aided / 1_400) * 10_000) / 10_000,
    });
  });

  it("answers 404 for a period that does not exist", async () => {
    const response = await api("/periods/1999/roster-coverage", { headers: { authorization: `Bearer ${province.token}` } });
    expect(response.status).toBe(404);
  });
});
