import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { ROSTER_STAGES } from "../../shared/roster/roster-definition.ts";
import { validateReportWithRoster } from "../../shared/roster/validate-report-with-roster.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { syntheticRoster } from "../../scripts/demo/demo-rosters.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { withValue } from "../support/sample-report.ts";
import { api, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { submitRosterOk } from "./roster-client.ts";
import { jinan, openPeriod, reportOf, submitRequest } from "./submission-client.ts";

// X10.1: in a period that requires rosters (PATCH requireRoster, like requireStampedCopy), a report's
// 教扶01 stage counts of each county are its latest roster's; the server refuses the report otherwise,
// naming the cells. The template carries the counts (_roster) so the pane, the page and the CLI check
// the same rule offline, in the same words.

const period = "2027";
const lixia = reportingTree.unit("370102") as ReportingUnit;
let admin: TestToken;
let clerk: TestToken;

const countyReport = (): ReportData => {
  const report = reportOf(jinan, 1, period);
  return childReportOf(currentFormSet, report, lixia, { cover: report.sheets["封面"]?.[0] });
};
const stageCountsOf = (report: ReportData) => {
  const row = report.sheets["教扶01"]!.find((candidate) => candidate.key === lixia.code)!;
  return Object.fromEntries(ROSTER_STAGES.map((stage) => [stage.countField, Number(row.values[stage.countField] ?? 0)]));
};

beforeAll(async () => {
  await openPeriod(period);
  admin = await createToken("admin");
  clerk = await createToken("clerk", lixia.code);
});

describe("X10.1 (requireRoster)", () => {
  it("is set by the admin like requireStampedCopy: in the period, audited from → to", async () => {
    const response = await api(`/periods/${period}`, jsonRequest("PATCH", { requireRoster: true }, admin.token));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: period, requireRoster: true, requireStampedCopy: false });
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'period.update' ORDER BY id DESC").first<string>("detail");
    expect(JSON.parse(audit!)).toEqual({ requireRoster: { from: false, to: true } });
  });

  it("refuses a county's report before its roster (422, naming the county's first stage cell)", async () => {
    const problem = await expectProblem(await submitRequest(clerk.token, countyReport(), { period, unitCode: lixia.code }), 422);
    const issues = problem.issues as { ruleId: string; address: string; messageZh: string }[];
    expect(issues.filter((issue) => issue.ruleId === "X10.1")).toEqual([
      expect.objectContaining({ address: expect.stringMatching(/^教扶01!C\d+$/), messageZh: expect.stringContaining("尚无名册") }),
    ]);
  });

  it("takes the report once its 教扶01 counts are the latest roster's; refuses a count that differs, naming the cell and both numbers", async () => {
    const report = countyReport();
    const counts = stageCountsOf(report);
    await submitRosterOk(clerk.token, syntheticRoster(lixia.code, lixia.code, counts, period, 27));
    const off = withValue(report, "教扶01", lixia.code, "E01_GHS", (counts.E01_GHS ?? 0) + 1);
    const problem = await expectProblem(await submitRequest(clerk.token, off, { period, unitCode: lixia.code }), 422);
    const issues = (problem.issues as { ruleId: string; fieldCode: string; messageZh: string }[]).filter((issue) => issue.ruleId === "X10.1");
    expect(issues).toEqual([
      expect.objectContaining({
        fieldCode: "E01_GHS",
        messageZh: expect.stringContaining(`普通高中人数为 ${(counts.E01_GHS ?? 0) + 1},最新名册为 ${counts.E01_GHS} 人`),
      }),
    ]);
    const accepted = await submitRequest(clerk.token, report, { period, unitCode: lixia.code });
    expect(accepted.status, await accepted.clone().text()).toBe(201);
  });

  it("carries the county's latest roster counts on the template's _roster, so the offline engine gives the server's X10.1 issue", async () => {
    const response = await api(`/periods/${period}/units/${lixia.code}/template.xlsx`, { headers: { authorization: `Bearer ${clerk.token}` } });
    expect(response.status).toBe(200);
    const { rosterCounts } = readReportWorkbookContents(new Uint8Array(await response.arrayBuffer()), { formSetOf });
    const report = countyReport();
    const counts = stageCountsOf(report);
    expect(rosterCounts).toEqual({ [lixia.code]: counts });
    const off = withValue(report, "教扶01", lixia.code, "E01_PRE", (counts.E01_PRE ?? 0) + 2);
    const offline = validateReportWithRoster({ formSet: currentFormSet, unit: lixia, report: off, rosterCounts }).issues.filter(
      (issue) => issue.ruleId === "X10.1",
    );
    const problem = await expectProblem(await submitRequest(clerk.token, off, { period, unitCode: lixia.code, basedOnRevision: 1 }), 422);
    expect((problem.issues as { ruleId: string }[]).filter((issue) => issue.ruleId === "X10.1")).toEqual(
      offline.map((issue) => expect.objectContaining({ ...issue })),
    );
  });

  it("has no _roster in a period that does not require rosters", async () => {
    const response = await api(`/periods/${period}`, jsonRequest("PATCH", { requireRoster: false }, admin.token));
    expect(response.status).toBe(200);
    const template = await api(`/periods/${period}/units/${lixia.code}/template.xlsx`, { headers: { authorization: `Bearer ${clerk.token}` } });
    expect(readReportWorkbookContents(new Uint8Array(await template.arrayBuffer()), { formSetOf }).rosterCounts).toBeUndefined();
  });
});
