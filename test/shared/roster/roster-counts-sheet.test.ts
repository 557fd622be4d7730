// X10.1 offline: in a period that requires rosters the report template carries each county's latest
// roster counts on the hidden _roster sheet; the .xlsx reader gives them back and the engine checks
// 教扶01's county rows against them in the server's words (rosterCountIssues, the one function).
import { describe, expect, it } from "vitest";
import { formSetOf } from "../../../shared/forms/form-set.ts";
import { rosterCountIssues } from "../../../shared/roster/roster-counts.ts";
import { ROSTER_COUNTS_SHEET } from "../../../shared/roster/roster-counts-sheet.ts";
import type { RosterCountsByCounty } from "../../../shared/roster/roster-counts-sheet.ts";
import { validateReportWithRoster } from "../../../shared/roster/validate-report-with-roster.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../../shared/units/unit-tree.ts";
import { readReportWorkbookContents } from "../../../shared/workbook/read-report.ts";
import { renderReportTemplate, reportTemplateWorkbook } from "../../../shared/workbook/render-template.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { sampleReport } from "../../support/sample-report.ts";
import { stageCountsOfReport } from "../../support/report-stage-counts.ts";

const jinan = reportingTree.unit("370100") as ReportingUnit;
const [lixia, shizhong] = jinan.children as [ReportingUnit, ReportingUnit, ...ReportingUnit[]];

const report = sampleReport(jinan);
const agreeing = stageCountsOfReport(report);
// 历下区's roster lists 3 more compulsory-education students than typed; 市中区 has no roster yet.
const { [shizhong.code]: _absent, ...withoutShizhong } = agreeing;
const rosterCounts: RosterCountsByCounty = { ...withoutShizhong, [lixia.code]: { ...agreeing[lixia.code], E01_CMP: (agreeing[lixia.code]?.E01_CMP ?? 0) + 3 } };

describe("the report template's _roster sheet (X10.1 offline)", () => {
  it("is a very hidden sheet only when the period requires rosters, and reads back as the counts it was given", () => {
    const sheet = reportTemplateWorkbook({ formSet: currentFormSet, unit: jinan, period: "2019", rosterCounts }).sheets.find(
      (s) => s.name === ROSTER_COUNTS_SHEET,
    );
    expect(sheet?.state).toBe("veryHidden");
    expect(reportTemplateWorkbook({ formSet: currentFormSet, unit: jinan, period: "2019" }).sheets.map((s) => s.name)).not.toContain(ROSTER_COUNTS_SHEET);
    const read = readReportWorkbookContents(renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report, rosterCounts }), {
      formSetOf,
    });
    expect(read.rosterCounts).toEqual(rosterCounts);
    expect(
      readReportWorkbookContents(renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report }), { formSetOf }).rosterCounts,
    ).toBeUndefined();
  });

  it("gives exactly the server's X10.1 issues: the differing count at its cell, the county without a roster once", () => {
    const read = readReportWorkbookContents(renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report, rosterCounts }), {
      formSetOf,
    });
    const result = validateReportWithRoster({ formSet: currentFormSet, unit: jinan, report: read.report, rosterCounts: read.rosterCounts });
    const x101 = result.issues.filter((issue) => issue.ruleId === "X10.1");
    expect(x101).toEqual(rosterCountIssues(currentFormSet, jinan, read.report, (county) => rosterCounts[county]));
    expect(x101.map((issue) => [issue.rowKey, issue.fieldCode])).toEqual([
      [lixia.code, "E01_CMP"],
      [shizhong.code, "E01_PRE"],
    ]);
    expect(x101[0]?.messageZh).toMatch(/^教扶01!\w+\d+ 义务教育人数为 \d+,最新名册为 \d+ 人 \[X10\.1 教扶01 人数与名册一致\]$/);
    expect(x101[1]?.messageZh).toContain("市中区本期尚无名册");
    expect(result.canSubmit).toBe(false);
    expect(result.errorCount).toBe(result.issues.filter((issue) => issue.severity === "error").length);
  });

  it("finds nothing when every county's roster agrees, and checks nothing without the sheet", () => {
    const agreeingRead = readReportWorkbookContents(
      renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report, rosterCounts: agreeing }),
      { formSetOf },
    );
    const plain = validateReportWithRoster({ formSet: currentFormSet, unit: jinan, report });
    expect(validateReportWithRoster({ formSet: currentFormSet, unit: jinan, report, rosterCounts: agreeingRead.rosterCounts })).toEqual(plain);
  });
});
