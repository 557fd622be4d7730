// `tianbao validate` on workbooks a clerk (or a mail program) has damaged, run as a child process:
// exit 2 with the reason when the file is not a readable template, exit 1 with the issue naming
// the cell when it is readable but cannot be submitted. The damage is done with ExcelJS.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { demoReports } from "../../scripts/demo/demo-reports.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { tianbao } from "./run-tianbao.ts";

const jinan = reportingTree.unit("370100")!;
const report = demoReports(currentFormSet, reportingTree).find((candidate) => candidate.unitCode === jinan.code)!;
const filled = renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report });

const dir = mkdtempSync(join(tmpdir(), "tianbao-cli-damaged-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function damaged(name: string, damage: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(filled as unknown as ArrayBuffer);
  damage(workbook);
  const path = join(dir, `${name}.xlsx`);
  writeFileSync(path, new Uint8Array(await workbook.xlsx.writeBuffer()));
  return path;
}
const sheet = (workbook: ExcelJS.Workbook, prefix: string) => workbook.worksheets.find((candidate) => candidate.name.startsWith(prefix))!;

describe("tianbao validate on damaged workbooks", () => {
  it("passes the undamaged workbook after ExcelJS opened and saved it (exit 0)", async () => {
    const run = await tianbao(["validate", await damaged("untouched", () => {})]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain("济南市 2019 可以报送 / can be submitted");
  });

  const unreadable: { name: string; damage: (workbook: ExcelJS.Workbook) => void; message: string }[] = [
    { name: "a deleted sheet", damage: (workbook) => workbook.removeWorksheet(sheet(workbook, "教扶04").id), message: "缺少工作表“教扶04 教师队伍提升”" },
    {
      name: "a column inserted before E04_EXCH (every column after it moved)",
      damage: (workbook) => sheet(workbook, "教扶04").spliceColumns(4, 0, []),
      message: "工作表“教扶04 教师队伍提升”的代码行第 4 行 D 列应为 E04_EXCH,实为 空(是否插入或删除了列?)",
    },
    {
      name: "a row inserted above the code row",
      damage: (workbook) => sheet(workbook, "教扶02").spliceRows(1, 0, []),
      message: "工作表“教扶02 义务教育薄弱学校改造”的代码行应在第 4 行,实在第 5 行",
    },
    {
      name: "a wrong edition in _meta",
      damage: (workbook) => (sheet(workbook, "_meta").getCell("B1").value = "323/2099"),
      message: "不支持的表式版本 323/2099",
    },
  ];
  for (const { name, damage, message } of unreadable) {
    it(`refuses ${name} as not a readable template (exit 2), naming the place`, async () => {
      const run = await tianbao(["validate", await damaged(name.replaceAll(" ", "-"), damage)]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    });
  }

  it("refuses a file that is not .xlsx (exit 2), and says so as JSON with --json", async () => {
    const path = join(dir, "not-a-workbook.xlsx");
    writeFileSync(path, "代码,名称\n370102,历下区\n");
    const run = await tianbao(["validate", path]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("不是有效的 .xlsx 工作簿");
    const json = await tianbao(["validate", path, "--json"]);
    expect(json.exitCode).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ readable: false, reason: "not-xlsx" });
  });

  it("finds text in a number cell (exit 1), naming the cell and the rule", async () => {
    const run = await tianbao(["validate", await damaged("text-in-number", (workbook) => (sheet(workbook, "教扶01").getCell("C7").value = "一百二十"))]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^教扶01!C7 T02 error 学前教育 .*一百二十/m);
    expect(run.stdout).toContain("济南市 2019 不能报送 / cannot be submitted");
  });

  it("finds a formula overwritten by a value (exit 1): the rule that checks the total, and a note on the cell", async () => {
    const run = await tianbao(["validate", await damaged("formula-overwritten", (workbook) => (sheet(workbook, "教扶01").getCell("H7").value = 1)), "--json"]);
    expect(run.exitCode).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.canSubmit).toBe(false);
    expect(result.issues.map((issue: { address: string; ruleId: string }) => `${issue.address} ${issue.ruleId}`)).toContain("教扶01!H7 R01.1");
    expect(result.notes.map((note: { messageZh: string }) => note.messageZh)).toEqual(["教扶01 建档立卡贫困教育人口!H7 合计 的公式被改写为数值 1"]);
  });
});
