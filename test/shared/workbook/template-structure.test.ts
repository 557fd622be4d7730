import { describe, expect, it } from "vitest";
import { currentFormSet } from "../../support/current-form-set.ts";
import { excelReferencesFor } from "../../../shared/layout/excel-references.ts";
import { unitLayout } from "../../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { renderExcelComputedFormula, renderExcelFailureCondition } from "../../../shared/rules/excel-formula.ts";
import { reportTemplateWorkbook } from "../../../shared/workbook/render-template.ts";
import type { XlsxSheet } from "../../../shared/xlsx/model.ts";
import { sampleReport, withValue } from "../../support/sample-report.ts";

const formSet = currentFormSet;
const jinan = reportingTree.unit("370100")!;
const layout = unitLayout(formSet, jinan, "2019");
const workbook = reportTemplateWorkbook({ formSet, unit: jinan, period: "2019" });
const sheetOf = (code: string) => workbook.sheets.find((sheet) => sheet.name === layout.sheet(code)!.name)!;
const firstCounty = jinan.children[0]!.code;
const lastCounty = jinan.children[jinan.children.length - 1]!.code;
const valueAt = (sheet: XlsxSheet, a1: string) => sheet.cells.get(a1)?.value;

describe("the report template", () => {
  it("has the form sheets in form-set order, then 说明, then the hidden _meta and _prev", () => {
    expect(workbook.sheets.map((sheet) => [sheet.name, sheet.state ?? "visible"])).toEqual([
      ...layout.sheets.map((sheet) => [sheet.name, "visible"]),
      ["说明", "visible"],
      ["_meta", "veryHidden"],
      ["_prev", "veryHidden"],
    ]);
  });

  it("heads each form sheet with its title, legal marks, unit line, hidden code row and labels", () => {
    const sheetLayout = layout.sheet("教扶04")!;
    const sheet = sheetOf("教扶04");
    expect(valueAt(sheet, "A1")).toBe("教师队伍提升");
    expect(sheet.merges).toContain("A1:I1");
    expect(valueAt(sheet, "A2")).toBe("表号:教扶04表    制定机关:山东省教育厅    文号:鲁教统字〔2019〕323号    有效期至:2020-12-31");
    expect(valueAt(sheet, "A3")).toBe("填报单位:济南市    报告期:2019");
    expect(valueAt(sheetOf("教扶01"), "A3")).toBe("填报单位:济南市    报告期:2019    计量单位:人");
    expect(sheet.hiddenRows).toEqual([sheetLayout.codeRow]);
    expect(["A4", "B4", "C4", "E4", "I4"].map((a1) => valueAt(sheet, a1))).toEqual(["_KEY", "_NAME", "E04_NEW_RURAL", "E04_PRIN", "E04_TRAINED"]);
    expect(valueAt(sheet, "E5")).toBe("其中:城镇校长到乡村学校任职、交流(人)");
    expect(sheet.cells.get("E5")!.style!.wrap).toBe(true);
    expect(sheet.freeze).toEqual({ row: sheetLayout.firstDataRow, col: 2 });
    expect(sheet.protection).toBeTruthy();
  });

  it("writes county codes as text, 合计 as SUMs over the counties, computed fields as the rendered formula, locked and blue", () => {
    const sheet = sheetOf("教扶01");
    expect(sheet.cells.get("A6")).toMatchObject({ value: "370100", style: { numberFormat: "@" } });
    expect(valueAt(sheet, "B6")).toBe("合计");
    expect(sheet.cells.get("A7")).toMatchObject({ value: firstCounty, style: { numberFormat: "@" } });
    const last = 6 + jinan.children.length;
    expect(sheet.cells.get("C6")!.formula).toBe(`SUM(C7:C${last})`);
    const total = formSet.sheet("教扶01")!.computed[0]!.expression;
    for (const row of [jinan.code, firstCounty]) {
      const a1 = layout.sheet("教扶01")!.cellOf(row, "E01_TOT")!;
      expect(sheet.cells.get(a1)!.formula).toBe(renderExcelComputedFormula(total, excelReferencesFor(layout, "教扶01", row)));
      expect(sheet.cells.get(a1)!.style).toMatchObject({ fill: "BDD7EE", numberFormat: "0" });
      expect(sheet.cells.get(a1)!.style!.locked).not.toBe(false);
    }
    expect(sheet.cells.get("C7")!.style).toMatchObject({ locked: false, numberFormat: "0" });
    expect(sheet.cells.get("C7")!.style!.fill).toBeUndefined();
    expect(sheetOf("教扶02").cells.get("C7")!.style!.numberFormat).toBe("0.00");
    expect(sheetOf("教扶02").cells.get("E7")!.style!.numberFormat).toBe("0.00%");
  });

  it("validates every input column natively, with messages naming the field", () => {
    const grid = sheetOf("教扶02");
    const rows = `7:C${6 + jinan.children.length}`;
    expect(grid.dataValidations).toHaveLength(formSet.sheet("教扶02")!.fields.filter((field) => !field.formula).length);
    expect(grid.dataValidations![0]).toMatchObject({
      range: `C${rows}`,
      type: "decimal",
      operator: "between",
      formula1: "0",
      formula2: "1000000",
      promptTitle: "规划总投入",
    });
    expect(grid.dataValidations![0]!.error).toContain("“规划总投入”");
    expect(grid.dataValidations!.find((validation) => validation.range.startsWith("F7"))).toMatchObject({ type: "whole", formula1: "0" });
    const county = sheetOf("教扶06").dataValidations!.find((validation) => validation.range === "B6:B205")!;
    expect(county).toMatchObject({ type: "list", formula1: `"${jinan.children.map((candidate) => candidate.code).join(",")}"` });
    const cover = workbook.sheets[0]!.dataValidations!;
    expect(cover.find((validation) => validation.range === "C9")).toMatchObject({ type: "date" });
    expect(cover.find((validation) => validation.range === "C8")).toMatchObject({ type: "textLength", formula1: "10", formula2: "13" });
  });

  it("highlights each rule check with one conditional format over its column, rendered for the first data row", () => {
    for (const sheetLayout of layout.sheets) {
      const sheet = sheetOf(sheetLayout.sheet.code);
      const isGrid = sheetLayout.sheet.kind === "grid";
      const [first, last] = isGrid ? [firstCounty, lastCounty] : sheetLayout.sheet.kind === "list" ? [0, 199] : ["", ""];
      const checks = sheetLayout.sheet.rules.flatMap((rule) => rule.checks.map((check) => ({ rule, check })));
      expect(sheet.conditionalFormats, sheetLayout.name).toHaveLength(checks.length);
      for (const { rule, check } of checks) {
        const formula = renderExcelFailureCondition(check.expression, excelReferencesFor(layout, sheetLayout.sheet.code, first))!;
        const format = sheet.conditionalFormats!.find((candidate) => candidate.formula === formula);
        expect(format, `${rule.definition.id} ${check.source}`).toBeDefined();
        expect(format!.fill).toBe(rule.definition.severity === "error" ? "FFC7CE" : "FFEB9C");
        const [top, bottom] = format!.range.split(":");
        expect(sheetLayout.locate(top!)?.row).toBe(first);
        if (bottom) expect(sheetLayout.locate(bottom)?.row).toBe(last);
      }
    }
    // Errors first, so a cell failing both shows red.
    expect(sheetOf("教扶05").conditionalFormats!.map((format) => format.fill)).toEqual(["FFC7CE", "FFEB9C", "FFEB9C"]);
  });

  it("prints 本表主要审核关系 under the table, one line per rule", () => {
    const sheetLayout = layout.sheet("教扶04")!;
    const sheet = sheetOf("教扶04");
    expect(valueAt(sheet, `A${sheetLayout.notesRow + 1}`)).toBe("本表主要审核关系:");
    expect(valueAt(sheet, `A${sheetLayout.notesRow + 2}`)).toBe("R04.1 (强制) 其中:城镇校长到乡村学校任职、交流 ≤ 城镇学校向农村学校交流教师");
    expect(valueAt(sheet, `A${sheetLayout.notesRow + 3}`)).toMatch(/^R04\.2 \(核实\) 新增乡村教师 ≥ 上期新增乡村教师;/);
  });

  it("offers 200 blank, unlocked, formatted rows on the list sheet", () => {
    const sheet = sheetOf("教扶06");
    expect(sheet.cells.get("A6")).toEqual({ value: null, style: { numberFormat: "@", locked: false, border: true } });
    expect(sheet.cells.get("D205")).toEqual({ value: null, style: { numberFormat: "0", locked: false, border: true } });
    expect(sheet.cells.has("A206")).toBe(false);
    expect(sheet.freeze).toEqual({ row: 5, col: 0 });
  });

  it("has the cover one field a row: hidden code column, label, value; 填报单位 and 报告期 prefilled and locked", () => {
    const cover = workbook.sheets[0]!;
    expect(cover.hiddenColumns).toEqual([0]);
    expect(["A3", "B3", "C3"].map((a1) => valueAt(cover, a1))).toEqual(["C_UNIT", "填报单位", "济南市"]);
    expect(["A4", "C4"].map((a1) => valueAt(cover, a1))).toEqual(["C_PERIOD", "2019"]);
    expect(cover.cells.get("C3")!.style!.locked).not.toBe(false);
    expect(cover.cells.get("C5")!.style!.locked).toBe(false);
    expect(cover.cells.get("C9")!.style!.numberFormat).toBe("yyyy-mm-dd");
  });

  it("has the 说明 sheet's headings, unlocked for typing, and _meta with the layout's identity", () => {
    const explanations = workbook.sheets.find((sheet) => sheet.name === "说明")!;
    expect(["A1", "B1", "C1", "D1", "E1", "F1", "G1"].map((a1) => valueAt(explanations, a1))).toEqual([
      "规则",
      "工作表",
      "单元格",
      "行键",
      "字段代码",
      "问题",
      "说明",
    ]);
    expect(explanations.protection).toBeFalsy();
    expect(explanations.cells.get("G2")!.style!.locked).toBe(false);
    const meta = workbook.sheets.find((sheet) => sheet.name === "_meta")!;
    expect(["A1", "B1", "A2", "B2", "A3", "B3", "A4", "B4"].map((a1) => valueAt(meta, a1))).toEqual([
      "edition",
      "323/2019",
      "prefecture",
      "370100",
      "period",
      "2019",
      "checksum",
      layout.checksum,
    ]);
  });

  it("lays the previous period out on _prev by layout.previous, and writes cached values into a filled template", () => {
    const previous = sampleReport(jinan, { period: "2018" });
    const filled = reportTemplateWorkbook({ formSet, unit: jinan, period: "2019", previous, report: sampleReport(jinan) });
    const prev = filled.sheets.find((sheet) => sheet.name === "_prev")!;
    expect(valueAt(prev, "A1")).toBe("_KEY");
    expect(valueAt(prev, "B1")).toBe(layout.previous.fieldCodes[0]);
    const a1 = layout.previous.cellOf(firstCounty, "E04_EXCH")!;
    expect(valueAt(prev, a1)).toBe(previous.sheets["教扶04"]![0]!.values.E04_EXCH);
    expect(valueAt(prev, `A${Number(a1.replace(/^[A-Z]+/, ""))}`)).toBe(firstCounty);
    const grid = filled.sheets[1]!;
    const county = sampleReport(jinan).sheets["教扶01"]![0]!.values as Record<string, number>;
    expect(valueAt(grid, "H7")).toBe(county.E01_PRE! + county.E01_CMP! + county.E01_GHS! + county.E01_SVE! + county.E01_HED!);
    expect(valueAt(grid, "C6")).toBe(sampleReport(jinan).sheets["教扶01"]!.reduce((sum, row) => sum + (row.values.E01_PRE as number), 0));
  });

  it("writes a filled report's explanations into 说明 with the cell and message of the issue each answers", () => {
    const county = jinan.children[1]!.code;
    const report = withValue(sampleReport(jinan), "教扶05", county, "E05_COVERED", 1);
    report.explanations = [{ ruleId: "R05.2", sheetCode: "教扶05", rowKey: county, fieldCode: "E05_COVERED", text: "部分重点村学校已撤并" }];
    const explanations = reportTemplateWorkbook({ formSet, unit: jinan, period: "2019", report }).sheets.find((sheet) => sheet.name === "说明")!;
    const cell = layout.sheet("教扶05")!.cellOf(county, "E05_COVERED")!;
    expect(["A2", "B2", "C2", "D2", "E2", "G2"].map((a1) => valueAt(explanations, a1))).toEqual([
      "R05.2",
      "教扶05",
      cell,
      county,
      "E05_COVERED",
      "部分重点村学校已撤并",
    ]);
    expect(valueAt(explanations, "F2")).toMatch(new RegExp(`^教扶05!${cell} 已结对帮扶的重点村学校 \\(1\\) 小于`));
  });
});
