// npm run demo: the whole cycle on a fresh local stack, through the same code as the tianbao command.
// Writes the 16 demo workbooks, starts wrangler dev with a fresh migrated local D1 (the end-to-end
// tests' harness), creates an admin token in that D1, opens 2019, creates a province reviewer and
// the 16 clerks, submits every workbook as its clerk, accepts them as the province, pulls
// demo/out/province-2019.xlsx and prints the province totals beside the published figures.
// `npm run demo -- --counties`: the same with the 137 counties reporting (scripts/demo/county-cycle.ts):
// county workbooks, county clerks, each prefecture's clerk accepting its counties and submitting the
// report merged from them with its cover, then the province as before.
import { writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { ApiClient } from "../shared/api/api-client.ts";
import { checkReportFile } from "../cli/checked-report.ts";
import { reviewLatest } from "../cli/commands/review.ts";
import { createLocalToken } from "../cli/commands/token.ts";
import { runCountyCycle } from "./demo/county-cycle.ts";
import { compareWithPublished, comparisonLines } from "./demo/published-comparison.ts";
import { demoOutDir, writeDemoWorkbooks } from "./demo/demo-workbooks.ts";
import { demoFormSet } from "./demo/demo-reports.ts";
import { terminalProgress } from "../cli/progress.ts";
import { submitReport } from "../cli/submit-report.ts";
import { startWranglerDev } from "./lib/wrangler-dev.ts";
import { repoRoot } from "./lib/repo-root.ts";

const period = "2019";
const progress = terminalProgress();
const say = (line: string) => {
  progress.done();
  console.log(line);
};

/** Pulls the province workbook and prints every province total beside the published figure; the exit code says whether all are equal. */
async function pullAndCompare(province: ApiClient): Promise<void> {
  const provinceWorkbook = join(demoOutDir, `province-${period}.xlsx`);
  await writeFile(provinceWorkbook, await province.consolidatedWorkbookBytes(period));
  say(`全省汇总工作簿 / the province workbook: ${relative(repoRoot, provinceWorkbook)}\n`);
  const figures = compareWithPublished(demoFormSet, (await province.consolidated(period)).sheets);
  for (const line of comparisonLines(figures)) console.log(line);
  const differing = figures.filter((figure) => !figure.equal).length;
  console.log(
    differing === 0
      ? `\n全部 ${figures.length} 项与公布数一致 / all ${figures.length} figures equal the published ones`
      : `\n${differing} 项与公布数不符 / ${differing} figures differ`,
  );
  process.exitCode = differing === 0 ? 0 : 1;
}

/** The prefectures' cycle (the default). */
async function prefectureDemo(): Promise<void> {
  const workbooks = await writeDemoWorkbooks();
  say(`16 个地市报表 / prefecture workbooks in ${relative(repoRoot, join(demoOutDir, "workbooks"))}/`);
  progress.step("启动本地服务 / starting wrangler dev with a fresh local D1 …");
  const dev = await startWranglerDev();
  try {
    say(`本地服务 / local stack: ${dev.baseUrl}/api/v1`);
    const admin = new ApiClient(dev.baseUrl, (await createLocalToken({ role: "admin", name: "演示·管理员" }, { persistTo: dev.persistTo })).token);
    await admin.openPeriod({ code: period, deadline: "2020-01-31" });
    const province = new ApiClient(dev.baseUrl, (await admin.createToken({ role: "province", name: "演示·省级审核员" })).token);
    say(`已开启报告期 / opened period ${period}; tokens: 1 admin, 1 province reviewer, 16 clerks`);

    for (const [index, { prefecture, path }] of workbooks.entries()) {
      progress.step(`报送 / submitting ${index + 1}/16 ${prefecture.name} …`);
      const clerk = new ApiClient(
        dev.baseUrl,
        (await admin.createToken({ role: "clerk", unitCode: prefecture.code, name: `演示·${prefecture.name}填报员` })).token,
      );
      const checked = await checkReportFile(path);
      if (!checked.validation.canSubmit) throw new Error(`${relative(repoRoot, path)} cannot be submitted: run tianbao validate on it`);
      await submitReport(clerk, checked.report);
    }
    say("16 个地市已报送 / all 16 prefectures submitted");
    for (const [index, { prefecture }] of workbooks.entries()) {
      progress.step(`审核 / accepting ${index + 1}/16 ${prefecture.name} …`);
      await reviewLatest(province, period, prefecture.code, "accept");
    }
    say("省级已全部审核通过 / the province accepted all 16");

    await pullAndCompare(province);
  } finally {
    progress.done();
    await dev.stop();
  }
}

/** The counties' cycle (--counties) on a fresh local stack. */
async function countyDemo(): Promise<void> {
  progress.step("启动本地服务 / starting wrangler dev with a fresh local D1 …");
  const dev = await startWranglerDev();
  try {
    say(`本地服务 / local stack: ${dev.baseUrl}/api/v1`);
    const adminToken = (await createLocalToken({ role: "admin", name: "演示·管理员" }, { persistTo: dev.persistTo })).token;
    const started = performance.now();
    const { tokens } = await runCountyCycle({ baseUrl: dev.baseUrl, adminToken, step: (text) => progress.step(text), say });
    say(`县级到省级全流程用时 / the county-to-province cycle took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await pullAndCompare(new ApiClient(dev.baseUrl, tokens.province));
  } finally {
    progress.done();
    await dev.stop();
  }
}

if (process.argv.slice(2).includes("--counties")) await countyDemo();
else await prefectureDemo();
