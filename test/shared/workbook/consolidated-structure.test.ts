import { describe, expect, it } from "vitest";
import { consolidate } from "../../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { provinceGridRows, workbookLayout } from "../../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { COUNTY_SOURCES_SHEET_NAME, consolidatedWorkbook, coverageLine } from "../../../shared/workbook/render-consolidated.ts";
import type { ConsolidationStatusRow } from "../../../shared/workbook/render-consolidated.ts";
import { sampleReport } from "../../support/sample-report.ts";

const formSet = currentFormSet;
const [jinan, qingdao, zibo] = reportingTree.root.children as [
  (typeof reportingTree.root.children)[number],
  (typeof reportingTree.root.children)[number],
  (typeof reportingTree.root.children)[number],
];
const included = [jinan, qingdao].map((prefecture, index) => ({
  report: sampleReport(prefecture, { seed: index + 1 }),
  provenance: { unitCode: prefecture.code, submissionId: `s${index}`, revision: index + 2, status: "submitted", submittedAt: "2020-01-20T08:00:00Z" },
}));
const consolidated = consolidate(formSet, reportingTree.root, "2019", included);
const status: ConsolidationStatusRow[] = [
  {
    unitCode: jinan.code,
    unitName: jinan.name,
    revision: 2,
    statusZh: "通过",
    accepted: true,
    submittedBy: "张三",
    submittedAt: "2020-01-20 16:00",
    stampedCopySha256: "ab".repeat(32),
    explanations: [
      { ruleId: "R05.2", address: "教扶05!E7", message: "教扶05!E7 学校数 少于上期的一半 [R05.2]", text: "部分学校已撤并", rowKey: "370102", reason: "actual" },
      { ruleId: "R05.2", address: "教扶05!E8", message: "教扶05!E8 学校数 少于上期的一半 [R05.2]", text: "市里核实", rowKey: "370103" },
      { ruleId: "R04.2", address: "教扶04!E6", message: "教扶04!E6 合计 超过上期的两倍 [R04.2]", text: "全市合计说明", rowKey: "370100" },
    ],
    // 历下区's rows from its revision 2, 市中区's typed by 济南.
    sources: [
      { unitCode: "370102", revision: 2 },
      { unitCode: "370103", revision: null },
    ],
  },
  {
    unitCode: qingdao.code,
    unitName: qingdao.name,
    revision: 3,
    statusZh: "已报",
    accepted: false,
    submittedBy: "李四",
    submittedAt: "2020-01-21 09:30",
    stampedCopySha256: null,
    explanations: [],
  },
  {
    unitCode: zibo.code,
    unitName: zibo.name,
    revision: null,
    statusZh: "未报",
    accepted: false,
    submittedBy: "",
    submittedAt: "",
    stampedCopySha256: null,
    explanations: [],
  },
];
const workbook = consolidatedWorkbook({ formSet, tree: reportingTree, consolidated, status });
const layout = workbookLayout(formSet, reportingTree.root, "2019", provinceGridRows(reportingTree.root), { consolidated: true });
const sheetOf = (code: string) => workbook.sheets.find((sheet) => sheet.name === layout.sheet(code)!.name)!;
const values = (code: string, key: string) => consolidated.sheets[code]!.find((row) => row.key === key)!.values;

