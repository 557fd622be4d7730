// LibreOffice opens the rendered workbooks and recomputes every formula: its results must equal
// the values the project wrote (the engine's), and its re-saved file must read back as the report.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { consolidate } from "../../../shared/consolidate/consolidate.ts";
import type { ConsolidatedReport } from "../../../shared/consolidate/consolidate.ts";
import { currentFormSet, formSetOf } from "../../../shared/forms/form-set.ts";
import { prefectureLayout, provinceGridRows, workbookLayout } from "../../../shared/layout/workbook-layout.ts";
import type { WorkbookLayout } from "../../../shared/layout/workbook-layout.ts";
import { regionTable } from "../../../shared/regions/region-table.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { readReportWorkbook } from "../../../shared/workbook/read-report.ts";
import { STATUS_SHEET_NAME, renderConsolidatedWorkbook } from "../../../shared/workbook/render-consolidated.ts";
import type { ConsolidationStatusRow } from "../../../shared/workbook/render-consolidated.ts";
import { renderReportTemplate } from "../../../shared/workbook/render-template.ts";
import { CSV_EVERY_SHEET, XLSX_RESAVE, convertWithLibreOffice, parseCsv, skipWithoutLibreOffice } from "../../support/libreoffice.ts";
import { sampleReport, withValue } from "../../support/sample-report.ts";

const skip = skipWithoutLibreOffice("the workbook test comparing LibreOffice's recomputed formulas with the engine");
const formSet = currentFormSet;
const jinan = regionTable.prefecture("370100")!;
const provenance = (report: ReportData) => ({ prefectureCode: report.prefectureCode, submissionId: "s", revision: 1, status: "accepted", submittedAt: "2020-01-20T08:00:00Z" });

/** LibreOffice's CSV keeps the percent sign of percentage-formatted cells (at full precision). */
const numberShown = (text: string) => (text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text));

