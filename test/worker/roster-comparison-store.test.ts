import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ProvinceComparison } from "../../shared/api/roster-comparison.ts";
import { pendingCounties, readCurrentFigures, storeFiguresStatements } from "../../worker/db/roster-comparison-store.ts";
import { computedFigures, provinceCounties, recomputePendingCounties } from "../../worker/services/comparison-figures.ts";
import { consumeConsolidationBatch } from "../../worker/services/consolidation-queue.ts";
import { provinceRosterComparison } from "../../worker/services/roster-comparison.ts";
import { api, bearer, createToken } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { listCsv, listRowsOf, newPeople, uploadList } from "./poverty-list-client.ts";
import { countyRoster, submitRosterOk, submitRosterRequest } from "./roster-client.ts";
import { rosterBodyOf } from "../../shared/api/rosters.ts";
import { openPeriod } from "./submission-client.ts";

// 比对 stored (issue 29, migration 0018): the figures the queue keeps per county must equal the
// comparison computed from the rosters and the list, after roster submits, a list replaced and racing
// submits; a read never serves a county's figures once a newer change of it is recorded; one county's
// new roster recomputes that county alone.

const period = "2019";
const lixia = "370102";
const shizhong = "370103";
const tokens: Record<string, TestToken> = {};

/** The stored figures of the counties that have any, against the same counties computed from the rosters and the list. */
async function expectStoredEqualsOnRead(): Promise<number> {
  const current = await readCurrentFigures(env.DB, period, null);
  const counties = provinceCounties.filter((county) => current.has(county));
  const { figures } = await computedFigures(env.DB, period, counties);
  expect(counties.map((county) => current.get(county))).toEqual(figures);
  return counties.length;
}

/** What the API answers the province, against the comparison computed on read at the same moment. */
async function expectReadEqualsOnRead(): Promise<ProvinceComparison> {
  const response = await api(`/periods/${period}/roster-comparison`, bearer(tokens.province!.token));
  expect(response.status).toBe(200);
  const served = (await response.json()) as ProvinceComparison;
  expect(served).toEqual(await provinceRosterComparison(env.DB, period, "on-read"));
  return served;
}

const computedAtOf = async () => {
  const { results } = await env.DB.prepare("SELECT county_code, computed_at FROM roster_comparison_counties WHERE period_code = ?1")
    .bind(period)
    .all<{ county_code: string; computed_at: string }>();
  return new Map(results.map((row) => [row.county_code, row.computed_at]));
};

const changedCountiesOf = async (rosterId: number) => {
  const { results } = await env.DB.prepare("SELECT county_code FROM roster_comparison_changes WHERE source = ?1 ORDER BY county_code")
    .bind(`roster ${rosterId}`)
    .all<{ county_code: string }>();
  return results.map((row) => row.county_code);
};

const latestRosterId = async (unitCode: string) =>
  (await env.DB.prepare("SELECT max(id) AS id FROM roster_revisions WHERE period_code = ?1 AND unit_code = ?2").bind(period, unitCode).first<{ id: number }>())!
    .id;

const lixiaRoster = countyRoster(lixia, 50, 41);
const shizhongRoster = countyRoster(shizhong, 30, 42);

beforeAll(async () => {
  await openPeriod(period);
  for (const unit of [lixia, shizhong]) tokens[unit] = await createToken("clerk", unit);
  tokens.province = await createToken("province");
});

