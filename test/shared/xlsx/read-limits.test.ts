import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { formSetOf } from "../../../shared/forms/form-set.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { REPORT_ROW_LIMIT, WorkbookReadError, readReportWorkbook } from "../../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../../shared/workbook/render-template.ts";
import { XLSX_READ_LIMITS, XlsxLimitError, readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { appendRows, nestDeep, withSheetXml, zipBomb } from "../../support/hostile-xlsx.ts";
import { ceilingReport } from "../../support/ceiling-report.ts";
import { sampleReport } from "../../support/sample-report.ts";

const jinan = reportingTree.unit("370100")!;
const filled = renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report: sampleReport(jinan) });
const read = (bytes: Uint8Array) => readReportWorkbook(bytes, { formSetOf });

describe("the reader's limits", () => {
  it.each([
    ["three parts of 1.2 GB each", { parts: 3, mebibytes: 1200 }, /part xl\/worksheets\/sheet1\.xml inflates past 32 MiB/],
    ["one part that declares 1 KiB and inflates to 1.2 GB", { parts: 1, mebibytes: 1200, understate: true }, /inflates past 32 MiB/],
    ["forty parts just under the part limit", { parts: 40, mebibytes: 31 }, /the parts inflate past 64 MiB in all/],
  ])("refuses a zip bomb: %s", (_shape, options, message) => {
    expect(() => readXlsx(zipBomb(options))).toThrow(XlsxLimitError);
    expect(() => readXlsx(zipBomb(options))).toThrow(message);
  });

  it("refuses an archive of more entries than a workbook has", () => {
    expect(() => readXlsx(zipBomb({ parts: XLSX_READ_LIMITS.entries + 1, mebibytes: 0 }))).toThrow(/more than 1000 entries/);
  });

  it("refuses XML nested past the depth limit, and reads the same sheet nested within it", () => {
    const deep = withSheetXml(filled, "说明", (xml) => nestDeep(xml, XLSX_READ_LIMITS.xmlDepth));
    expect(() => readXlsx(deep)).toThrow(/nests deeper than 64 levels/);
    expect(read(withSheetXml(filled, "说明", (xml) => nestDeep(xml, 10))).unitCode).toBe(jinan.code);
  });

  it("refuses a report workbook with content beyond the rows a report can have, naming the sheet, row and limit", () => {
    const long = withSheetXml(filled, "说明", (xml) => appendRows(xml, 2, REPORT_ROW_LIMIT, true));
    const error = (() => {
      try {
        read(long);
      } catch (thrown) {
        return thrown as WorkbookReadError;
      }
    })();
    expect(error).toBeInstanceOf(WorkbookReadError);
    expect(error?.code).toBe("beyond-limits");
    expect(error?.message).toBe(
      `拒绝读取:工作表“说明”第 ${REPORT_ROW_LIMIT + 1} 行有内容，超出读取上限 ${REPORT_ROW_LIMIT} 行 / refused: sheet “说明” has content in row ${REPORT_ROW_LIMIT + 1}, beyond the reader's limit of ${REPORT_ROW_LIMIT} rows`,
    );
  });

  it("reads a workbook whose 说明 sheet runs to a million empty rows, keeping none of them", () => {
    const padded = withSheetXml(filled, "说明", (xml) => appendRows(xml, 2, 1_000_000, false));
    expect(padded.length).toBeLessThan(XLSX_READ_LIMITS.totalBytes);
    expect(read(padded)).toEqual(read(filled));
  });

  it("reads the largest report workbook (every bound, every text at 2,000 characters) and it inflates to a fraction of the limits", () => {
    const largest = ceilingReport(currentFormSet, jinan);
    for (const row of largest.sheets["教扶06"]!) {
      row.values.E06_UNIV = `${row.position}`.padEnd(2000, "大");
      row.values.E06_TOWN = `${row.position}`.padEnd(2000, "镇");
    }
    for (const code of ["C_HEAD", "C_STAT_HEAD", "C_FILLER"]) largest.sheets["封面"]![0]!.values[code] = "名".repeat(2000);
    const bytes = renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report: largest });
    const parts = Object.values(unzipSync(bytes)).map((part) => part.length);
    expect(Math.max(...parts)).toBeLessThan(XLSX_READ_LIMITS.partBytes / 4);
    expect(parts.reduce((sum, size) => sum + size, 0)).toBeLessThan(XLSX_READ_LIMITS.totalBytes / 4);
    const [first] = read(bytes).sheets["教扶06"]!;
    expect(first?.values).toEqual(largest.sheets["教扶06"]![0]!.values);
  });
});
