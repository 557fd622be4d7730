// The 填报 tab's state card, DOM-free: the deadline a clerk's report is held to is their unit's
// level's (a county's: the county deadline), and 逾期 and the days left follow it.
import { describe, expect, it } from "vitest";
import type { Period, SubmissionSummary } from "../../shared/api/api-client.ts";
import { reportDeadlineOf } from "../../addin/ui/report-state.ts";
import { samplePeriod } from "../support/sample-period.ts";

const period: Period = samplePeriod({ levelDeadlines: { county: "2020-01-15" } });
// 2020-01-20 10:00 in Beijing: past the county deadline, 11 days before the prefectures'.
const now = new Date("2020-01-20T02:00:00Z");
const facts = (unitCode: string, latest?: SubmissionSummary) => ({ period, unitCode, latest, progress: undefined, now });

describe("reportDeadlineOf", () => {
  it("holds a county clerk to the county deadline: 逾期, 5 days past", () => {
    expect(reportDeadlineOf(facts("370102"))).toEqual({ deadline: "2020-01-15", daysLeft: -5, late: true });
  });

  it("holds a prefecture clerk to the period's deadline: 11 days left, not late", () => {
    expect(reportDeadlineOf(facts("370100"))).toEqual({ deadline: "2020-01-31", daysLeft: 11, late: false });
  });

  it("a county with its report submitted is past its deadline but not late; without a county deadline, the period's holds", () => {
    const submitted = { revision: 1, status: "submitted" } as SubmissionSummary;
    expect(reportDeadlineOf(facts("370102", submitted))).toMatchObject({ deadline: "2020-01-15", late: false });
    expect(reportDeadlineOf({ ...facts("370102"), period: { ...period, levelDeadlines: {} } })).toEqual({ deadline: "2020-01-31", daysLeft: 11, late: false });
    expect(reportDeadlineOf({ ...facts("370102"), period: { ...period, deadline: null, levelDeadlines: {} } })).toBeUndefined();
  });
});
