// A prefecture's workbook built from its counties' revisions: the rows a county sent are locked, in the
// look of figures filled in by the system; the rows of counties that sent nothing stay input cells for
// the prefecture's clerk; 各县来源 says which is which; and the workbook reads back as the same report.
import { describe, expect, it } from "vitest";
import { formSetOf } from "../../../shared/forms/form-set.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { unitLayout } from "../../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../../shared/units/unit-tree.ts";
import { readReportWorkbookContents } from "../../../shared/workbook/read-report.ts";
import { renderReportTemplate, reportTemplateWorkbook } from "../../../shared/workbook/render-template.ts";
import { SOURCES_SHEET_NAME } from "../../../shared/workbook/sources-sheet.ts";
import { mergedWorkbookInput } from "../../../shared/workbook/merged-workbook.ts";

import { sampleReport } from "../../support/sample-report.ts";

const jinan = reportingTree.unit("370100") as ReportingUnit;
const [lixia, shizhong] = jinan.children as [ReportingUnit, ReportingUnit];
const report = sampleReport(jinan);
const sources = jinan.children.map((county) => ({
  unitCode: county.code,
  unitName: county.name,
  revision: county === lixia ? 2 : null,
  submittedAt: county === lixia ? "2020-01-10 09:30:00" : "",
  statusZh: county === lixia ? "通过" : "",
}));
const layout = unitLayout(currentFormSet, jinan, "2019");

describe("a workbook built from the counties' revisions", () => {
  const workbook = reportTemplateWorkbook({ formSet: currentFormSet, unit: jinan, period: "2019", report, sources });
  const sheetOf = (name: string) => workbook.sheets.find((sheet) => sheet.name === name);

  it("locks the rows a county sent (grid and 教扶06) and leaves the others to the prefecture's clerk", () => {
    const grid = layout.sheet("教扶04")!;
    const cell = (county: string) => sheetOf(grid.name)?.cells.get(grid.cellOf(county, "E04_EXCH")!);
    expect(cell(lixia.code)?.style?.locked).not.toBe(false);
    expect(cell(shizhong.code)?.style?.locked).toBe(false);
    const list = layout.sheet("教扶06")!;
    const rows = report.sheets["教扶06"] ?? [];
    const lockedOf = (index: number) => sheetOf(list.name)?.cells.get(list.cellOf(rows[index]?.position ?? index, "E06_PROJ")!)?.style?.locked;
    rows.forEach((row, index) => expect(lockedOf(index) === false, String(row.values.E06_COUNTY)).toBe(row.values.E06_COUNTY !== lixia.code));
    expect(rows.some((row) => row.values.E06_COUNTY === lixia.code)).toBe(true);
  });

  it("says where each county's rows came from, and still reads back as the report", () => {
    const provenance = sheetOf(SOURCES_SHEET_NAME);
    expect(provenance?.cells.get("C2")?.value).toBe("该县第 2 版（锁定，不可改）");
    expect(provenance?.cells.get("C3")?.value).toBe("由市填报（该县未报送或已退回）");
    const bytes = renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report, sources });
    const back = readReportWorkbookContents(bytes, { formSetOf }).report;
    expect(back.sheets["教扶04"]).toEqual(
      readReportWorkbookContents(renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report }), {
        formSetOf,
      }).report.sheets["教扶04"],
    );
  });
});

describe("mergedWorkbookInput, the one merge of the page and of tianbao merge", () => {
  const unit = reportingTree.unit(jinan.code)!;
  const cover = report.sheets["封面"]![0]!;
  const { 封面: _cover, ...countySheets } = report.sheets;
  const countyExplanation = { ruleId: "R05.2", sheetCode: "教扶05", rowKey: lixia.code, fieldCode: "E05_COVERED", text: "历下区撤并学校" };
  const merged = {
    report: { ...report, sheets: countySheets, explanations: [countyExplanation] },
    provenance: [{ unitCode: lixia.code, revision: 2, status: "accepted", submittedAt: "2020-01-10T01:30:00.000Z" }],
    returnedUnits: [shizhong.code],
  };
  const own = {
    ...report,
    sheets: { 封面: [{ ...cover, key: "stale" }], 教扶01: report.sheets["教扶01"]! },
    explanations: [
      { ruleId: "R04.2", sheetCode: "教扶04", rowKey: jinan.code, fieldCode: "E04_EXCH", text: "全市合计说明" },
      { ruleId: "R05.2", sheetCode: "教扶05", rowKey: shizhong.code, fieldCode: "E05_COVERED", text: "旧说明" },
    ],
  };
  const input = mergedWorkbookInput({ formSet: currentFormSet, unit, period: "2019", merged, own });

  it("takes the unit's cover and its own explanations (合计, cover) from its own report, the counties' figures from the merge", () => {
    expect(input.report.sheets["封面"]).toEqual([{ ...cover, key: jinan.code }]);
    expect(input.report.sheets["教扶04"]).toEqual(countySheets["教扶04"]);
    expect(input.report.explanations?.map((explanation) => explanation.text)).toEqual(["历下区撤并学校", "全市合计说明"]);
  });

  it("says of each county where its rows come from: a revision (Beijing time), returned, or never submitted", () => {
    expect(input.sources?.slice(0, 3)).toEqual([
      { unitCode: lixia.code, unitName: lixia.name, revision: 2, submittedAt: "2020-01-10 09:30:00", statusZh: "通过" },
      { unitCode: shizhong.code, unitName: shizhong.name, revision: null, submittedAt: "", statusZh: "退回" },
      expect.objectContaining({ revision: null, statusZh: "未报" }),
    ]);
  });

  it("keeps the rows the unit typed in its latest revision for counties without a revision, never those a county's revision gave it", () => {
    const none = { report: { ...report, sheets: {}, explanations: [] }, provenance: [], returnedUnits: [lixia.code] };
    // Revision 3 of 济南: 历下区's rows came from 历下区's revision 1 (since returned), the others typed by 济南.
    const sources = unit.children.map((county) => ({ unitCode: county.code, revision: county.code === lixia.code ? 1 : null }));
    const rebuilt = mergedWorkbookInput({ formSet: currentFormSet, unit, period: "2019", merged: none, latest: { revision: 3, report, sources } });
    expect(rebuilt.kept).toEqual(unit.children.filter((county) => county.code !== lixia.code).map((county) => county.code));
    expect(rebuilt.report.sheets["教扶04"]?.map((row) => row.key)).toEqual(rebuilt.kept);
    expect(rebuilt.sources[1]).toMatchObject({ unitCode: shizhong.code, revision: null, keptFromRevision: 3 });
    expect(rebuilt.sources[0]).not.toHaveProperty("keptFromRevision");
    // Another period's revision is not this one's: nothing kept.
    expect(
      mergedWorkbookInput({
        formSet: currentFormSet,
        unit,
        period: "2019",
        merged: none,
        latest: { revision: 3, report: { ...report, period: "2018" }, sources },
      }).kept,
    ).toEqual([]);
  });
});