describe("the consolidated workbook", () => {
  it("has 汇总状态 first, then one sheet per form, 预警说明, 各县来源 and _meta for the province", () => {
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual([
      "汇总状态",
      ...layout.sheets.filter((sheet) => sheet.sheet.kind !== "cover").map((sheet) => sheet.name),
      "预警说明",
      "预警分析",
      "各县来源",
      "_meta",
    ]);
    const meta = workbook.sheets.at(-1)!;
    expect(["B1", "B2", "B3", "B4"].map((a1) => meta.cells.get(a1)?.value)).toEqual(["323/2019", "370000", "2019", layout.checksum]);
    expect(meta.state).toBe("veryHidden");
  });

  it("sums the province over the prefectures and each prefecture over its counties, cached with the consolidated values; counties one outline level down", () => {
    const sheetLayout = layout.sheet("教扶02")!;
    const sheet = sheetOf("教扶02");
    const cell = (key: string, field: string) => sheet.cells.get(sheetLayout.cellOf(key, field)!)!;
    // SUBTOTAL(9, …) skips the prefectures' SUBTOTALs in its range: the province is its counties (and any prefecture without counties) once.
    const [top, bottom] = [sheetLayout.rows[1]!.key, sheetLayout.rows.at(-1)!.key];
    expect(cell("370000", "E02_INV_PLAN")).toMatchObject({
      formula: `SUBTOTAL(9,${sheetLayout.cellOf(top, "E02_INV_PLAN")}:${sheetLayout.cellOf(bottom, "E02_INV_PLAN")})`,
      value: values("教扶02", "370000").E02_INV_PLAN,
    });
    const [first, last] = [jinan.children[0]!.code, jinan.children.at(-1)!.code];
    expect(cell(jinan.code, "E02_INV_DONE")).toMatchObject({
      formula: `SUBTOTAL(9,${sheetLayout.cellOf(first, "E02_INV_DONE")}:${sheetLayout.cellOf(last, "E02_INV_DONE")})`,
      value: values("教扶02", jinan.code).E02_INV_DONE,
    });
    expect(cell(first, "E02_INV_DONE")).toMatchObject({ value: values("教扶02", first).E02_INV_DONE });
    expect(cell(first, "E02_INV_DONE").formula).toBeUndefined();
    expect(cell("370000", "E02_INV_RATE").formula).toMatch(/^IFERROR\(IF\(COUNT\(/);
    expect(cell("370000", "E02_INV_RATE").value).toBe(values("教扶02", "370000").E02_INV_RATE);
    expect(sheet.rowOutlineLevels![sheetLayout.rowOf(first)!]).toBe(1);
    expect(sheet.rowOutlineLevels![sheetLayout.rowOf(jinan.code)!]).toBeUndefined();
    // The county detail is grouped and collapsed under its prefecture, so the form prints as the province and prefecture rows.
    const countyRows = sheetLayout.rows.filter((row) => row.kind === "county").map((row) => sheetLayout.rowOf(row.key)!);
    expect(sheet.hiddenRows).toEqual([sheetLayout.codeRow, ...countyRows]);
    expect(sheet.collapsedRows).toEqual(reportingTree.root.children.map((prefecture) => sheetLayout.rowOf(prefecture.code)!));
    // A prefecture without a submission stays blank: no formula that would show 0.
    expect(cell(zibo.code, "E02_INV_PLAN")).toMatchObject({ value: null });
    expect(cell(zibo.code, "E02_INV_PLAN").formula).toBeUndefined();
  });

  it("writes 教扶06's distinct counts as values and sums the rest, with a note that the counts cannot be re-added", () => {
    const sheetLayout = layout.sheet("教扶06")!;
    const sheet = sheetOf("教扶06");
    const cell = (key: string, field: string) => sheet.cells.get(sheetLayout.cellOf(key, field)!)!;
    expect(cell("370000", "E06_UNIV_COUNT")).toMatchObject({ value: values("教扶06", "370000").E06_UNIV_COUNT });
    expect(cell("370000", "E06_UNIV_COUNT").formula).toBeUndefined();
    expect(cell("370000", "E06_PROJ").formula).toBe("SUBTOTAL(9,E7:E22)");
    expect(cell(jinan.code, "E06_PROJ")).toMatchObject({ value: values("教扶06", jinan.code).E06_PROJ });
    expect(sheet.cells.get(`A${sheetLayout.notesRow + 2}`)?.value).toMatch(/去重计数/);
  });

  it("lists each prefecture's included revision and status, its stamped copy's hash, with how many warnings it explained, marking what is not yet accepted", () => {
    const sheet = workbook.sheets.find((candidate) => candidate.name === "汇总状态")!;
    const row = (index: number) => ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"].map((column) => sheet.cells.get(`${column}${index}`)?.value);
    expect(row(1)).toEqual(["代码", "地市", "纳入版本", "状态", "提交人", "提交时间", "盖章件 SHA-256", "预警说明(条)", "备注", "各县来源"]);
    expect(row(2)).toEqual([jinan.code, jinan.name, 2, "通过", "张三", "2020-01-20 16:00", "ab".repeat(32), 3, "", "1 个县来自其报送版本;由市填报:市中区"]);
    // A revision without a drill-down (the prefecture typed every county), and a prefecture with none included.
    expect(row(3)[9]).toBe("由市填报(该版不是由各县合成) / typed by the prefecture");
    expect(row(4)[9]).toBe("");
    expect(row(3)[6]).toBe("未盖章");
    expect(row(3)[8]).toMatch(/尚未审核通过/);
    expect(sheet.cells.get("A3")!.style!.fill).toBe("F8CBAD");
    expect(row(4)[6]).toBe("");
    expect(row(4)[8]).toMatch(/未报送/);
    expect(sheet.cells.get("A2")!.style!.fill).toBeUndefined();
  });

  it("says on every form sheet which prefectures 山东省合计 leaves out and which included revisions are not yet accepted (暂定数)", () => {
    for (const sheetLayout of layout.sheets.filter((candidate) => candidate.sheet.kind !== "cover")) {
      expect(sheetOf(sheetLayout.sheet.code).cells.get(`A${sheetLayout.notesRow + 1}`)?.value).toBe(
        `注:山东省合计未含 ${zibo.name}(未报);所含 ${qingdao.name}第 3 版 尚未审核通过,合计为暂定数。详见“汇总状态”。`,
      );
    }
    const allAccepted = status.map((entry) => ({ ...entry, revision: entry.revision ?? 1, accepted: true }));
    expect(coverageLine(allAccepted)).toBe("注:山东省合计含全部 3 个市,所含版本均已审核通过。");
  });

  it("gives each explanation a row of its own on 预警说明, with the warning's message and reason code, naming the unit that wrote it", () => {
    const sheet = workbook.sheets.find((candidate) => candidate.name === "预警说明")!;
    const row = (index: number) => ["A", "B", "C", "D", "E", "F", "G", "H"].map((column) => sheet.cells.get(`${column}${index}`)?.value);
    expect(row(1)).toEqual(["代码", "地市", "纳入版本", "说明单位", "规则", "单元格", "预警", "说明"]);
    expect(["I1", "I2", "I3"].map((a1) => sheet.cells.get(a1)?.value)).toEqual(["原因", "实际变化", ""]);
    // 历下区's explanation under 济南市 names 历下区 and its revision; the rows 济南 typed and its own are 济南's.
    expect(row(2)).toEqual([jinan.code, jinan.name, 2, "历下区(第 2 版)", "R05.2", "教扶05!E7", "教扶05!E7 学校数 少于上期的一半 [R05.2]", "部分学校已撤并"]);
    expect(row(3)).toEqual([jinan.code, jinan.name, 2, jinan.name, "R05.2", "教扶05!E8", "教扶05!E8 学校数 少于上期的一半 [R05.2]", "市里核实"]);
    expect(row(4)).toEqual([jinan.code, jinan.name, 2, jinan.name, "R04.2", "教扶04!E6", "教扶04!E6 合计 超过上期的两倍 [R04.2]", "全市合计说明"]);
    expect(row(5)).toEqual(Array.from({ length: 8 }, () => undefined));
  });

  it("counts on 预警分析 the explained warnings by rule and reason code, then by the unit whose row each is (a county, or the prefecture's own)", () => {
    const sheet = workbook.sheets.find((candidate) => candidate.name === "预警分析")!;
    const row = (index: number) => ["A", "B", "C", "D", "E", "F", "G", "H", "I"].map((column) => sheet.cells.get(`${column}${index}`)?.value);
    expect(row(1)).toEqual(["规则", "规则名称", "次数", "涉及单位", "实际变化", "口径调整", "更正前期数据", "其他", "未选原因"]);
    expect(row(2)).toEqual(["R05.2", "", 2, 2, 1, 0, 0, 0, 1]);
    expect(row(3)).toEqual(["R04.2", "", 1, 1, 0, 0, 0, 0, 1]);
    expect(row(4)).toEqual(["合计", "", 3, 3, 1, 0, 0, 0, 2]);
    expect(row(6).slice(0, 4)).toEqual(["代码", "单位", "预警数", "主要规则"]);
    expect([7, 8, 9].map((index) => row(index).slice(0, 4))).toEqual([
      [jinan.code, jinan.name, 1, "R04.2 ×1"],
      ["370102", `${jinan.name}历下区`, 1, "R05.2 ×1"],
      ["370103", `${jinan.name}市中区`, 1, "R05.2 ×1"],
    ]);
    // Without an explained warning there is no such sheet (no empty page to print).
    const quiet = consolidatedWorkbook({ formSet, tree: reportingTree, consolidated, status: status.map((entry) => ({ ...entry, explanations: [] })) });
    expect(quiet.sheets.map((candidate) => candidate.name)).not.toContain("预警分析");
  });

  it("lists on 各县来源 the county revision behind each county's rows of each included prefecture revision", () => {
    const sheet = workbook.sheets.find((candidate) => candidate.name === COUNTY_SOURCES_SHEET_NAME)!;
    const row = (index: number) => ["A", "B", "C", "D", "E", "F", "G"].map((column) => sheet.cells.get(`${column}${index}`)?.value);
    expect(row(1)).toEqual(["地市代码", "地市", "地市版本", "县代码", "县(市、区)", "县级版本", "来源"]);
    expect(row(2)).toEqual([jinan.code, jinan.name, 2, "370102", "历下区", 2, "该县第 2 版"]);
    expect(row(3)).toEqual([jinan.code, jinan.name, 2, "370103", "市中区", "", "由市填报(该县未报送、已退回或市里改动过)"]);
    expect(row(4)[0]).toBeUndefined();
  });
});
