// Issue 27's county path, end to end with the real command over `wrangler dev`: Jinan's counties
// submit (Zhangqiu never does) → Jinan's clerk returns Shizhong and accepts Lixia → merges → types the
// rows of the counties missing → submits → Lixia resubmits → `tianbao status` tells Jinan its report is
// out of date (which county, which 合计) → one `tianbao merge --submit` rebuilds it without retyping →
// the province pulls Lixia's new figure. Each step's words name the right level and deadline.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalToken } from "../../cli/commands/token.ts";
import { submitReport } from "../../cli/submit-report.ts";
import { demoCountyReports } from "../../scripts/demo/demo-workbooks.ts";
import { ApiClient } from "../../shared/api/api-client.ts";
import type { Consolidated } from "../../shared/api/api-client.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { fillTemplateWithExcelJS } from "../support/exceljs-fill.ts";
import { withValue } from "../support/sample-report.ts";
import { tianbao } from "./run-tianbao.ts";
import { useWranglerDev } from "./wrangler-dev-fixture.ts";

const dev = useWranglerDev();
const dir = mkdtempSync(join(tmpdir(), "tianbao-county-walk-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const period = "2019";
const countyDeadline = "2999-12-01";
const jinan = reportingTree.unit("370100")!;
const [lixia, shizhong] = jinan.children as [(typeof jinan.children)[number], (typeof jinan.children)[number]];
const zhangqiu = jinan.children.at(-1)!;
const [{ prefectureReport, countyReports }] = demoCountyReports([jinan.code]) as [ReturnType<typeof demoCountyReports>[number]];
const tokens = { province: "", clerks: new Map<string, string>() };
const as = (unitCode: string) => ({ TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: tokens.clerks.get(unitCode)! });
const coverWorkbook = join(dir, "jinan-cover.xlsx");
const name = (unit: typeof lixia) => `${unit.code} 济南市${unit.name}`;
const volunteers = (rows: { key: string; values: Record<string, unknown> }[] | undefined) =>
  (rows ?? []).reduce((sum, row) => sum + Number(row.values.E04_VOL ?? 0), 0);

describe("the county path, end to end with the command line", () => {
  it("the counties submit, each told that the prefecture reviews it; Zhangqiu never does", async () => {
    const adminToken = (await createLocalToken({ role: "admin", name: "e2e 管理员" }, { persistTo: dev.persistTo })).token;
    const admin = new ApiClient(dev.baseUrl, adminToken);
    await admin.openPeriod({ code: period, deadline: "2999-12-31" });
    await admin.updatePeriod(period, { levelDeadlines: { county: countyDeadline } });
    tokens.province = (await admin.createToken({ role: "province", name: "省审核员" })).token;
    for (const unit of [jinan, ...jinan.children])
      tokens.clerks.set(unit.code, (await admin.createToken({ role: "clerk", unitCode: unit.code, name: `${unit.name}填报员` })).token);
    writeFileSync(coverWorkbook, renderReportTemplate({ formSet: currentFormSet, unit: jinan, period, report: prefectureReport }));

    const template = join(dir, "lixia-template.xlsx");
    expect((await tianbao(["template", "--unit", lixia.code, "--period", period, "-o", template], as(lixia.code))).exitCode).toBe(0);
    const lixiaWorkbook = join(dir, "lixia.xlsx");
    writeFileSync(lixiaWorkbook, await fillTemplateWithExcelJS(new Uint8Array(readFileSync(template)), countyReports[0]!));
    const submitted = await tianbao(["submit", lixiaWorkbook], as(lixia.code));
    expect(submitted.exitCode, submitted.stderr).toBe(0);
    expect(submitted.stdout.split("\n")[2]).toBe("等待市级审核(济南市) / awaiting review by the prefecture (Jinan)");
    for (const report of countyReports.slice(1, -1)) await submitReport(new ApiClient(dev.baseUrl, tokens.clerks.get(report.unitCode)!), report);
    // The county's clerk sees its own line against the county deadline, not the period's.
    const own = await tianbao(["status", "--period", period, "--unit", lixia.code], as(lixia.code));
    expect(own.stdout.split("\n")[0]).toBe(`报告期 / period ${period}  ${lixia.code} ${lixia.name}  截止 / deadline ${countyDeadline}`);
  });

  it("Jinan returns Shizhong and accepts Lixia; its merge names the county returned and the one that never submitted", async () => {
    const returned = await tianbao(["review", "--period", period, "--unit", shizhong.code, "return", "--comment", "请核实教师数"], as(jinan.code));
    expect(returned.stdout).toBe(`已退回 / returned: ${shizhong.code} ${period} 修订 / revision 1\n`);
    const accepted = await tianbao(["review", "--period", period, "--unit", lixia.code, "accept"], as(jinan.code));
    expect(accepted.stdout).toBe(`已通过 / accepted: ${lixia.code} ${period} 修订 / revision 1\n`);
    const status = await tianbao(["status", "--period", period, "--unit", jinan.code], as(jinan.code));
    expect(status.stdout.split("\n")[0]).toContain(`截止 / deadline ${countyDeadline}`);
    expect(status.stdout.split("\n").at(-2)).toBe("济南市尚未报送,合成后报送 / Jinan has not submitted: merge, then submit");

    const merged = join(dir, "merged.xlsx");
    const printed = await tianbao(["merge", "--period", period, "--unit", jinan.code, "--cover-from", coverWorkbook, "-o", merged], as(jinan.code));
    expect(printed.exitCode, printed.stderr).toBe(0);
    expect(printed.stdout).toContain(
      `未纳入 2 个 / missing 2:\n  已退回,未重报 / returned, not resubmitted: ${name(shizhong)}\n  从未报送 / never submitted: ${name(zhangqiu)}\n`,
    );
    const refused = await tianbao(["merge", "--period", period, "--unit", jinan.code, "--cover-from", coverWorkbook, "--submit"], as(jinan.code));
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr.trim().split("\n").length).toBeLessThan(8);
    expect(refused.stderr).toContain(`完成方法 / to finish: tianbao merge --period ${period} --unit ${jinan.code}`);
  });

  it("Jinan types the rows of the two counties missing in the merged workbook and submits it: the province is its reviewer", async () => {
    const merged = join(dir, "merged.xlsx");
    // The counties' own rows stay as they came; the clerk's typing fills Shizhong's and Zhangqiu's.
    writeFileSync(merged, await fillTemplateWithExcelJS(new Uint8Array(readFileSync(merged)), prefectureReport));
    const submitted = await tianbao(["submit", merged], as(jinan.code));
    expect(submitted.exitCode, submitted.stderr).toBe(0);
    expect(submitted.stdout.split("\n")[0]).toBe(`已报送 / submitted: 济南市 ${period} 修订 / revision 1`);
    expect(submitted.stdout.split("\n")[2]).toBe("等待省级审核(山东省) / awaiting review by the province (Shandong)");
    const detail = await new ApiClient(dev.baseUrl, tokens.province).submission(period, jinan.code, 1);
    expect(detail.sources).toEqual(
      jinan.children.map((county) => ({ unitCode: county.code, revision: county === shizhong || county === zhangqiu ? null : 1 })),
    );
    const status = await tianbao(["status", "--period", period, "--unit", jinan.code], as(jinan.code));
    expect(status.stdout.trim().split("\n").at(-1)).toBe("济南市第 1 版与下级当前修订一致 / revision 1 is current with the units below");
  });

  it("Lixia resubmits: Jinan's status says its revision is out of date, which county and which 合计; the province's card sees it too", async () => {
    const before = countyReports[0]!.sheets["教扶04"]![0]!.values.E04_VOL as number;
    const changed = withValue(countyReports[0]!, "教扶04", lixia.code, "E04_VOL", before + 3);
    await submitReport(new ApiClient(dev.baseUrl, tokens.clerks.get(lixia.code)!), changed, "志愿者人数更正");
    const status = await tianbao(["status", "--period", period, "--unit", jinan.code], as(jinan.code));
    const total = volunteers(prefectureReport.sheets["教扶04"]);
    expect(status.stdout.trim().split("\n").slice(-4)).toEqual([
      "济南市第 1 版已过时,下级有变化 / Jinan's revision 1 is out of date, units below moved on:",
      `  ${name(lixia)}: 第 1 版 / rev 1 → 第 2 版 / rev 2  重报 / resubmitted`,
      `  合计变化 / totals that change: 教扶04 薄弱学科培训志愿者 ${total} → ${total + 3}`,
      `重新合成 / rebuild: tianbao merge --period ${period} --unit ${jinan.code} --cover-from ${jinan.code}-${period}.xlsx -o ${jinan.code}-${period}.xlsx  (沿用所填 2 个下级的行 / keeps the rows typed for 2 units)`,
    ]);
    const seenByProvince = await new ApiClient(dev.baseUrl, tokens.province).merged(period, jinan.code);
    expect(seenByProvince.staleness?.children).toEqual([{ unitCode: lixia.code, was: 1, now: 2, change: "resubmitted" }]);
  });

  it("one merge --submit rebuilds Jinan's report without retyping: Shizhong's and Zhangqiu's rows kept, Lixia's replaced; the province pulls it", async () => {
    const rebuilt = await tianbao(
      ["merge", "--period", period, "--unit", jinan.code, "--cover-from", coverWorkbook, "--submit", "--reason", "历下区重报后重新合成"],
      as(jinan.code),
    );
    expect(rebuilt.exitCode, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain(`沿用本单位第 1 版所填的行 / kept the rows typed in revision 1: ${name(shizhong)}, ${name(zhangqiu)}\n`);
    expect(rebuilt.stdout).toContain(`替换为下级的新修订 / replaced by their current revision: ${name(lixia)}\n`);
    expect(rebuilt.stdout).toContain(`已报送 / submitted: 济南市 ${period} 修订 / revision 2`);
    const status = await tianbao(["status", "--period", period, "--unit", jinan.code], as(jinan.code));
    expect(status.stdout.trim().split("\n").at(-1)).toBe("济南市第 2 版与下级当前修订一致 / revision 2 is current with the units below");

    const pulled = await tianbao(["pull", "--period", period, "--json"], { TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: tokens.province });
    expect(pulled.exitCode, pulled.stderr).toBe(0);
    const consolidated = JSON.parse(pulled.stdout) as Consolidated;
    expect(consolidated.provenance.map((entry) => [entry.unitCode, entry.revision])).toEqual([[jinan.code, 2]]);
    const jinanRow = consolidated.sheets["教扶04"]!.find((row) => row.key === jinan.code);
    expect(jinanRow?.values.E04_VOL).toBe(volunteers(prefectureReport.sheets["教扶04"]) + 3);
  });
});
