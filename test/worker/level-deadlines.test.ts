// A unit sees its level's deadline (issue 23, items 3 and 4), inside workerd on a real local D1: a
// county clerk's period and completeness answers carry the county deadline, not the period's; and
// the period's deadline cannot be moved before a county deadline set earlier.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { isDeadlineOrderError, levelDeadlineStatement, updateDeadlineStatement } from "../../worker/db/periods-repository.ts";
import { api, auditActions, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { jinan, openPeriod, reportOf, submitOk } from "./submission-client.ts";

let admin: TestToken;
let jinanClerk: TestToken;
let lixiaClerk: TestToken;
beforeAll(async () => {
  await openPeriod("2019", "2999-12-31");
  admin = await createToken("admin");
  jinanClerk = await createToken("clerk", "370100");
  lixiaClerk = await createToken("clerk", "370102");
});

const patch = (body: unknown) => api("/periods/2019", jsonRequest("PATCH", body, admin.token));
const json = async (path: string, token: string) => (await (await api(path, bearer(token))).json()) as Record<string, unknown>;

describe("the deadline a unit sees", () => {
  it("is its level's: a county clerk's period and completeness answers carry the county deadline, and 逾期 follows it", async () => {
    expect((await patch({ levelDeadlines: { county: "2020-01-15" } })).status).toBe(200);

    expect(await json("/periods/2019/units/370102", lixiaClerk.token)).toMatchObject({ unitCode: "370102", deadline: "2020-01-15" });
    // The prefecture's clerk asking about one of its counties sees the county's deadline too; about itself, the period's.
    expect(await json("/periods/2019/units/370102", jinanClerk.token)).toMatchObject({ deadline: "2020-01-15" });
    expect(await json("/periods/2019/units/370100", jinanClerk.token)).toMatchObject({ deadline: "2999-12-31" });

    // The county clerk's completeness: the county itself, 逾期 against the county deadline (the period's is far off).
    expect(await json("/periods/2019/completeness", lixiaClerk.token)).toEqual({
      period: "2019",
      deadline: "2020-01-15",
      units: [expect.objectContaining({ unitCode: "370102", status: "逾期", overdue: true, revision: 0 })],
    });
    expect(await json("/periods/2019/completeness", jinanClerk.token)).toMatchObject({
      deadline: "2999-12-31",
      units: [{ unitCode: "370100", status: "未报", overdue: false }],
    });
  });
});

describe("迟报: submitted after the level's deadline", () => {
  it("is a second fact beside 已报, against the county deadline for a county, for the county's clerk and its prefecture's", async () => {
    expect((await patch({ deadline: "2999-12-31", levelDeadlines: { county: "2020-01-15" } })).status).toBe(200);
    const prefectureReport = reportOf(jinan);
    const lixia = reportingTree.unit("370102")!;
    await submitOk(lixiaClerk.token, childReportOf(currentFormSet, prefectureReport, lixia, { cover: prefectureReport.sheets["封面"]?.[0] }));
    // Submitted now, long after the county deadline of 2020-01-15: 已报, no longer owing, but late.
    const late = { unitCode: "370102", status: "已报", overdue: false, late: true, revision: 1 };
    expect(await json("/periods/2019/completeness", lixiaClerk.token)).toMatchObject({ deadline: "2020-01-15", units: [late] });
    const counties = (await json("/periods/2019/units/370100/completeness", jinanClerk.token)) as { units: Record<string, unknown>[] };
    expect(counties.units.find((unit) => unit.unitCode === "370102")).toMatchObject(late);
    // A county that has not submitted is 逾期 and owes, not late; the prefecture, before the period's deadline, neither.
    expect(counties.units.find((unit) => unit.unitCode === "370103")).toMatchObject({ status: "逾期", overdue: true, late: false });
    await submitOk(jinanClerk.token, prefectureReport);
    expect(await json("/periods/2019/completeness", jinanClerk.token)).toMatchObject({ units: [{ status: "已报", overdue: false, late: false }] });
  });
});

describe("the period's deadline", () => {
  it("cannot move before a county deadline: 422 naming both dates, nothing written", async () => {
    await patch({ deadline: "2020-01-31", levelDeadlines: { county: "2020-01-20" } });
    const auditRows = (await auditActions("period:2019")).length;

    const refused = await expectProblem(await patch({ deadline: "2020-01-10" }), 422);
    expect(refused.detail).toContain("2020-01-10");
    expect(refused.detail).toContain("2020-01-20");
    expect(refused.errors?.[0]).toMatchObject({ field: "deadline", code: "before_level_deadline" });
    const stored = await env.DB.prepare("SELECT deadline FROM periods WHERE code = '2019'").first<{ deadline: string }>();
    expect(stored?.deadline).toBe("2020-01-31");
    expect(await auditActions("period:2019")).toHaveLength(auditRows);

    // The other direction, as before: a county deadline after the period's.
    const late = await expectProblem(await patch({ levelDeadlines: { county: "2020-02-10" } }), 422);
    expect(late.errors?.[0]).toMatchObject({ field: "levelDeadlines.county", code: "after_period_deadline" });

    // Both moved in one request, earlier together: allowed, whichever is written first.
    const earlier = await patch({ deadline: "2020-01-10", levelDeadlines: { county: "2020-01-05" } });
    expect(await earlier.json()).toMatchObject({ deadline: "2020-01-10", levelDeadlines: { county: "2020-01-05" } });
    const later = await patch({ deadline: "2020-03-01", levelDeadlines: { county: "2020-02-20" } });
    expect(await later.json()).toMatchObject({ deadline: "2020-03-01", levelDeadlines: { county: "2020-02-20" } });
  });

  it("is held in the statement that writes it: an UPDATE racing past the request's check changes nothing", async () => {
    // A county deadline written behind the request's back (as a concurrent PATCH would): the period's
    // deadline statement itself refuses to pass it.
    await env.DB.prepare("UPDATE period_level_deadlines SET deadline = '2020-02-25' WHERE period_code = '2019' AND level = 'county'").run();
    const refusal = (statement: D1PreparedStatement) =>
      env.DB.batch([statement]).then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isDeadlineOrderError(await refusal(updateDeadlineStatement(env.DB, "2019", "2020-02-01")))).toBe(true);
    // Nor may a county deadline pass the period's in its statement.
    expect(isDeadlineOrderError(await refusal(levelDeadlineStatement(env.DB, "2019", "county", "2020-03-05")))).toBe(true);
    const stored = await env.DB.prepare("SELECT deadline FROM periods WHERE code = '2019'").first<{ deadline: string }>();
    expect(stored?.deadline).toBe("2020-03-01");
    const county = await env.DB.prepare("SELECT deadline FROM period_level_deadlines WHERE period_code = '2019'").first<{ deadline: string }>();
    expect(county?.deadline).toBe("2020-02-25");
  });
});
