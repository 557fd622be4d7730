import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { currentFormSet } from "../../shared/forms/form-set.ts";
import { regionTable } from "../../shared/regions/region-table.ts";
import type { Prefecture } from "../../shared/regions/region-table.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { repoRoot } from "../lib/repo-root.ts";
import { demoReports } from "./demo-reports.ts";

/** Where the demo writes its files (git-ignored). */
export const demoOutDir = join(repoRoot, "demo", "out");

export interface DemoWorkbook {
  prefecture: Prefecture;
  path: string;
}

/** The 16 filled prefecture workbooks, `<code>-<name>.xlsx` in dir: the demo reports in the standard template, 说明 sheet included. */
export async function writeDemoWorkbooks(dir = join(demoOutDir, "workbooks")): Promise<DemoWorkbook[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    demoReports(currentFormSet, regionTable).map(async (report) => {
      const prefecture = regionTable.prefecture(report.prefectureCode) as Prefecture;
      const path = join(dir, `${prefecture.code}-${prefecture.name}.xlsx`);
      await writeFile(path, renderReportTemplate({ formSet: currentFormSet, prefecture, period: report.period, report }));
      return { prefecture, path };
    }),
  );
}
