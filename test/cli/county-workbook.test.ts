import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeFailure } from "../../cli/cli-error.ts";
import { templateCommand } from "../../cli/commands/template.ts";
import { validateCommand } from "../../cli/commands/validate.ts";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";

import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";

const dir = mkdtempSync(join(tmpdir(), "tianbao-county-"));
const lixia = reportingTree.unit("370102")!;
let out: string[];
let err: string[];

/** Runs a command in-process as `tianbao` would, with its stdout and stderr lines and exit code. */
async function run(command: { run(args: string[]): Promise<number> }, args: string[]) {
  out = [];
  err = [];
  const exitCode = await command.run(args).catch((error: unknown) => {
    const failure = describeFailure(error);
    err.push(failure.line);
    return failure.exitCode;
  });
  return { exitCode, stdout: out.join("\n"), stderr: err.join("\n") };
}

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(line));
  vi.stubEnv("TIANBAO_SERVER", "");
  vi.stubEnv("TIANBAO_TOKEN", "");
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("tianbao template --unit and validate on a county's workbook", () => {
  it("renders a county's workbook with --unit, and a prefecture's with --unit or --prefecture, byte for byte as before", async () => {
    const county = join(dir, "lixia.xlsx");
    const rendered = await run(templateCommand, ["--unit", "370102", "--period", "2019", "-o", county, "--local"]);
    expect(rendered).toMatchObject({ exitCode: 0, stdout: `已生成 / written: ${county} (济南市历下区 2019, 323/2019)` });
    expect(new Uint8Array(readFileSync(county))).toEqual(renderReportTemplate({ formSet: currentFormSet, unit: lixia, period: "2019" }));

    const prefecture = renderReportTemplate({ formSet: currentFormSet, unit: reportingTree.unit("370100")!, period: "2019" });
    for (const flag of ["--unit", "--prefecture"]) {
      const path = join(dir, `jinan${flag}.xlsx`);
      expect((await run(templateCommand, [flag, "370100", "--period", "2019", "-o", path, "--local"])).exitCode).toBe(0);
      expect(new Uint8Array(readFileSync(path))).toEqual(prefecture);
    }
  });

  it("refuses the province, an unknown code, both flags, and --local with a server", async () => {
    const path = join(dir, "x.xlsx");
    expect(await run(templateCommand, ["--unit", "370000", "--period", "2019", "-o", path])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining("370000 不是山东省的报送单位（地市或县、市、区）"),
    });
    expect((await run(templateCommand, ["--unit", "379999", "--period", "2019", "-o", path])).exitCode).toBe(2);
    expect((await run(templateCommand, ["--unit", "370102", "--prefecture", "370100", "--period", "2019", "-o", path])).exitCode).toBe(2);
    expect(await run(templateCommand, ["--unit", "370102", "--period", "2019", "-o", path, "--local", "--server", "http://127.0.0.1:9"])).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining("--local 不能与 --server/--token 同用"),
    });
  });

  it("validates a filled county workbook with the engine's messages (exit 1 with an error, 0 once fixed)", async () => {
    const jinanReport = sampleReport(reportingTree.unit("370100")!, { listRows: 24 });
    const report = childReportOf(currentFormSet, jinanReport, lixia, { cover: jinanReport.sheets["封面"]![0]! });
    const cell = unitLayout(currentFormSet, lixia, "2019").sheet("教扶04")!.cellOf("370102", "E04_PRIN");
    const broken = join(dir, "lixia-broken.xlsx");
    writeFileSync(
      broken,
      renderReportTemplate({ formSet: currentFormSet, unit: lixia, period: "2019", report: withValue(report, "教扶04", "370102", "E04_PRIN", 9999) }),
    );
    const failed = await run(validateCommand, [broken]);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toMatch(new RegExp(`^教扶04!${cell} R04\\.1 error 其中:城镇校长到乡村学校任职、交流 \\(9999\\) 大于`, "m"));
    expect(failed.stdout).toContain("济南市历下区 2019 不能报送 / cannot be submitted: 1 个错误");
    expect(failed.stdout).toMatch(/ \/ 1 error, \d+ warnings? \(/); // "1 error", never "1 errors"

    const fixed = join(dir, "lixia.xlsx");
    writeFileSync(fixed, renderReportTemplate({ formSet: currentFormSet, unit: lixia, period: "2019", report }));
    const json = await run(validateCommand, [fixed, "--json"]);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ unitCode: "370102", period: "2019", canSubmit: true, errorCount: 0, issues: [] });
  });
});
