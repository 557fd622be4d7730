// `tianbao validate` on hostile files, generated here (test/support/hostile-xlsx.ts), run as a
// child process: exit 2 and one line on stderr naming the limit. Speed and memory are in
// `npm run bench` (bench/hostile-files.bench.ts), not here.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { appendRows, nestDeep, withSheetXml, zipBomb } from "../support/hostile-xlsx.ts";
import { sampleReport } from "../support/sample-report.ts";
import { tianbao } from "./run-tianbao.ts";

const jinan = reportingTree.unit("370100")!;
const filled = renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report: sampleReport(jinan) });
const dir = mkdtempSync(join(tmpdir(), "tianbao-cli-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, `${name}.xlsx`);
  writeFileSync(path, bytes);
  return path;
}

describe("tianbao validate refuses hostile files in one line naming the limit", () => {
  it.each([
    [
      "three parts of 1.2 GB",
      () => zipBomb({ parts: 3, mebibytes: 1200 }),
      /^不是可读取的报表模板:拒绝读取:部件 xl\/worksheets\/sheet1\.xml 解压后超过 32 MiB \/ .*refused: part xl\/worksheets\/sheet1\.xml inflates past 32 MiB$/,
    ],
    [
      "forty parts of 31 MiB",
      () => zipBomb({ parts: 40, mebibytes: 31 }),
      /^不是可读取的报表模板:拒绝读取:解压后总量超过 64 MiB \/ .*refused: the parts inflate past 64 MiB in all$/,
    ],
    [
      "XML nested a million deep",
      () => withSheetXml(filled, "说明", (xml) => nestDeep(xml, 1_000_000)),
      /^不是可读取的报表模板:拒绝读取:.*的 XML 嵌套超过 64 层 \/ .*refused: XML in .* nests deeper than 64 levels$/,
    ],
    [
      "说明 with 20,000 filled rows",
      () => withSheetXml(filled, "说明", (xml) => appendRows(xml, 2, 20_000, true)),
      /^不是可读取的报表模板:拒绝读取:工作表“说明”第 11001 行有内容.* beyond the reader's limit of 11000 rows$/,
    ],
  ])("%s → exit 2", async (name, bytes, message) => {
    const run = await tianbao(["validate", file(name, bytes())]);
    expect(run.exitCode).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it("a million empty rows under 说明 are read past, not kept: the workbook validates", async () => {
    const run = await tianbao([
      "validate",
      file(
        "padded",
        withSheetXml(filled, "说明", (xml) => appendRows(xml, 2, 1_000_000, false)),
      ),
    ]);
    expect(run.exitCode).toBe(0);
  });
});
