import { describe, expect, it } from "vitest";
import { api, bearer, createToken, expectProblem } from "./api-client.ts";
import { jinan, openPeriod, reportOf, review, submitOk, usePeriod2019 } from "./submission-client.ts";
import { withValue } from "../support/sample-report.ts";

// A value's history (issue 30, item 4) on D1: the accepted value of the earlier period, every revision
// of this one with who sent it and why, the warning's explanation and the review that pointed at the cell.

const { clerk, province } = usePeriod2019();
const historyPath = (period: string, unitCode: string, cell: string) => `/periods/${period}/units/${unitCode}/history?cell=${encodeURIComponent(cell)}`;
const prinOf = (report: ReturnType<typeof reportOf>, rowKey: string) => report.sheets["教扶04"]!.find((row) => row.key === rowKey)!.values.E04_PRIN as number;

describe("GET …/history?cell=教扶04!E7", () => {
  it("shows last period's accepted value, this period's revisions, who, the reason, the explanation and the review on the cell", async () => {
    const report2019 = reportOf(jinan);
    await submitOk(clerk.token, report2019);
    expect((await review(province.token, "2019", "370100", 1, { action: "accept" })).status).toBe(200);

    await openPeriod("2020");
    const first = reportOf(jinan, 1, "2020");
    await submitOk(clerk.token, first, { period: "2020" });
    const comment = "历下区校长交流数请核实";
    await review(province.token, "2020", "370100", 1, { action: "return", comment, cells: [{ sheetCode: "教扶04", cell: "E7" }] });
    // E7 is 历下区 (370102)'s E04_PRIN: lowered below 2019's accepted figure, a cumulative warning (R04.2) to explain.
    const before = prinOf(first, "370102");
    expect(before).toBeGreaterThan(0);
    const second = {
      ...withValue(first, "教扶04", "370102", "E04_PRIN", 0),
      explanations: [{ ruleId: "R04.2", sheetCode: "教扶04", rowKey: "370102", fieldCode: "E04_PRIN", text: "2019 年误将县直校长计入，已核减" }],
    };
    await submitOk(clerk.token, second, { period: "2020", basedOnRevision: 1, resubmissionReason: "按审核意见核减校长交流数" });

    const response = await api(historyPath("2020", "370100", "教扶04!e7"), bearer(province.token));
    expect(response.status).toBe(200);
    const history = (await response.json()) as Record<string, unknown>;
    expect(history).toMatchObject({
      period: "2020",
      unitCode: "370100",
      sheetCode: "教扶04",
      cell: "E7",
      address: "教扶04!E7",
      rowKey: "370102",
      fieldCode: "E04_PRIN",
      labelZh: "其中:城镇校长到乡村学校任职、交流",
      earlier: [
        {
          period: "2019",
          revision: 1,
          status: "accepted",
          value: prinOf(report2019, "370102"),
          submittedByName: expect.any(String),
          explanations: [],
          reviews: [],
        },
      ],
      revisions: [
        {
          period: "2020",
          revision: 1,
          status: "returned",
          value: before,
          resubmissionReason: null,
          explanations: [],
          reviews: [{ action: "return", comment, actedByName: expect.any(String), actedAt: expect.any(String) }],
        },
        {
          revision: 2,
          status: "submitted",
          value: 0,
          resubmissionReason: "按审核意见核减校长交流数",
          explanations: [{ ruleId: "R04.2", messageZh: expect.any(String), explanation: "2019 年误将县直校长计入，已核减" }],
          reviews: [],
        },
      ],
    });
    // The clerk reads the same; the sheet's full name and a full-width ! name the same cell.
    const byName = await api(historyPath("2020", "370100", "教扶04 教师队伍提升！E7"), bearer(clerk.token));
    expect(await byName.json()).toEqual(history);
  });

  it("a money value in 万元, a cover field, and a unit with no revision yet", async () => {
    const report2019 = reportOf(jinan);
    const cover = (await (await api(historyPath("2019", "370100", "封面!C5"), bearer(clerk.token))).json()) as Record<string, unknown>;
    expect(cover).toMatchObject({ rowKey: "370100", fieldCode: "C_HEAD", revisions: [{ value: report2019.sheets["封面"]![0]!.values.C_HEAD }] });
    const money = (await (await api(historyPath("2019", "370100", "教扶02!C7"), bearer(clerk.token))).json()) as Record<string, unknown>;
    const planned = report2019.sheets["教扶02"]!.find((row) => row.key === "370102")!.values.E02_INV_PLAN;
    expect(planned).not.toBe(Math.round(Number(planned)));
    expect(money).toMatchObject({ fieldCode: "E02_INV_PLAN", revisions: [{ value: planned }] });
    const qingdaoClerk = await createToken("clerk", "370200");
    const none = (await (await api(historyPath("2019", "370200", "教扶04!E7"), bearer(qingdaoClerk.token))).json()) as Record<string, unknown>;
    expect(none).toMatchObject({ rowKey: "370202", earlier: [], revisions: [] });
  });

  it("refuses, naming the cell, what has no stored value of its own: 合计, a formula, a list row, no cell at all", async () => {
    for (const cell of ["教扶04!E6", "教扶05!F7", "教扶06!A6", "教扶04!ZZ7", "教扶99!E7", "E7"]) {
      const problem = await expectProblem(await api(historyPath("2020", "370100", cell), bearer(clerk.token)), 400);
      expect(problem.errors?.[0]).toMatchObject({ location: "query", field: "cell" });
    }
    await expectProblem(await api(historyPath("2031", "370100", "教扶04!E7"), bearer(clerk.token)), 404);
  });
});
