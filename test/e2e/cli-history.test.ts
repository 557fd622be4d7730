// The history rules from the command line, against `wrangler dev`: 2019 accepted for 济南, then in
// 2020 `tianbao template` fetches the server's template (last period's accepted figures on _prev),
// the workbook is filled with ExcelJS with one cumulative figure far below 2019's, and
// `tianbao validate` shows the R04.2 warning on its cell offline, exactly as the add-in does, until
// it is explained on the 说明 sheet. A template rendered offline has no _prev: the server is the one
// to say it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idempotencyKeyOf } from "../../shared/api/idempotency-key.ts";
import { ApiClient } from "../../shared/api/api-client.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { fillTemplateWithExcelJS } from "../support/exceljs-fill.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";
import { tianbao } from "./run-tianbao.ts";
import { startWranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import type { WranglerDev } from "../../scripts/lib/wrangler-dev.ts";

const jinan = reportingTree.unit("370100")!;
const firstCounty = jinan.children[0]!.code;
// The same seed gives the same county figures: 2020 repeats 2019's, so only the lowered one sets off a history rule.
const accepted2019 = sampleReport(jinan, { period: "2019" });
const lowered2020 = withValue(sampleReport(jinan, { period: "2020" }), "教扶04", firstCounty, "E04_TRAINED", 1);
const trainedCell = unitLayout(currentFormSet, jinan, "2020").sheet("教扶04")!.cellOf(firstCounty, "E04_TRAINED")!;
const explained2020: ReportData = {
  ...lowered2020,
  explanations: [{ ruleId: "R04.2", sheetCode: "教扶04", rowKey: firstCounty, fieldCode: "E04_TRAINED", text: "上期培训人数重复统计,本期已核减" }],
};

let dev: WranglerDev;
const dir = mkdtempSync(join(tmpdir(), "tianbao-cli-history-"));
const tokens = { admin: "", province: "", clerk: "" };
const as = (token: string) => ({ TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: token });
const fileOf = (name: string) => join(dir, name);

async function filled(template: string, report: ReportData, name: string): Promise<string> {
  writeFileSync(fileOf(name), await fillTemplateWithExcelJS(new Uint8Array(readFileSync(fileOf(template))), report));
  return fileOf(name);
}

beforeAll(async () => {
  dev = await startWranglerDev();
  const admin = await tianbao(["token", "create", "--role", "admin", "--local", "--persist-to", dev.persistTo, "--json"]);
  expect(admin.exitCode, admin.stderr).toBe(0);
  tokens.admin = JSON.parse(admin.stdout).token;
  const api = new ApiClient(dev.baseUrl, tokens.admin);
  await api.openPeriod({ code: "2019" });
  await api.openPeriod({ code: "2020" });
  tokens.clerk = (await api.createToken({ role: "clerk", unitCode: jinan.code, name: "济南市填报员" })).token;
  tokens.province = (await api.createToken({ role: "province", name: "省审核员" })).token;
  // Last period: 济南's report, accepted by the province.
  const clerk = new ApiClient(dev.baseUrl, tokens.clerk);
  const receipt = await clerk.submit(
    "2019",
    jinan.code,
    { report: accepted2019, basedOnRevision: null },
    await idempotencyKeyOf(accepted2019, undefined, null),
  );
  await new ApiClient(dev.baseUrl, tokens.province).review("2019", jinan.code, receipt.revision, { action: "accept" });
});
afterAll(async () => {
  await dev?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("tianbao validate checks the history rules against last period's accepted figures, as the add-in does", () => {
  it("tianbao template fetches the server's template with 2019's accepted figures on _prev, and says so", async () => {
    const fromServer = await tianbao(["template", "--prefecture", jinan.code, "--period", "2020", "-o", fileOf("template-2020.xlsx")], as(tokens.clerk));
    expect(fromServer.exitCode, fromServer.stderr).toBe(0);
    expect(fromServer.stderr).toContain(`from the server ${dev.baseUrl}, with 2019's accepted figures in _prev`);

    const offline = await tianbao(["template", "--prefecture", jinan.code, "--period", "2020", "-o", fileOf("local-2020.xlsx")]);
    expect(offline.exitCode, offline.stderr).toBe(0);
    expect(offline.stderr).toContain("no server and token: rendered locally");
    const forcedLocal = await tianbao(
      ["template", "--prefecture", jinan.code, "--period", "2020", "-o", fileOf("forced-local-2020.xlsx"), "--local"],
      as(tokens.clerk),
    );
    expect(forcedLocal.exitCode, forcedLocal.stderr).toBe(0);
    expect(forcedLocal.stderr).toContain("rendered locally (--local)");
  });

  it("a figure far below last period's: validate --json lists the R04.2 warning on its cell, exit 1; submit refuses it offline", async () => {
    const workbook = await filled("template-2020.xlsx", lowered2020, "lowered-2020.xlsx");
    const json = await tianbao(["validate", workbook, "--json"]);
    expect(json.exitCode, json.stdout + json.stderr).toBe(1);
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ period: "2020", previousPeriod: "2019", canSubmit: false, errorCount: 0, warningCount: 1, unexplainedWarningCount: 1 });
    expect(trainedCell).toBe("I7");
    expect(result.issues).toEqual([
      expect.objectContaining({
        ruleId: "R04.2",
        severity: "warning",
        sheetCode: "教扶04",
        cell: "I7",
        address: "教扶04!I7",
        rowKey: firstCounty,
        fieldCode: "E04_TRAINED",
        explained: false,
      }),
    ]);

    const lines = await tianbao(["validate", workbook]);
    expect(lines.exitCode).toBe(1);
    expect(lines.stdout).toMatch(/^教扶04!I7 R04\.2 warning 培训教师.*\(未说明 \/ no explanation on the 说明 sheet\)$/m);
    expect(lines.stdout).toContain("history rules checked against 2019's accepted figures (_prev)");

    const submitted = await tianbao(["submit", workbook], as(tokens.clerk));
    expect(submitted.exitCode).toBe(1);
    expect(submitted.stderr).toContain("教扶04!I7 R04.2 warning");
    expect(await new ApiClient(dev.baseUrl, tokens.clerk).submissions("2020", jinan.code)).toEqual([]);
  });

  it("the same figures in an offline template (no _prev) pass validate; the server then names the warning (422)", async () => {
    const workbook = await filled("local-2020.xlsx", lowered2020, "lowered-local-2020.xlsx");
    const json = await tianbao(["validate", workbook, "--json"]);
    expect(json.exitCode, json.stdout + json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ previousPeriod: null, canSubmit: true, warningCount: 0 });

    const submitted = await tianbao(["submit", workbook], as(tokens.clerk));
    expect(submitted.exitCode).toBe(1);
    expect(submitted.stderr).toMatch(/^HTTP 422 /);
    expect(submitted.stderr).toContain("R04.2");
  });

  it("explained on the 说明 sheet: validate exits 0, and submit stores revision 1, which passes the server's own check", async () => {
    const workbook = await filled("template-2020.xlsx", explained2020, "explained-2020.xlsx");
    const json = await tianbao(["validate", workbook, "--json"]);
    expect(json.exitCode, json.stdout + json.stderr).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ previousPeriod: "2019", canSubmit: true, warningCount: 1, unexplainedWarningCount: 0 });
    expect(result.issues).toEqual([expect.objectContaining({ ruleId: "R04.2", cell: "I7", explained: true, explanation: "上期培训人数重复统计,本期已核减" })]);

    const submitted = await tianbao(["submit", workbook, "--json"], as(tokens.clerk));
    expect(submitted.exitCode, submitted.stderr).toBe(0);
    expect(JSON.parse(submitted.stdout)).toMatchObject({ revision: 1, status: "submitted", repeated: false });
  });
});