describe("LibreOffice and the rendered workbooks", () => {
  const dir = mkdtempSync(join(tmpdir(), "tianbao-workbook-lo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Every sheet of dir/<file> as LibreOffice computes it, by sheet name. */
  function recomputed(file: string, bytes: Uint8Array): Map<string, string[][]> {
    writeFileSync(join(dir, file), bytes);
    const outDir = `${file}-csv`;
    const run = convertWithLibreOffice(dir, file, CSV_EVERY_SHEET, outDir);
    expect(run.status, run.stderr).toBe(0);
    const base = file.replace(/\.xlsx$/, "");
    return new Map(readdirSync(join(dir, outDir)).map((name) => [name.slice(base.length + 1, -4), parseCsv(readFileSync(join(dir, outDir, name), "utf8"))]));
  }

  /** Each formula cell of the grid sheets, as LibreOffice computed it, against the engine's value for that row. */
  function expectRecomputedEqualsEngine(sheets: Map<string, string[][]>, layout: WorkbookLayout, engine: ConsolidatedReport, rowKinds: string[]): number {
    let compared = 0;
    for (const sheetLayout of layout.sheets.filter((candidate) => candidate.sheet.kind !== "cover")) {
      const csv = sheets.get(sheetLayout.name)!;
      const rows = new Map(engine.sheets[sheetLayout.sheet.code]!.map((row) => [row.key, row.values]));
      for (const gridRow of sheetLayout.rows.filter((row) => rowKinds.includes(row.kind) || sheetLayout.sheet.computed.length > 0)) {
        const isTotal = rowKinds.includes(gridRow.kind);
        for (const fieldCode of sheetLayout.fieldCodes) {
          const computed = sheetLayout.sheet.field(fieldCode)?.formula !== undefined;
          if (!isTotal && !computed) continue;
          const expected = rows.get(gridRow.key)?.[fieldCode] ?? null;
          const shown = csv[sheetLayout.rowOf(gridRow.key)!]?.[sheetLayout.columnOf(fieldCode)];
          const where = `${sheetLayout.name} ${gridRow.key} ${fieldCode}`;
          if (expected === null) expect(shown, where).toBe("");
          else expect(numberShown(shown ?? ""), where).toBeCloseTo(expected, 9);
          compared++;
        }
      }
    }
    return compared;
  }

  it.skipIf(skip)(
    "recomputes the filled template's 合计 rows and computed fields to the engine's values",
    () => {
      const report = withValue(sampleReport(jinan, { listRows: 8 }), "教扶03", jinan.counties[2]!.code, "E03_KG_PLAN", 0); // a rate with no plan shows blank
      const sheets = recomputed("report.xlsx", renderReportTemplate({ formSet, prefecture: jinan, period: "2019", report, previous: sampleReport(jinan, { period: "2018" }) }));
      const layout = prefectureLayout(formSet, jinan, "2019");
      expect([...sheets.keys()].sort()).toEqual([...layout.sheets.map((sheet) => sheet.name), "说明", "_meta", "_prev"].sort());
      const engine = consolidate(formSet, regionTable, "2019", [{ report, provenance: provenance(report) }]);
      const compared = expectRecomputedEqualsEngine(sheets, layout, engine, ["total"]);
      expect(compared).toBeGreaterThan(100);
      expect(sheets.get(layout.sheet("教扶03")!.name)![layout.sheet("教扶03")!.rowOf(jinan.counties[2]!.code)!]![4]).toBe("");
    },
    120_000,
  );

  it.skipIf(skip)(
    "re-saved by LibreOffice, a filled template reads back as the same report with the same issues",
    () => {
      let report = withValue(sampleReport(jinan), "教扶05", jinan.counties[1]!.code, "E05_COVERED", 1);
      report = withValue(report, "教扶04", jinan.counties[0]!.code, "E04_PRIN", 999);
      report.explanations = [{ ruleId: "R05.2", sheetCode: "教扶05", rowKey: jinan.counties[1]!.code, fieldCode: "E05_COVERED", text: "部分重点村学校已撤并" }];
      writeFileSync(join(dir, "filled.xlsx"), renderReportTemplate({ formSet, prefecture: jinan, period: "2019", report }));
      const run = convertWithLibreOffice(dir, "filled.xlsx", XLSX_RESAVE, "resaved");
      expect(run.status, run.stderr).toBe(0);
      const read = readReportWorkbook(new Uint8Array(readFileSync(join(dir, "resaved", "filled.xlsx"))), { formSetOf, regions: regionTable });
      const inputs = (data: ReportData, sheetCode: string) =>
        data.sheets[sheetCode]!.map((row) => Object.fromEntries(Object.entries(row.values).filter(([code]) => !formSet.sheet(sheetCode)!.field(code)!.formula)));
      for (const sheet of formSet.sheets) expect(inputs(read, sheet.code), sheet.code).toEqual(inputs(report, sheet.code));
      expect(read.explanations).toEqual(report.explanations);
      const issues = (data: ReportData) => validateReport({ formSet, prefecture: jinan, report: data }).issues.map(({ ruleId, cell, messageZh, explanation }) => ({ ruleId, cell, messageZh, explanation }));
      expect(issues(read)).toEqual(issues(report));
    },
    120_000,
  );

  it.skipIf(skip)(
    "recomputes the consolidated workbook's province and prefecture totals and ratios to the consolidated values",
    () => {
      const reports = regionTable.prefectures.slice(0, 15).map((prefecture, index) => sampleReport(prefecture, { seed: index + 1, listRows: 4 }));
      const consolidated = consolidate(formSet, regionTable, "2019", reports.map((report) => ({ report, provenance: provenance(report) })));
      const status: ConsolidationStatusRow[] = regionTable.prefectures.map((prefecture, index) => ({
        prefectureCode: prefecture.code,
        prefectureName: prefecture.name,
        revision: index < 15 ? 1 : null,
        statusZh: index < 15 ? "通过" : "未报",
        accepted: index < 15 && index !== 3,
        submittedBy: "填表人",
        submittedAt: "2020-01-20T08:00:00Z",
        explanations: index === 1 ? [{ ruleId: "R05.2", address: "教扶05!E7", text: "部分学校已撤并" }] : [],
      }));
      const sheets = recomputed("province.xlsx", renderConsolidatedWorkbook({ formSet, regions: regionTable, consolidated, status }));
      const layout = workbookLayout(formSet, regionTable.province, "2019", provinceGridRows(regionTable), { consolidated: true });
      const compared = expectRecomputedEqualsEngine(sheets, layout, consolidated, ["province", "prefecture"]);
      expect(compared).toBeGreaterThan(1000);
      const statusSheet = sheets.get(STATUS_SHEET_NAME)!;
      expect(statusSheet[4]!.slice(0, 4)).toEqual([regionTable.prefectures[3]!.code, regionTable.prefectures[3]!.name, "1", "通过"]);
      expect(statusSheet[4]![7]).toContain("尚未审核通过");
      expect(statusSheet[16]![7]).toContain("未报送");
    },
    120_000,
  );
});
