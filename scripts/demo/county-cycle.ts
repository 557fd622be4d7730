import { join } from "node:path";
import { checkReportFile } from "../../cli/checked-report.ts";
import { reviewLatest } from "../../cli/commands/review.ts";
import { requireOwnCover } from "../../cli/merged-report.ts";
import { submitReport } from "../../cli/submit-report.ts";
import { ApiClient } from "../../shared/api/api-client.ts";
import type { Consolidated, MergedReport } from "../../shared/api/api-client.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";

import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { mergedWorkbookInput } from "../../shared/workbook/merged-workbook.ts";
import { demoCountyReports, demoOutDir, writeDemoCountyWorkbooks } from "./demo-workbooks.ts";

// The demo's reporting period with the counties reporting: county clerks submit their workbooks,
// each prefecture's clerk accepts its counties and submits the report merged from them with the
// prefecture's cover, the province accepts the prefectures. Through the command line's code
// (checkReportFile, submitReport, reviewLatest, requireOwnCover) and the one merge of
// shared/workbook/merged-workbook.ts, against a running Worker.

export interface CountyCycleOptions {
  baseUrl: string;
  /** An admin token of that Worker (the demo and the tests make it in the local D1). */
  adminToken: string;
  /** Only these prefectures and their counties; all 16 without it. */
  unitCodes?: readonly string[];
  /** Where the county workbooks are written. */
  workbookDir?: string;
  /** How many county clerks submit at once. */
  concurrency?: number;
  /** A progress line (rewritten in place) and a line that stays. */
  step?: (text: string) => void;
  say?: (line: string) => void;
}

export interface CountyCycleResult {
  /** The province totals after the province accepted every prefecture's merged report. */
  consolidated: Consolidated;
  /** What each prefecture's clerk merged, by prefecture code. */
  merges: Map<string, MergedReport>;
  tokens: { admin: string; province: string; clerks: Map<string, string> };
  countyWorkbooks: number;
}

export const COUNTY_DEADLINE = "2020-01-15";
const period = "2019";

/** Runs work over items, `size` at a time. */
async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size)
    results.push(...(await Promise.all(items.slice(start, start + size).map((item, offset) => work(item, start + offset)))));
  return results;
}

export async function runCountyCycle(options: CountyCycleOptions): Promise<CountyCycleResult> {
  const { baseUrl, adminToken, concurrency = 8, step = () => {}, say = () => {} } = options;
  const tree = reportingTree;
  const reports = demoCountyReports(options.unitCodes);
  const prefectures = reports.map(({ prefectureReport }) => tree.unit(prefectureReport.unitCode) as ReportingUnit);
  const counties = prefectures.flatMap((prefecture) => prefecture.children);
  const workbooks = await writeDemoCountyWorkbooks(reports, options.workbookDir ?? join(demoOutDir, "county-workbooks"));
  say(`${workbooks.length} 个县(市、区)报表 / county workbooks written (${prefectures.length} prefectures split with childReportOf)`);

  const admin = new ApiClient(baseUrl, adminToken);
  await admin.openPeriod({ code: period, deadline: "2020-01-31" });
  await admin.updatePeriod(period, { levelDeadlines: { county: COUNTY_DEADLINE } });
  const province = (await admin.createToken({ role: "province", name: "演示·省级审核员" })).token;
  const clerks = new Map<string, string>();
  await inBatches([...prefectures, ...counties], concurrency, async (unit, index) => {
    step(`令牌 / tokens ${index + 1}/${prefectures.length + counties.length} …`);
    clerks.set(unit.code, (await admin.createToken({ role: "clerk", unitCode: unit.code, name: `演示·${unit.name}填报员` })).token);
  });
  say(
    `已开启报告期 / opened period ${period} (县级截止 / county deadline ${COUNTY_DEADLINE}); tokens: 1 admin, 1 province reviewer, ${prefectures.length} prefecture clerks, ${counties.length} county clerks`,
  );

  let submitted = 0;
  await inBatches(workbooks, concurrency, async ({ county, path }) => {
    const checked = await checkReportFile(path);
    if (!checked.validation.canSubmit) throw new Error(`${path} cannot be submitted: run tianbao validate on it`);
    await submitReport(new ApiClient(baseUrl, clerks.get(county.code) as string), checked.report);
    step(`县级报送 / county submissions ${++submitted}/${workbooks.length} …`);
  });
  say(`${workbooks.length} 个县(市、区)已报送 / all ${workbooks.length} counties submitted`);

  const merges = new Map<string, MergedReport>();
  for (const [index, { prefectureReport }] of reports.entries()) {
    const prefecture = prefectures[index] as ReportingUnit;
    const clerk = new ApiClient(baseUrl, clerks.get(prefecture.code) as string);
    step(`${prefecture.name}审核县级报表 / ${prefecture.nameEn} accepts its ${prefecture.children.length} counties …`);
    for (const county of prefecture.children) await reviewLatest(clerk, period, county.code, "accept");
    const merged = await clerk.merged(period, prefecture.code);
    const formSet = formSetOf(merged.report.edition) as FormSet;
    requireOwnCover(formSet, prefecture, prefectureReport);
    const report = mergedWorkbookInput({ formSet, unit: prefecture, period, merged, own: prefectureReport }).report;
    const validation = validateReport({ formSet, unit: prefecture, report });
    if (!validation.canSubmit) throw new Error(`${prefecture.nameEn}'s merged report cannot be submitted: ${validation.issues[0]?.messageEn ?? ""}`);
    const { receipt } = await submitReport(clerk, report);
    merges.set(prefecture.code, merged);
    say(
      `${prefecture.name} / ${prefecture.nameEn}: 通过 ${merged.provenance.length} 个县级修订并合成报送(修订 ${receipt.revision}),未纳入 ${merged.missingUnits.length} / accepted and merged ${merged.provenance.length} county revisions, submitted as revision ${receipt.revision}, ${merged.missingUnits.length} missing`,
    );
  }

  const provinceApi = new ApiClient(baseUrl, province);
  for (const [index, prefecture] of prefectures.entries()) {
    step(`省级审核 / the province accepts ${index + 1}/${prefectures.length} ${prefecture.name} …`);
    await reviewLatest(provinceApi, period, prefecture.code, "accept");
  }
  say(`省级已全部审核通过 / the province accepted all ${prefectures.length}`);
  return {
    consolidated: await provinceApi.consolidated(period),
    merges,
    tokens: { admin: adminToken, province, clerks },
    countyWorkbooks: workbooks.length,
  };
}
