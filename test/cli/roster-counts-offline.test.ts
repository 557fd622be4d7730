// X10.1 in `tianbao validate`: a county workbook from the template of a period that requires rosters
// (_roster carries the county's latest roster counts) is checked offline against them, exit 1 and the
// server's words at the cell; the same figures as the roster pass.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { validateCommand } from "../../cli/commands/validate.ts";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { stageCountsOfReport } from "../support/report-stage-counts.ts";
import { sampleReport } from "../support/sample-report.ts";

const dir = mkdtempSync(join(tmpdir(), "tianbao-roster-counts-"));
const jinan = reportingTree.unit("370100") as ReportingUnit;
const lixia = reportingTree.unit("370102") as ReportingUnit;
const jinanReport = sampleReport(jinan);
const report = childReportOf(currentFormSet, jinanReport, lixia, { cover: jinanReport.sheets["封面"]![0]! });
const agreeing = stageCountsOfReport(report);
let out: string[];

beforeEach(() => {
  out = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
});
afterEach(() => vi.restoreAllMocks());

describe("tianbao validate with the roster counts the template carries (X10.1)", () => {
  it("refuses a 高等教育 count the roster does not list, naming the cell, and passes the roster's own counts", async () => {
    const hed = agreeing[lixia.code]?.E01_HED ?? 0;
    const file = join(dir, "lixia.xlsx");
    const rosterCounts = { [lixia.code]: { ...agreeing[lixia.code], E01_HED: hed + 1 } };
    writeFileSync(file, renderReportTemplate({ formSet: currentFormSet, unit: lixia, period: "2019", report, rosterCounts }));
    expect(await validateCommand.run([file])).toBe(1);
    const cell = unitLayout(currentFormSet, lixia, "2019").sheet("教扶01")!.cellOf(lixia.code, "E01_HED");
    expect(out.join("\n")).toContain(`教扶01!${cell} X10.1 error 高等教育人数为 ${hed},最新名册为 ${hed + 1} 人`);

    writeFileSync(file, renderReportTemplate({ formSet: currentFormSet, unit: lixia, period: "2019", report, rosterCounts: agreeing }));
    out = [];
    expect(await validateCommand.run([file, "--json"])).toBe(0);
    expect(JSON.parse(out.join("\n"))).toMatchObject({ canSubmit: true, errorCount: 0 });
  });
});
