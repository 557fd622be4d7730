import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, auditActions, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import { jinan, openPeriod, reportOf, submitOk, submitRequest, usePeriod2019 } from "./submission-client.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import { currentFormSet } from "../support/current-form-set.ts";

const unit = (code: string) => reportingTree.unit(code) as ReportingUnit;

// 催报: whoever a unit reports to reminds it while it owes its report; the unit's clerk sees the
// reminder until the unit submits; completeness counts them and says who holds a prefecture up.

const { clerk, province, admin } = usePeriod2019();

interface Reminder {
  unitCode: string;
  sentAt: string;
  sentByName: string;
  note: string | null;
  pending: boolean;
}

const remind = (token: string, unitCode: string, note?: string, period = "2019") =>
  api(`/periods/${period}/units/${unitCode}/reminders`, jsonRequest("POST", note === undefined ? {} : { note }, token));
const remindersOf = async (token: string, unitCode: string, period = "2019") =>
  ((await (await api(`/periods/${period}/units/${unitCode}/reminders`, bearer(token))).json()) as { reminders: Reminder[] }).reminders;
const reminderRows = async () => (await env.DB.prepare("SELECT count(*) AS n FROM reminders").first<{ n: number }>())?.n ?? -1;

describe("催报", () => {
  it("the province reminds a prefecture that owes its report: recorded, audited, counted, shown to its clerk until it submits", async () => {
    const response = await remind(province.token, "370100", "请于 1 月 20 日前报送");
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ unitCode: "370100", note: "请于 1 月 20 日前报送", pending: true });
    expect(await auditActions("period:2019/prefecture:370100")).toEqual(["reminder.send"]);

    expect(await remindersOf(clerk.token, "370100")).toEqual([expect.objectContaining({ pending: true, note: "请于 1 月 20 日前报送" })]);
    const completeness = (await (await api("/periods/2019/completeness", bearer(province.token))).json()) as {
      units: { unitCode: string; reminders: { count: number; lastAt: string | null } }[];
    };
    expect(completeness.units.find((line) => line.unitCode === "370100")?.reminders).toMatchObject({ count: 1, lastAt: expect.any(String) });
    expect(completeness.units.find((line) => line.unitCode === "370200")?.reminders).toEqual({ count: 0, lastAt: null });

    await submitOk(clerk.token, reportOf(jinan));
    expect(await remindersOf(clerk.token, "370100")).toEqual([expect.objectContaining({ pending: false })]);
    // Owing nothing, it is not reminded: 409, and nothing is written.
    const rows = await reminderRows();
    await expectProblem(await remind(province.token, "370100"), 409);
    expect(await reminderRows()).toBe(rows);
  });

  it("only whoever the unit reports to may remind it: a prefecture's clerk its counties, the province its prefectures", async () => {
    const lixia = await createToken("clerk", "370102");
    const qingdao = await createToken("clerk", "370200");
    expect((await remind(clerk.token, "370102", "历下区请尽快报送")).status).toBe(201);
    await expectProblem(await remind(province.token, "370102"), 403);
    await expectProblem(await remind(qingdao.token, "370102"), 403);
    await expectProblem(await remind(lixia.token, "370102"), 403);
    await expectProblem(await remind(admin.token, "370300"), 403);
    expect(await remindersOf(lixia.token, "370102")).toEqual([expect.objectContaining({ sentByName: expect.any(String), pending: true })]);
    await expectProblem(await api("/periods/2019/units/370102/reminders", bearer(qingdao.token)), 403);
  });

  it("reminds every late one at once, skipping those that owe nothing; a stranger in the list refuses the whole request", async () => {
    await openPeriod("2031");
    const qingdao = await createToken("clerk", "370200");
    await submitOk(qingdao.token, reportOf(unit("370200"), 1, "2031"), { period: "2031" });
    const body = (unitCodes: string[]) => jsonRequest("POST", { unitCodes, note: "全部逾期单位请报送" }, province.token);
    const outcome = (await (await api("/periods/2031/reminders", body(["370200", "370300", "370400"]))).json()) as {
      reminded: Reminder[];
      alreadySubmitted: string[];
    };
    expect(outcome.reminded.map((reminder) => reminder.unitCode)).toEqual(["370300", "370400"]);
    expect(outcome.alreadySubmitted).toEqual(["370200"]);
    const rows = await reminderRows();
    await expectProblem(await api("/periods/2031/reminders", body(["370500", "370102"])), 403);
    expect(await reminderRows()).toBe(rows);
  });

  it("says which counties hold a prefecture up once their deadline has passed", async () => {
    await openPeriod("2032", "2020-01-31");
    await api("/periods/2032", jsonRequest("PATCH", { levelDeadlines: { county: "2020-01-15" } }, admin.token));
    const lixia = await createToken("clerk", "370102");
    const jinanReport = reportOf(jinan, 1, "2032");
    await submitOk(lixia.token, childReportOf(currentFormSet, jinanReport, unit("370102"), { cover: jinanReport.sheets["封面"]?.[0] }), { period: "2032" });
    const completeness = (await (await api("/periods/2032/completeness", bearer(province.token))).json()) as {
      units: { unitCode: string; waitingOn: string[] }[];
    };
    const jinanLine = completeness.units.find((line) => line.unitCode === "370100");
    expect(jinanLine?.waitingOn).toEqual(jinan.children.filter((county) => county.code !== "370102").map((county) => county.code));
  });

  it("a reminder racing the unit's submission: written before it (and then not pending) or refused, never both pending and submitted", async () => {
    for (let round = 0; round < 8; round++) {
      const period = String(2050 + round);
      await openPeriod(period);
      const [submitted, reminded] = await Promise.all([
        submitRequest(clerk.token, reportOf(jinan, 1, period), { period }),
        remind(province.token, "370100", undefined, period),
      ]);
      expect(submitted.status).toBe(201);
      expect([201, 409]).toContain(reminded.status);
      const stored = await remindersOf(clerk.token, "370100", period);
      expect(stored).toHaveLength(reminded.status === 201 ? 1 : 0);
      expect(stored.every((reminder) => !reminder.pending)).toBe(true);
      expect((await auditActions(`period:${period}/prefecture:370100`)).filter((action) => action === "reminder.send")).toHaveLength(stored.length);
    }
  });
});
