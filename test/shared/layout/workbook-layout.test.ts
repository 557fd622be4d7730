import { describe, expect, it } from "vitest";
import { currentFormSet } from "../../support/current-form-set.ts";
import { excelReferencesFor } from "../../../shared/layout/excel-references.ts";
import { unitLayout, provinceGridRows, workbookLayout } from "../../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { renderExcelComputedFormula, renderExcelFailureCondition } from "../../../shared/rules/excel-formula.ts";

const jinan = reportingTree.unit("370100")!;
const layout = unitLayout(currentFormSet, jinan, "2019");

describe("the workbook layout", () => {
  it("lays a grid sheet out as the spec says: code row, labels, 合计 keyed by the prefecture, then the counties", () => {
    const sheet = layout.sheet("教扶04")!;
    expect(sheet.name).toBe("教扶04 教师队伍提升");
    expect([sheet.codeRow, sheet.headerRow, sheet.firstDataRow]).toEqual([3, 4, 5]);
    expect(sheet.rows.map((row) => row.key)).toEqual([jinan.code, ...jinan.children.map((county) => county.code)]);
    expect(sheet.cellOf(jinan.code, "E04_NEW_RURAL")).toBe("C6");
    expect(sheet.cellOf("370102", "E04_PRIN")).toBe("E7");
    expect(sheet.cellOf("370202", "E04_PRIN")).toBeUndefined();
    expect(sheet.cellOf("370102", "E01_PRE")).toBeUndefined();
  });

  it("maps every cell both ways, on every sheet", () => {
    for (const sheet of layout.sheets) {
      const rows: (string | number)[] =
        sheet.sheet.kind === "grid" ? sheet.rows.map((row) => row.key) : sheet.sheet.kind === "list" ? [0, 1, sheet.listCapacity - 1] : [""];
      for (const row of rows) {
        for (const fieldCode of sheet.fieldCodes) {
          const a1 = sheet.cellOf(row, fieldCode)!;
          expect(sheet.locate(a1), `${sheet.name}!${a1}`).toEqual({ row, fieldCode });
        }
      }
      expect(sheet.locate("A1")).toBeUndefined();
    }
  });

  it("offers 200 rows on the list sheet, keys in the first three columns, and no row past them", () => {
    const list = layout.sheet("教扶06")!;
    expect(list.listCapacity).toBe(200);
    expect(list.fieldCodes.slice(0, 3)).toEqual(["E06_UNIV", "E06_COUNTY", "E06_TOWN"]);
    expect(list.cellOf(0, "E06_UNIV")).toBe("A6");
    expect(list.cellOf(199, "E06_TRAIN")).toBe("G205");
    expect(list.cellOf(200, "E06_TRAIN")).toBeUndefined();
    expect(list.locate("A206")).toBeUndefined();
  });

  it("puts cover fields one per row with the value in column C", () => {
    const cover = layout.sheet("封面")!;
    expect(cover.cellOf("", "C_UNIT")).toBe("C3");
    expect(cover.cellOf("", "C_DATE")).toBe("C9");
    expect([cover.codeColumn, cover.labelColumn]).toEqual([0, 1]);
  });

  it("has a checksum that tells prefectures and editions apart and does not change by itself", () => {
    expect(unitLayout(currentFormSet, jinan, "2019").checksum).toBe(layout.checksum);
    expect(unitLayout(currentFormSet, reportingTree.unit("370200")!, "2019").checksum).not.toBe(layout.checksum);
  });

  it("lays out the consolidated workbook: the province, then each prefecture with its counties one outline level down", () => {
    const province = workbookLayout(currentFormSet, reportingTree.root, "2019", provinceGridRows(reportingTree.root), { consolidated: true });
    const grid = province.sheet("教扶01")!;
    expect(grid.rows[0]).toMatchObject({ key: "370000", kind: "province" });
    expect(grid.rows[1]).toMatchObject({ key: "370100", kind: "prefecture", outlineLevel: 0 });
    expect(grid.rows[2]).toMatchObject({ key: "370102", kind: "county", outlineLevel: 1 });
    expect(grid.rows).toHaveLength(1 + 16 + 137);
    expect(province.sheet("教扶06")!.fieldCodes).toEqual(["E06_UNIV_COUNT", "E06_TOWN_COUNT", "E06_PROJ", "E06_TEAM", "E06_CONSULT", "E06_TRAIN"]);
    expect(province.sheet("教扶06")!.cellOf("370100", "E06_UNIV_COUNT")).toBe("C7");
    // 教扶06 is consolidated per prefecture only: no county rows under them.
    expect(province.sheet("教扶06")!.rows.map((row) => row.key)).toEqual(["370000", ...reportingTree.root.children.map((prefecture) => prefecture.code)]);
    expect(province.sheet("教扶06")!.cellOf("370200", "E06_UNIV_COUNT")).toBe("C8");
  });

  it("gives rules their cells: relative on the sheet, quoted across sheets, the _prev sheet for history", () => {
    const check = (sheetCode: string, source: string) =>
      renderExcelFailureCondition(
        currentFormSet
          .sheet(sheetCode)!
          .rules.flatMap((rule) => rule.checks)
          .find((candidate) => candidate.source === source)!.expression,
        excelReferencesFor(layout, sheetCode, "370102"),
      );
    expect(check("教扶04", "E04_PRIN <= E04_EXCH")).toBe("IFERROR(AND(COUNT(E7,D7)=2,NOT((E7<=D7))),FALSE)");
    expect(check("教扶07", "E07_AID_PERSONS >= 教扶01.E01_TOT")).toBe(
      "IFERROR(AND(COUNT(C7,'教扶01 建档立卡贫困教育人口'!H7)=2,NOT((C7>='教扶01 建档立卡贫困教育人口'!H7))),FALSE)",
    );
    expect(check("教扶04", "E04_EXCH >= prev(E04_EXCH)")).toMatch(/^IFERROR\(AND\(COUNT\(D7,'_prev'!\w+3\)=2/);
    const rate = currentFormSet.sheet("教扶03")!.computed[0]!;
    expect(renderExcelComputedFormula(rate.expression, excelReferencesFor(layout, "教扶03", "370102"))).toBe('IFERROR(IF(COUNT(D7,C7)=2,(D7/C7),""),"")');
  });
});
