// LibreOffice opens the rendered workbooks and recomputes every formula: its results must equal
// the values the project wrote (the engine's), and its re-saved file must read back as the report.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { consolidate } from "../../../shared/consolidate/consolidate.ts";
import { formSetOf } from "../../../shared/forms/form-set.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { unitLayout, provinceGridRows, workbookLayout } from "../../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { readReportWorkbook } from "../../../shared/workbook/read-report.ts";
import { STATUS_SHEET_NAME, renderConsolidatedWorkbook } from "../../../shared/workbook/render-consolidated.ts";
import type { ConsolidationStatusRow } from "../../../shared/workbook/render-consolidated.ts";
import { renderReportTemplate } from "../../../shared/workbook/render-template.ts";
import { XLSX_RESAVE, convertWithLibreOffice, skipWithoutLibreOffice } from "../../support/libreoffice.ts";
import { expectRecomputedEqualsEngine, recomputedByLibreOffice } from "../../support/libreoffice-recomputed.ts";
import { sampleReport, withValue } from "../../support/sample-report.ts";

const skip = skipWithoutLibreOffice("the workbook test comparing LibreOffice's recomputed formulas with the engine");
const formSet = currentFormSet;
const jinan = reportingTree.unit("370100")!;
const provenance = (report: ReportData) => ({
  unitCode: report.unitCode,
  submissionId: "s",
  revision: 1,
  status: "accepted",
  submittedAt: "2020-01-20T08:00:00Z",
});

describe("LibreOffice and the rendered workbooks", () => {
  const dir = mkdtempSync(join(tmpdir(), "tianbao-workbook-lo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const recomputed = (file: string, bytes: Uint8Array) => recomputedByLibreOffice(dir, file, bytes);

  it.skipIf(skip)(
    "recomputes the filled template's 合计 rows and computed fields to the engine's values",
    () => {
      const report = withValue(sampleReport(jinan, { listRows: 8 }), "教扶03", jinan.children[2]!.code, "E03_KG_PLAN", 0); // a rate with no plan shows blank
      const sheets = recomputed(
        "report.xlsx",
        renderReportTemplate({ formSet, unit: jinan, period: "2019", report, previous: sampleReport(jinan, { period: "2018" }) }),
      );
      const layout = unitLayout(formSet, jinan, "2019");
      expect([...sheets.keys()].sort()).toEqual([...layout.sheets.map((sheet) => sheet.name), "说明", "_meta", "_prev"].sort());
      const engine = consolidate(formSet, reportingTree.root, "2019", [{ report, provenance: provenance(report) }]);
      const compared = expectRecomputedEqualsEngine(sheets, layout, engine, ["total"]);
      expect(compared).toBeGreaterThan(100);
      expect(sheets.get(layout.sheet("教扶03")!.name)![layout.sheet("教扶03")!.rowOf(jinan.children[2]!.code)!]![4]).toBe("");
    },
    120_000,
  );

  it.skipIf(skip)(
    "re-saved by LibreOffice, a filled template reads back as the same report with the same issues",
    () => {
      let report = withValue(sampleReport(jinan), "教扶05", jinan.children[1]!.code, "E05_COVERED", 1);
      report = withValue(report, "教扶04", jinan.children[0]!.code, "E04_PRIN", 999);
      report.explanations = [{ ruleId: "R05.2", sheetCode: "教扶05", rowKey: jinan.children[1]!.code, fieldCode: "E05_COVERED", text: "部分重点村学校已撤并" }];
      writeFileSync(join(dir, "filled.xlsx"), renderReportTemplate({ formSet, unit: jinan, period: "2019", report }));
      const run = convertWithLibreOffice(dir, "filled.xlsx", XLSX_RESAVE, "resaved");
      expect(run.status, run.stderr).toBe(0);
      const read = readReportWorkbook(new Uint8Array(readFileSync(join(dir, "resaved", "filled.xlsx"))), { formSetOf });
      const inputs = (data: ReportData, sheetCode: string) =>
        data.sheets[sheetCode]!.map((row) =>
          Object.fromEntries(Object.entries(row.values).filter(([code]) => !formSet.sheet(sheetCode)!.field(code)!.formula)),
        );
      for (const sheet of formSet.sheets) expect(inputs(read, sheet.code), sheet.code).toEqual(inputs(report, sheet.code));
      expect(read.explanations).toEqual(report.explanations);
      const issues = (data: ReportData) =>
        validateReport({ formSet, unit: jinan, report: data }).issues.map(({ ruleId, cell, messageZh, explanation }) => ({
          ruleId,
          cell,
          messageZh,
          explanation,
        }));
      expect(issues(read)).toEqual(issues(report));
    },
    120_000,
  );

  it.skipIf(skip)(
    "recomputes the consolidated workbook's province and prefecture totals and ratios to the consolidated values",
    () => {
      const reports = reportingTree.root.children.slice(0, 15).map((prefecture, index) => sampleReport(prefecture, { seed: index + 1, listRows: 4 }));
      const consolidated = consolidate(
        formSet,
        reportingTree.root,
        "2019",
        reports.map((report) => ({ report, provenance: provenance(report) })),
      );
      const status: ConsolidationStatusRow[] = reportingTree.root.children.map((prefecture, index) => ({
        unitCode: prefecture.code,
        unitName: prefecture.name,
        revision: index < 15 ? 1 : null,
        statusZh: index < 15 ? "通过" : "未报",
        accepted: index < 15 && index !== 3,
        submittedBy: "填表人",
        submittedAt: "2020-01-20T08:00:00Z",
        stampedCopySha256: null,
        explanations:
          index === 1 ? [{ ruleId: "R05.2", address: "教扶05!E7", message: "教扶05!E7 学校数 少于上期的一半 [R05.2]", text: "部分学校已撤并" }] : [],
      }));
      const sheets = recomputed("province.xlsx", renderConsolidatedWorkbook({ formSet, tree: reportingTree, consolidated, status }));
      const layout = workbookLayout(formSet, reportingTree.root, "2019", provinceGridRows(reportingTree.root), { consolidated: true });
      const compared = expectRecomputedEqualsEngine(sheets, layout, consolidated, ["province", "prefecture"]);
      expect(compared).toBeGreaterThan(1000);
      const statusSheet = sheets.get(STATUS_SHEET_NAME)!;
      expect(statusSheet[4]!.slice(0, 4)).toEqual([reportingTree.root.children[3]!.code, reportingTree.root.children[3]!.name, "1", "通过"]);
      expect(statusSheet[4]![8]).toContain("尚未审核通过");
      expect(statusSheet[16]![8]).toContain("未报送");
    },
    120_000,
  );
});
