import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { reportScopeOf } from "../../shared/units/report-scope.ts";

import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { repoRoot } from "../lib/repo-root.ts";
import { demoFormSet, demoReports } from "./demo-reports.ts";

/** Where the demo writes its files (git-ignored). */
export const demoOutDir = join(repoRoot, "demo", "out");

export interface DemoWorkbook {
  prefecture: ReportingUnit;
  path: string;
}

/** The 16 filled prefecture workbooks, `<code>-<name>.xlsx` in dir: the demo reports in the standard template, 说明 sheet included. */
export async function writeDemoWorkbooks(dir = join(demoOutDir, "workbooks")): Promise<DemoWorkbook[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    demoReports(demoFormSet, reportingTree).map(async (report) => {
      const prefecture = reportingTree.unit(report.unitCode) as ReportingUnit;
      const path = join(dir, `${prefecture.code}-${prefecture.name}.xlsx`);
      await writeFile(path, renderReportTemplate({ formSet: demoFormSet, unit: prefecture, period: report.period, report }));
      return { prefecture, path };
    }),
  );
}

export interface DemoCountyWorkbook {
  county: ReportingUnit;
  path: string;
}

/**
 * The demo's county reports: each demo prefecture report split into its counties' (childReportOf:
 * the county's grid row, its 教扶06 rows and their explanations), signed with the prefecture's cover.
 * Only the prefectures named, or all 16.
 */
export function demoCountyReports(unitCodes?: readonly string[]): { prefectureReport: ReportData; countyReports: ReportData[] }[] {
  const tree = reportingTree;
  return demoReports(demoFormSet, reportingTree)
    .filter((report) => !unitCodes || unitCodes.includes(report.unitCode))
    .map((prefectureReport) => {
      const cover = prefectureReport.sheets["封面"]?.[0];
      const prefecture = tree.unit(prefectureReport.unitCode) as ReportingUnit;
      return {
        prefectureReport,
        countyReports: prefecture.children.map((county) => childReportOf(demoFormSet, prefectureReport, county, cover ? { cover } : {})),
      };
    });
}

/** The filled county workbooks, `<prefecture>/<code>-<name>.xlsx` in dir, in the county's standard template. */
export async function writeDemoCountyWorkbooks(
  reports: { countyReports: ReportData[] }[],
  dir = join(demoOutDir, "county-workbooks"),
): Promise<DemoCountyWorkbook[]> {
  const tree = reportingTree;
  await mkdir(dir, { recursive: true });
  return Promise.all(
    reports
      .flatMap(({ countyReports }) => countyReports)
      .map(async (report) => {
        const county = tree.unit(report.unitCode) as ReportingUnit;
        const path = join(dir, `${county.code}-${reportScopeOf(county).title}.xlsx`);
        await writeFile(path, renderReportTemplate({ formSet: demoFormSet, unit: county, period: report.period, report }));
        return { county, path };
      }),
  );
}
