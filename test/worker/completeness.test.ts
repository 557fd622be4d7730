import { beforeAll, describe, expect, it } from "vitest";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { completenessStatus, deadlinePassed, isOverdue } from "../../worker/services/completeness.ts";
import type { SubmissionRecord } from "../../worker/db/submissions-repository.ts";
import { api, bearer, createToken, expectProblem } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { jinan, openPeriod, qingdao, reportOf, review, submitOk } from "./submission-client.ts";

interface Completeness {
  period: string;
  deadline: string | null;
  units: {
    unitCode: string;
    name: string;
    status: string;
    revision: number;
    submittedAt: string | null;
    latestStatus: string | null;
    overdue: boolean;
  }[];
}

let province: TestToken;
const zibo = reportingTree.unit("370300")!;
beforeAll(async () => {
  province = await createToken("province");
});

const completeness = async (period: string, token: string) => (await (await api(`/periods/${period}/completeness`, bearer(token))).json()) as Completeness;

describe("GET /periods/{period}/completeness", () => {
  it("before the deadline: 未报 / 已报 / 退回 / 通过, with revision count and time", async () => {
    await openPeriod("2019", "2999-12-31");
    const clerks = await Promise.all(["370100", "370200", "370300"].map((code) => createToken("clerk", code)));
    await submitOk(clerks[0]!.token, reportOf(jinan));
    await submitOk(clerks[1]!.token, reportOf(qingdao));
    await submitOk(clerks[2]!.token, reportOf(zibo));
    await review(province.token, "2019", "370200", 1, { action: "return", comment: "请核实" });
    await review(province.token, "2019", "370300", 1, { action: "accept" });

    const result = await completeness("2019", province.token);
    expect(result).toMatchObject({ period: "2019", deadline: "2999-12-31" });
    expect(result.units).toHaveLength(16);
    const byCode = new Map(result.units.map((entry) => [entry.unitCode, entry]));
    expect(byCode.get("370100")).toMatchObject({ name: "济南市", status: "已报", revision: 1, latestStatus: "submitted", submittedAt: expect.any(String) });
    expect(byCode.get("370200")).toMatchObject({ status: "退回", revision: 1, latestStatus: "returned" });
    expect(byCode.get("370300")).toMatchObject({ status: "通过", revision: 1, latestStatus: "accepted" });
    expect(byCode.get("370400")).toMatchObject({ status: "未报", revision: 0, latestStatus: null, submittedAt: null });

    const own = await completeness("2019", clerks[0]!.token);
    expect(own.units.map((entry) => entry.unitCode)).toEqual(["370100"]);
    await expectProblem(await api("/periods/1999/completeness", bearer(province.token)), 404);
  });

  it("after the deadline: not submitted is 逾期; returned and not resubmitted stays 退回 and is overdue — two facts, neither hiding the other", async () => {
    await openPeriod("2018", "2019-01-31");
    const clerk = await createToken("clerk", "370100");
    const early = { ...reportOf(jinan, 1, "2018") };
    await submitOk(clerk.token, early, { period: "2018" });
    await review(province.token, "2018", "370100", 1, { action: "return", comment: "请核实" });
    const byCode = new Map((await completeness("2018", province.token)).units.map((entry) => [entry.unitCode, [entry.status, entry.overdue]]));
    expect(byCode.get("370100")).toEqual(["退回", true]);
    expect(byCode.get("370200")).toEqual(["逾期", true]);
  });

  it("the deadline is a whole day in Beijing time", () => {
    expect(deadlinePassed("2020-01-31", new Date("2020-01-31T15:59:59.999Z"))).toBe(false);
    expect(deadlinePassed("2020-01-31", new Date("2020-01-31T16:00:00Z"))).toBe(true);
    expect(deadlinePassed(null, new Date("2100-01-01T00:00:00Z"))).toBe(false);
    const latest = (status: SubmissionRecord["status"]) => ({ status }) as SubmissionRecord;
    const after = new Date("2020-02-01T00:00:00Z");
    expect([undefined, latest("submitted"), latest("returned"), latest("accepted")].map((entry) => completenessStatus(entry, "2020-01-31", after))).toEqual([
      "逾期",
      "已报",
      "退回",
      "通过",
    ]);
    expect([undefined, latest("submitted"), latest("returned"), latest("accepted")].map((entry) => isOverdue(entry, "2020-01-31", after))).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});