describe("the stored comparison", () => {
  it("equals the comparison on read after roster submits, only the counties that changed stored", async () => {
    await submitRosterOk(tokens[lixia]!.token, lixiaRoster);
    await submitRosterOk(tokens[shizhong]!.token, shizhongRoster);
    await recomputePendingCounties(env.DB, period);
    expect(await pendingCounties(env.DB, period)).toEqual([]);
    expect([...(await computedAtOf()).keys()].sort()).toEqual([lixia, shizhong]);
    expect(await expectStoredEqualsOnRead()).toBe(2);
    expect((await expectReadEqualsOnRead()).province).toMatchObject({ roster: 80, list: 0, verified: 0 });
  });

  it("serves no stale figure after the list is replaced: the read computes, the recompute stores every county", async () => {
    // 历下区 without its first 5 students, 3 people on no roster; 市中区 whole; one of 历下区's students registered in 市中区.
    const lixiaRows = listRowsOf(lixiaRoster);
    const rows = [...lixiaRows.slice(5, 49), ...newPeople(lixia, 3), ...listRowsOf(shizhongRoster), { ...lixiaRows[49]!, county: shizhong }];
    expect((await uploadList(tokens.province!.token, listCsv(rows))).status).toBe(201);
    const { results } = await env.DB.prepare(
      "SELECT county_code FROM roster_comparison_changes WHERE source = 'list ' || (SELECT max(id) FROM poverty_list_uploads WHERE period_code = ?1)",
    )
      .bind(period)
      .all<{ county_code: string }>();
    expect(results.map((row) => row.county_code)).toEqual(expect.arrayContaining([...provinceCounties]));
    const served = await expectReadEqualsOnRead();
    expect(served.counties.find((county) => county.unitCode === lixia)).toMatchObject({ roster: 50, list: 47, verified: 45, rosterOnly: 5, listOnly: 3 });
    expect(served.counties.find((county) => county.unitCode === shizhong)).toMatchObject({ roster: 30, list: 31, verified: 30, listOnly: 0 });
    await recomputePendingCounties(env.DB, period);
    expect(await expectStoredEqualsOnRead()).toBe(provinceCounties.length);
    await expectReadEqualsOnRead();
  });

  it("records a roster's change for the counties it may change: its own, and where the list has its people", async () => {
    const without = structuredClone(lixiaRoster);
    without.rows = without.rows.slice(0, 49);
    await submitRosterOk(tokens[lixia]!.token, without);
    // The student left out is on the list under 市中区: 市中区's 库有、名册无 grows by one.
    expect(await changedCountiesOf(await latestRosterId(lixia))).toEqual([lixia, shizhong]);
    const served = await expectReadEqualsOnRead();
    expect(served.counties.find((county) => county.unitCode === shizhong)).toMatchObject({ list: 31, listOnly: 1 });
    await recomputePendingCounties(env.DB, period);
    await expectStoredEqualsOnRead();
  });

  it("recomputes only the county whose new roster changed nothing elsewhere", async () => {
    await recomputePendingCounties(env.DB, period);
    const before = await computedAtOf();
    const again = structuredClone(lixiaRoster);
    again.rows = again.rows.slice(10, 49);
    await submitRosterOk(tokens[lixia]!.token, again);
    expect(await changedCountiesOf(await latestRosterId(lixia))).toEqual([lixia]);
    // The queue's consumer may have got there first; either way only 历下区's row was rewritten.
    await recomputePendingCounties(env.DB, period);
    const after = await computedAtOf();
    const rewritten = [...after].filter(([county, at]) => before.get(county) !== at).map(([county]) => county);
    expect(rewritten).toEqual([lixia]);
    await expectStoredEqualsOnRead();
  });

  it("holds through two racing submits with a recompute and a read between them", async () => {
    const first = structuredClone(lixiaRoster);
    first.rows = first.rows.slice(0, 20);
    const second = structuredClone(lixiaRoster);
    second.rows = second.rows.slice(20, 50);
    const [a, b] = await Promise.all([
      submitRosterRequest(tokens[lixia]!.token, rosterBodyOf(first), { unitCode: lixia }),
      submitRosterRequest(tokens[lixia]!.token, rosterBodyOf(second), { unitCode: lixia }),
      recomputePendingCounties(env.DB, period),
      api(`/periods/${period}/roster-comparison`, bearer(tokens.province!.token)),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    await expectReadEqualsOnRead();
    await recomputePendingCounties(env.DB, period);
    await expectStoredEqualsOnRead();
  });

  it("keeps a late write of an older read from replacing newer figures, and serves neither once stale", async () => {
    await recomputePendingCounties(env.DB, period);
    const older = await computedFigures(env.DB, period, [lixia]);
    await submitRosterOk(tokens[lixia]!.token, lixiaRoster);
    // Written after the new roster, from a read before it: whatever it writes is not current (a change is newer).
    await env.DB.batch(storeFiguresStatements(env.DB, period, older, "2019-12-01T00:00:00.000Z"));
    expect((await readCurrentFigures(env.DB, period, [lixia])).has(lixia)).toBe(false);
    expect((await expectReadEqualsOnRead()).counties.find((county) => county.unitCode === lixia)).toMatchObject({ roster: 50 });
    await recomputePendingCounties(env.DB, period);
    // The older read again, later still: the statement keeps the newer row.
    await env.DB.batch(storeFiguresStatements(env.DB, period, older, "2019-12-02T00:00:00.000Z"));
    expect((await readCurrentFigures(env.DB, period, [lixia])).get(lixia)?.roster.reduce((sum, n) => sum + n, 0)).toBe(50);
    expect((await computedAtOf()).get(lixia)).not.toMatch(/^2019-12-0/);
    await expectStoredEqualsOnRead();
  });

  it("is recomputed by the queue's one consumer on a message of kind comparison", async () => {
    await submitRosterOk(tokens[shizhong]!.token, countyRoster(shizhong, 25, 43));
    let retried = false;
    const batch = { messages: [{ body: { period, kind: "comparison" } }], retryAll: () => (retried = true) } as unknown as MessageBatch<unknown>;
    await consumeConsolidationBatch(batch, env);
    expect(retried).toBe(false);
    expect(await pendingCounties(env.DB, period)).toEqual([]);
    expect((await readCurrentFigures(env.DB, period, [shizhong])).get(shizhong)?.roster.reduce((sum, n) => sum + n, 0)).toBe(25);
    await expectStoredEqualsOnRead();
  });

  it("leaves a recompute past the invocation's D1 queries to the next, nudged again, its changes still recorded", async () => {
    await submitRosterOk(tokens[shizhong]!.token, countyRoster(shizhong, 20, 44));
    const sent: unknown[] = [];
    const batch = { messages: [{ body: { period, kind: "comparison" } }], retryAll: () => {} } as unknown as MessageBatch<unknown>;
    const starved = { ...env, D1_QUERIES_PER_INVOCATION: "3", CONSOLIDATION: { send: async (body: unknown) => void sent.push(body) } } as unknown as Env;
    const before = (await computedAtOf()).get(shizhong);
    await consumeConsolidationBatch(batch, starved);
    expect(sent).toEqual([{ period, kind: "comparison" }]);
    expect((await computedAtOf()).get(shizhong) === before || (await pendingCounties(env.DB, period)).length === 0).toBe(true);
    await consumeConsolidationBatch(batch, env);
    expect(await pendingCounties(env.DB, period)).toEqual([]);
    await expectStoredEqualsOnRead();
  });

  it("counts the 名册有、库无 a county explained (X10.3), stored as on read; the next revision's explanations replace the count", async () => {
    const licheng = "370112";
    tokens[licheng] = await createToken("clerk", licheng);
    // 历城区's students are on no list row: every one is 名册有、库无; two explained, a third too briefly (not kept as explained).
    const roster = countyRoster(licheng, 12, 45);
    const idOf = (position: number) => String(roster.rows[position]!.values.E10_ID);
    const explain = (...positions: number[]) =>
      positions.map((position) => ({ ruleId: "X10.3", rowKey: idOf(position), text: "户籍已迁入本区，名单尚未更新" }));
    roster.explanations = [...explain(2, 5), { ruleId: "X10.3", rowKey: idOf(8), text: "待查" }];
    await submitRosterOk(tokens[licheng]!.token, roster);
    const countyOf = (comparison: ProvinceComparison) => comparison.counties.find((county) => county.unitCode === licheng);
    expect(countyOf(await expectReadEqualsOnRead())).toMatchObject({ roster: 12, verified: 0, rosterOnly: 12, rosterOnlyExplained: 2 });
    await expectStoredEqualsOnRead();
    // The next revision explains three others: the count follows it (the stored figures are not served stale).
    roster.explanations = explain(0, 1, 9);
    await submitRosterOk(tokens[licheng]!.token, roster);
    const served = await expectReadEqualsOnRead();
    expect(countyOf(served)).toMatchObject({ rosterOnly: 12, rosterOnlyExplained: 3 });
    expect(served.prefectures.find((prefecture) => prefecture.unitCode === "370100")!.rosterOnlyExplained).toBe(3);
    expect(served.province.rosterOnlyExplained).toBe(3);
    await expectStoredEqualsOnRead();
  });

  it("stores counts only", async () => {
    const { results } = await env.DB.prepare("SELECT * FROM roster_comparison_counties").all<Record<string, unknown>>();
    const stages = await env.DB.prepare("SELECT * FROM roster_comparison_stages").all<Record<string, unknown>>();
    for (const row of [...results, ...stages.results])
      for (const [column, value] of Object.entries(row))
        if (!["period_code", "county_code", "computed_at"].includes(column)) expect(value === null || Number.isInteger(value), column).toBe(true);
  });
});
