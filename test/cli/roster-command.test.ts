// `tianbao roster template|validate`, run as a clerk would: the real `tianbao` in a child process.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readRosterWorkbook } from "../../shared/roster/read-roster.ts";
import { renderRosterTemplate } from "../../shared/roster/render-roster-template.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { syntheticRoster } from "../../scripts/demo/demo-rosters.ts";
import { fillRosterWithExcelJS, fourIssueRoster } from "../support/roster-files.ts";

const bin = fileURLToPath(new URL("../../cli/bin/tianbao.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "roster-cli-"));

function tianbao(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: dir }, (error, stdout, stderr) =>
      resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("tianbao roster template", () => {
  it("writes the blank roster of a county or a prefecture, named after the unit and period unless --out says otherwise", async () => {
    const run = await tianbao(["roster", "template", "--unit", "370102", "--period", "2019"]);
    expect(run).toMatchObject({ exitCode: 0, stderr: "" });
    expect(run.stdout).toContain("济南市历下区 2019");
    expect(readRosterWorkbook(new Uint8Array(readFileSync(join(dir, "roster-370102-2019.xlsx"))))).toMatchObject({
      unitCode: "370102",
      period: "2019",
      rows: [],
    });
    expect((await tianbao(["roster", "template", "--unit", "370100", "--period", "2019", "--out", "jinan.xlsx"])).exitCode).toBe(0);
    expect(readRosterWorkbook(new Uint8Array(readFileSync(join(dir, "jinan.xlsx")))).unitCode).toBe("370100");
  }, 60_000);

  it("refuses the province, an unknown unit, a bad period and a missing --unit as usage errors (exit 2), writing nothing", async () => {
    for (const args of [["--unit", "370000"], ["--unit", "379999"], ["--unit", "370102", "--period", "19"], []]) {
      const run = await tianbao(["roster", "template", ...args, "--out", "refused.xlsx"]);
      expect(run.exitCode, args.join(" ")).toBe(2);
      expect(run.stderr.trim().split("\n")[0]).toMatch(/\p{Script=Han}.* \/ /u);
    }
    expect(existsSync(join(dir, "refused.xlsx"))).toBe(false);
  }, 60_000);
});

describe("tianbao roster validate", () => {
  it("lists the four-issue roster's four issues, one line each naming cell and rule, Chinese then English, and exits 1", async () => {
    const { roster, expected } = fourIssueRoster();
    writeFileSync(join(dir, "four.xlsx"), await fillRosterWithExcelJS(renderRosterTemplate(reportingTree.unit("370102")!, "2019"), roster));
    const run = await tianbao(["roster", "validate", "four.xlsx"]);
    expect(run.exitCode).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines.slice(0, 4).map((line) => line.split(" ").slice(0, 3).join(" "))).toEqual(
      expected.map(({ cell, ruleId }) => `教扶10!${cell} ${ruleId} error`),
    );
    expect(lines[3]).toMatch(/身份证件号码是数字而不是文本.*\/ Citizen ID number is a number, not text/);
    expect(lines[4]).toBe(
      "济南市历下区 2019 名册 不能报送 / the roster cannot be submitted: 12 名学生,4 个错误、0 个警告(0 个未说明) / 12 students, 4 errors, 0 warnings (0 unexplained)",
    );
    for (const row of roster.rows) if (typeof row.values.E10_ID === "string") expect(run.stdout).not.toContain(row.values.E10_ID);

    const jsonRun = await tianbao(["roster", "validate", "four.xlsx", "--json"]);
    const json = JSON.parse(jsonRun.stdout);
    expect(json).toMatchObject({ unitCode: "370102", period: "2019", students: 12, canSubmit: false, errorCount: 4 });
    // The duplicate is named by its masked ID in scripts' output; no raw ID is printed.
    expect(json.issues[1].rowKey).toMatch(/^370102\*{8}\d{3}[\dX]$/);
    for (const row of roster.rows) if (typeof row.values.E10_ID === "string") expect(jsonRun.stdout).not.toContain(row.values.E10_ID);
  }, 60_000);

  it("exits 0 for a roster whose unaided students are explained, showing the explanation", async () => {
    const roster = syntheticRoster("370102", "370102", { E01_CMP: 5, E01_HED: 2 }, "2019", 9);
    for (const row of roster.rows) row.values.E10_AIDED = "是";
    roster.rows[3]!.values.E10_AIDED = "否";
    roster.explanations = [{ ruleId: "R10.5", rowKey: roster.rows[3]!.values.E10_ID as string, text: "该生休学一学期,复学后补发" }];
    writeFileSync(join(dir, "explained.xlsx"), await fillRosterWithExcelJS(renderRosterTemplate(reportingTree.unit("370102")!, "2019"), roster));
    const run = await tianbao(["roster", "validate", "explained.xlsx"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("教扶10!F8 R10.5 warning 本期已受助为“否”");
    expect(run.stdout).toContain("说明:该生休学一学期,复学后补发");
    expect(run.stdout).toContain("可以报送 / the roster can be submitted: 7 名学生");
  }, 60_000);

  it("refuses a file that is not a roster in one line (exit 2), as JSON too when asked", async () => {
    writeFileSync(join(dir, "not.xlsx"), "身份证件号码\n");
    const run = await tianbao(["roster", "validate", "not.xlsx"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^不是可读取的名册 \/ not a readable roster: /);
    const json = await tianbao(["roster", "validate", "not.xlsx", "--json"]);
    expect(json.exitCode).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ readable: false, reason: "not-xlsx" });
    expect((await tianbao(["roster", "check", "x.xlsx"])).exitCode).toBe(2);
    expect((await tianbao(["roster", "validate", "missing.xlsx"])).exitCode).toBe(2);
  }, 60_000);
});
