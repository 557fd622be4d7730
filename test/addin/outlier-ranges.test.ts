// O01 offline: a workbook whose _ranges sheet carries the Worker's outlier ranges raises the same
// warning in the pane (over the model of Excel), on the page (the file) and in the CLI's check.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ExcelReportWorkbook } from "../../addin/excel/excel-report-workbook.ts";
import { FileReportWorkbook } from "../../addin/file/file-report-workbook.ts";
import { ReportSession } from "../../addin/logic/report-session.ts";
import type { ReportWorkbook } from "../../addin/workbook/report-workbook.ts";
import { checkReportFile } from "../../cli/checked-report.ts";
import { computeOutlierRanges, rangedFields } from "../../shared/quality/outlier-ranges.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { hostWithWorkbook } from "../support/excel-model/excel-host.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";
import { prefecture } from "./support/filled-workbook.ts";

const county = prefecture.children[0]!.code;
const honest = sampleReport(prefecture);

/** Each county's sample figures as its 4 earlier periods and as this period's peers. */
function sampleRanges() {
  const values = new Map(prefecture.children.map((child) => [child.code, {} as Record<string, number>]));
  for (const rows of Object.values(honest.sheets)) for (const row of rows) if (values.has(row.key)) Object.assign(values.get(row.key)!, row.values);
  return computeOutlierRanges({
    fields: rangedFields(currentFormSet),
    units: [...values.keys()],
    current: values,
    history: new Map([...values].map(([code, record]) => [code, [record, record, record, record]])),
  });
}

it("a value ×10 raises the same O01 in the pane, on the page and in the CLI, from the template's _ranges", async () => {
  const before = honest.sheets["教扶01"]!.find((row) => row.key === county)!.values.E01_PRE as number;
  const bytes = renderReportTemplate({
    formSet: currentFormSet,
    unit: prefecture,
    period: "2019",
    report: withValue(honest, "教扶01", county, "E01_PRE", before * 10),
    ranges: sampleRanges(),
  });
  const outliersOf = async (workbook: ReportWorkbook) => {
    const session = await ReportSession.open(workbook, (await workbook.readIdentity())!);
    return session.result.issues.filter((issue) => issue.ruleId === "O01").map((issue) => issue.messageZh);
  };

  hostWithWorkbook(bytes).install();
  const pane = await outliersOf(new ExcelReportWorkbook());
  const file = new FileReportWorkbook();
  file.load(bytes, "济南.xlsx");
  const page = await outliersOf(file);
  const path = join(await mkdtemp(join(tmpdir(), "tianbao-o01-")), "济南.xlsx");
  await writeFile(path, bytes);
  const cli = (await checkReportFile(path)).validation.issues.filter((issue) => issue.ruleId === "O01").map((issue) => issue.messageZh);

  expect(pane).toHaveLength(1);
  expect(pane[0]).toMatch(/^教扶01!\w+ 学前教育.* 超出合理范围：历年与同级中位数 [\d,]+，合理范围 [\d,]+–[\d,]+ \[O01 异常值\]$/);
  expect(page).toEqual(pane);
  expect(cli).toEqual(pane);
});
