// A returned county revision over `wrangler dev`, with the real command: Jinan's 12 counties submit
// (Lixia's with the server's county template and `tianbao submit`), Jinan's clerk returns Lixia's;
// `tianbao merge` then leaves Lixia out (missingUnits, no row) until Lixia resubmits; the merged
// report with Jinan's cover is submitted as Jinan's revision, which the province consolidates.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { reviewLatest } from "../../cli/commands/review.ts";
import { createLocalToken } from "../../cli/commands/token.ts";
import { submitReport } from "../../cli/submit-report.ts";
import { demoCountyReports, writeDemoCountyWorkbooks } from "../../scripts/demo/demo-workbooks.ts";
import { ApiClient } from "../../shared/api/api-client.ts";
import type { MergedReport } from "../../shared/api/api-client.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";

import { fillTemplateWithExcelJS } from "../support/exceljs-fill.ts";
import { consolidatedAsRevisionOne } from "../support/consolidated-reports.ts";
import { tianbao } from "./run-tianbao.ts";
import { useWranglerDev } from "./wrangler-dev-fixture.ts";

const dev = useWranglerDev();
const dir = mkdtempSync(join(tmpdir(), "tianbao-county-returned-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const period = "2019";
const jinan = reportingTree.unit("370100")!;
const lixia = "370102";
const [{ prefectureReport, countyReports }] = demoCountyReports([jinan.code]) as [ReturnType<typeof demoCountyReports>[number]];
const tokens = { province: "", clerks: new Map<string, string>() };
const as = (unitCode: string) => ({ TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: tokens.clerks.get(unitCode)! });
const lixiaWorkbook = join(dir, "lixia.xlsx");
const coverWorkbook = join(dir, "jinan-cover.xlsx");

async function mergedJson(): Promise<MergedReport> {
  const output = join(dir, "merged.json");
  const merged = await tianbao(["merge", "--period", period, "--unit", jinan.code, "--cover-from", coverWorkbook, "-o", output], as(jinan.code));
  expect(merged.exitCode, merged.stderr).toBe(0);
  return JSON.parse(readFileSync(output, "utf8"));
}

describe("a returned county revision drops out of its prefecture's merge until resubmitted", () => {
  it("Jinan's counties submit; Lixia's clerk takes the county template from the server and submits it with tianbao submit", async () => {
    const adminToken = (await createLocalToken({ role: "admin", name: "e2e 管理员" }, { persistTo: dev.persistTo })).token;
    const admin = new ApiClient(dev.baseUrl, adminToken);
    await admin.openPeriod({ code: period, deadline: "2999-12-31" });
    await admin.updatePeriod(period, { levelDeadlines: { county: "2999-12-01" } });
    tokens.province = (await admin.createToken({ role: "province", name: "省审核员" })).token;
    for (const unit of [jinan, ...jinan.children])
      tokens.clerks.set(unit.code, (await admin.createToken({ role: "clerk", unitCode: unit.code, name: `${unit.name}填报员` })).token);
    writeFileSync(coverWorkbook, renderReportTemplate({ formSet: currentFormSet, unit: jinan, period, report: prefectureReport }));

    const workbooks = await writeDemoCountyWorkbooks([{ countyReports }], dir);
    for (const report of countyReports.filter((candidate) => candidate.unitCode !== lixia))
      await submitReport(new ApiClient(dev.baseUrl, tokens.clerks.get(report.unitCode)!), report);

    const template = join(dir, "lixia-template.xlsx");
    const made = await tianbao(["template", "--unit", lixia, "--period", period, "-o", template], as(lixia));
    expect(made.exitCode, made.stderr).toBe(0);
    expect(made.stderr).toContain(`取自服务器 ${dev.baseUrl}`);
    writeFileSync(lixiaWorkbook, await fillTemplateWithExcelJS(new Uint8Array(readFileSync(template)), countyReports[0]!));
    expect(workbooks.map((workbook) => workbook.county.code)).toContain(lixia);

    const submitted = await tianbao(["submit", lixiaWorkbook, "--json"], as(lixia));
    expect(submitted.exitCode, submitted.stderr).toBe(0);
    expect(JSON.parse(submitted.stdout)).toMatchObject({ revision: 1, status: "submitted", repeated: false });
  });

  it("Jinan's clerk returns Lixia's revision with tianbao review; status --unit says 退回", async () => {
    const returned = await tianbao(["review", "--period", period, "--prefecture", lixia, "return", "--comment", "请核实教师数"], as(jinan.code));
    expect(returned).toMatchObject({ exitCode: 0, stdout: `已退回 / returned: ${lixia} ${period} 修订 / revision 1\n` });
    // Lixia's clerk cannot review its own revision.
    const own = await tianbao(["review", "--period", period, "--prefecture", lixia, "accept"], as(lixia));
    expect(own.exitCode).toBe(1);
    const status = await tianbao(["status", "--period", period, "--unit", jinan.code, "--json"], as(jinan.code));
    expect(JSON.parse(status.stdout).map((row: { unit: string; status: string }) => [row.unit, row.status])).toEqual(
      jinan.children.map((county) => [county.code, county.code === lixia ? "退回" : "已报"]),
    );
  });

  it("tianbao merge leaves Lixia out: missingUnits names it, its row is absent, the provenance has the other 11; a submit is refused", async () => {
    const merged = await mergedJson();
    expect(merged.missingUnits).toEqual([lixia]);
    expect(merged.returnedUnits).toEqual([lixia]);
    expect(merged.provenance.map((entry) => entry.unitCode)).toEqual(jinan.children.filter((county) => county.code !== lixia).map((county) => county.code));
    for (const sheetCode of ["教扶01", "教扶04", "教扶09"]) expect(merged.report.sheets[sheetCode]!.map((row) => row.key)).not.toContain(lixia);
    expect(merged.report.sheets["教扶06"]!.length).toBe(
      countyReports.filter((report) => report.unitCode !== lixia).reduce((rows, report) => rows + (report.sheets["教扶06"]?.length ?? 0), 0),
    );
    expect(merged.report.sheets["封面"]).toEqual([{ ...prefectureReport.sheets["封面"]![0]!, key: jinan.code }]);

    const printed = await tianbao(
      ["merge", "--period", period, "--unit", jinan.code, "--cover-from", coverWorkbook, "-o", join(dir, "merged.xlsx")],
      as(jinan.code),
    );
    expect(printed.exitCode, printed.stderr).toBe(0);
    // Returned, told apart from never submitted.
    expect(printed.stdout).toContain(`未纳入 1 个 / missing 1:\n  已退回,未重报 / returned, not resubmitted: ${lixia} 济南市历下区\n`);
    expect(printed.stdout).not.toContain("从未报送");
    expect(printed.stdout).toMatch(/^来源 \/ from 370103 济南市市中区 {2}修订 \/ revision 1 {2}已报 \/ submitted/m);

    const refused = await tianbao(["merge", "--period", period, "--unit", jinan.code, "--cover-from", coverWorkbook, "--submit"], as(jinan.code));
    expect(refused.exitCode).toBe(1);
    // A few lines naming Lixia and how to finish, not one line per blank cell of its row.
    const refusal = refused.stderr.trim().split("\n");
    expect(refusal.length).toBeLessThan(8);
    expect(refusal).toContain(`  已退回,未重报 / returned, not resubmitted: ${lixia} 济南市历下区`);
    expect(refused.stderr).toContain(`完成方法 / to finish: tianbao merge --period ${period} --unit ${jinan.code}`);
    expect(refusal.at(-1)).toMatch(/^未报送:合成的报表有错误或未说明的警告\(未纳入 1 个下级\)/);
    expect((await new ApiClient(dev.baseUrl, tokens.province).submissions(period, jinan.code)).length).toBe(0);
  });

  it("once Lixia resubmits, the merge includes its new revision; accepted and submitted, Jinan's report is the demo's and the province consolidates it", async () => {
    // An identical report makes no revision, and replacing a returned one needs a reason: Lixia's clerk signs the checked report anew.
    const lixiaReport = countyReports[0]!;
    const cover = lixiaReport.sheets["封面"]![0]!;
    const checked = { ...lixiaReport, sheets: { ...lixiaReport.sheets, 封面: [{ ...cover, values: { ...cover.values, C_FILLER: "历下区复核员" } }] } };
    writeFileSync(lixiaWorkbook, await fillTemplateWithExcelJS(new Uint8Array(readFileSync(join(dir, "lixia-template.xlsx"))), checked));
    const resubmitted = await tianbao(["submit", lixiaWorkbook, "--reason", "已核实教师数", "--json"], as(lixia));
    expect(resubmitted.exitCode, resubmitted.stderr).toBe(0);
    expect(JSON.parse(resubmitted.stdout)).toMatchObject({ revision: 2, repeated: false });
    const merged = await mergedJson();
    expect(merged.missingUnits).toEqual([]);
    expect(merged.provenance.find((entry) => entry.unitCode === lixia)).toMatchObject({ revision: 2, status: "submitted" });
    expect(merged.notAccepted).toEqual(jinan.children.map((county) => county.code));

    const accepted = await tianbao(["review", "--period", period, "--prefecture", lixia, "accept"], as(jinan.code));
    expect(accepted).toMatchObject({ exitCode: 0, stdout: `已通过 / accepted: ${lixia} ${period} 修订 / revision 2\n` });
    // The other 11 in-process: the command's path is the one just run, and each process costs a second or two.
    const clerk = new ApiClient(dev.baseUrl, tokens.clerks.get(jinan.code)!);
    for (const county of jinan.children.filter((candidate) => candidate.code !== lixia)) await reviewLatest(clerk, period, county.code, "accept");
    const args = ["merge", "--period", period, "--unit", jinan.code, "--cover-from", coverWorkbook, "--submit", "--json"];
    const submitted = await tianbao(args, as(jinan.code));
    expect(submitted.exitCode, submitted.stderr).toBe(0);
    expect(JSON.parse(submitted.stdout)).toMatchObject({ revision: 1, repeated: false, missingUnits: [], notAccepted: [] });
    const again = await tianbao(args, as(jinan.code));
    expect(JSON.parse(again.stdout)).toMatchObject({ revision: 1, repeated: true });

    const province = new ApiClient(dev.baseUrl, tokens.province);
    const consolidated = await province.consolidated(period);
    expect(consolidated.provenance.map((entry) => entry.unitCode)).toEqual([jinan.code]);
    const expected = consolidatedAsRevisionOne([prefectureReport], "submitted");
    for (const sheet of currentFormSet.sheets.filter((candidate) => candidate.kind !== "cover"))
      expect(consolidated.sheets[sheet.code], sheet.code).toEqual(expected.sheets[sheet.code]);
  });
});
