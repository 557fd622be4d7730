import { describe, expect, it } from "vitest";
import { MemoryWorkbook } from "../../support/memory-workbook.ts";
import { formSetOf } from "../../../shared/forms/form-set.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { unitLayout } from "../../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { previousReportFromRows } from "../../../shared/workbook/previous-report.ts";
import { readReportWorkbook, readReportWorkbookContents } from "../../../shared/workbook/read-report.ts";
import { renderReportTemplate, reportTemplateWorkbook } from "../../../shared/workbook/render-template.ts";
import { readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { writeXlsx } from "../../../shared/xlsx/write-xlsx.ts";
import { sampleReport } from "../../support/sample-report.ts";

const formSet = currentFormSet;
const jinan = reportingTree.unit("370100")!;
const layout = unitLayout(formSet, jinan, "2019");
const readOptions = { formSetOf };
const HISTORY_RULES = ["R01.2", "R02.3", "R03.3", "R04.2"];

/** Last period's report with figures that set off every history rule against this period's sample report. */
function previousPeriod(): ReportData {
  const previous = sampleReport(jinan, { seed: 7, period: "2018" });
  const [first, second, third, fourth] = jinan.children.map((county) => county.code);
  const row = (sheetCode: string, key: string | undefined) => previous.sheets[sheetCode]!.find((candidate) => candidate.key === key)!.values;
  row("教扶01", first).E01_PRE = 100_000; // R01.2: changed by more than half
  row("教扶02", second).E02_INV_DONE = 1_000_000; // R02.3: a cumulative figure fell
  row("教扶03", third).E03_KG_DONE = 10_000; // R03.3
  row("教扶04", fourth).E04_TRAINED = 10_000; // R04.2
  return previous;
}

/** The values of the fields _prev holds, county by county: what the previous report says about them. */
function previousFieldsOf(report: ReportData) {
  return Object.fromEntries(
    layout.sheets
      .filter((sheet) => sheet.sheet.kind === "grid" && sheet.fieldCodes.some((code) => layout.previous.fieldCodes.includes(code)))
      .map((sheet) => [
        sheet.sheet.code,
        jinan.children.map((county) => {
          const values = report.sheets[sheet.sheet.code]?.find((row) => row.key === county.code)?.values ?? {};
          return {
            key: county.code,
            values: Object.fromEntries(
              layout.previous.fieldCodes.filter((code) => sheet.fieldCodes.includes(code) && values[code] != null).map((code) => [code, values[code]]),
            ),
          };
        }),
      ]),
  );
}

const issuesOf = (report: ReportData, previous?: ReportData) =>
  validateReport({ formSet, unit: jinan, report, ...(previous && { previous }) }).issues.map(({ ruleId, cell, rowKey, fieldCode, messageZh }) => ({
    ruleId,
    cell,
    rowKey,
    fieldCode,
    messageZh,
  }));

describe("the previous period's values on _prev read back as the previous report", () => {
  const previous = previousPeriod();
  const report = sampleReport(jinan);

  it("a template rendered with last period's report gives back its values for every field _prev holds, county by county", () => {
    const read = readReportWorkbookContents(renderReportTemplate({ formSet, unit: jinan, period: "2019", previous }), readOptions).previous;
    expect(read).toBeDefined();
    expect([read!.edition, read!.unitCode, read!.period]).toEqual(["323/2019", jinan.code, "2018"]);
    expect(read!.sheets).toEqual(previousFieldsOf(previous));
    expect(Object.keys(read!.sheets).sort()).toEqual(["教扶01", "教扶02", "教扶03", "教扶04"]);
  });

  it("validating with it gives the same issues as with the original previous report, every history rule among them", () => {
    const contents = readReportWorkbookContents(renderReportTemplate({ formSet, unit: jinan, period: "2019", previous, report }), readOptions);
    const expected = issuesOf(report, previous);
    expect(new Set(expected.map((issue) => issue.ruleId))).toEqual(new Set(HISTORY_RULES));
    expect(issuesOf(contents.report, contents.previous)).toEqual(expected);
    // Without _prev the history rules are silent: the reader must not lose them.
    expect(issuesOf(contents.report)).toEqual([]);
  });

  it("is undefined when _prev is empty (a template rendered without a previous report) or missing", () => {
    expect(readReportWorkbookContents(renderReportTemplate({ formSet, unit: jinan, period: "2019", report }), readOptions).previous).toBeUndefined();
    const workbook = reportTemplateWorkbook({ formSet, unit: jinan, period: "2019", report, previous });
    workbook.sheets = workbook.sheets.filter((sheet) => sheet.name !== layout.previous.name);
    const contents = readReportWorkbookContents(writeXlsx(workbook), readOptions);
    expect(contents.previous).toBeUndefined();
    expect(contents.report).toEqual(readReportWorkbook(writeXlsx(workbook), readOptions));
  });

  it("finds the values by the codes in row 1 and the keys in column A, and ignores the 合计 row and codes _prev does not hold", () => {
    const header = ["_KEY", "E04_TRAINED", "E04_PLAN_UNKNOWN", "E01_PRE"];
    const [first, second] = jinan.children.map((county) => county.code);
    const rows = [header, [jinan.code, 999, 1, 999], [second!, 20, 1, null], [first!, 10, 1, 30]];
    const read = previousReportFromRows(layout, rows)!;
    expect(read.sheets["教扶04"]!.slice(0, 3)).toEqual([
      { key: first, values: { E04_TRAINED: 10 } },
      { key: second, values: { E04_TRAINED: 20 } },
      { key: jinan.children[2]!.code, values: {} },
    ]);
    expect(read.sheets["教扶01"]![0]).toEqual({ key: first, values: { E01_PRE: 30 } });
    expect(read.sheets["教扶01"]).toHaveLength(jinan.children.length);
    expect(previousReportFromRows(layout, [header, [first!, null, 1, ""]])).toBeUndefined();
    expect(previousReportFromRows(layout, [])).toBeUndefined();
  });

  it("the add-in reads the same previous report from the same workbook's cells", async () => {
    const bytes = renderReportTemplate({ formSet, unit: jinan, period: "2019", previous, report });
    const memory = new MemoryWorkbook(() => []);
    for (const sheet of readXlsx(bytes).sheets) {
      memory.sheets.set(sheet.name, { name: sheet.name, cells: new Map([...sheet.cells].map(([a1, cell]) => [a1, cell.value ?? null])) });
    }
    const inAddin = await memory.readReport(layout);
    const fromFile = readReportWorkbookContents(bytes, readOptions);
    expect(inAddin.previous).toEqual(fromFile.previous);
    expect(issuesOf(inAddin.report, inAddin.previous)).toEqual(issuesOf(fromFile.report, fromFile.previous));
  });
});
