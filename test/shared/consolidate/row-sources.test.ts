// Where a prefecture's county rows came from: the county's revision when the rows carry its inputs
// as they are — the computed fields a merged workbook's locked rows read back with do not count.
import { describe, expect, it } from "vitest";
import { childReportOf } from "../../../shared/consolidate/merge-unit-reports.ts";
import { rowSources } from "../../../shared/consolidate/row-sources.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { sampleReport, withValue } from "../../support/sample-report.ts";

const jinan = reportingTree.unit("370100")!;
const [lixia, shizhong] = jinan.children as [(typeof jinan.children)[number], (typeof jinan.children)[number]];
const report = sampleReport(reportingTree.unit("370100")!);
const included = [lixia, shizhong].map((county) => ({ unitCode: county.code, revision: 2, report: childReportOf(currentFormSet, report, county) }));

describe("rowSources", () => {
  it("names the county revision whose inputs the rows carry, even with the computed fields read back beside them", () => {
    const withTotal = withValue(report, "教扶01", lixia.code, "E01_TOT", 12345);
    const sources = rowSources(currentFormSet, jinan, withTotal, included);
    expect(sources.slice(0, 3)).toEqual([
      { unitCode: lixia.code, revision: 2 },
      { unitCode: shizhong.code, revision: 2 },
      { unitCode: jinan.children[2]!.code, revision: null },
    ]);
  });

  it("marks a row whose input the prefecture's clerk changed as typed", () => {
    const changed = withValue(report, "教扶01", lixia.code, "E01_PRE", 1 + Number(report.sheets["教扶01"]![0]!.values.E01_PRE));
    expect(rowSources(currentFormSet, jinan, changed, included)[0]).toEqual({ unitCode: lixia.code, revision: null });
  });

  it("reads each county's 教扶06 rows by the county they name, in one pass: a moved or changed list row marks its counties, not the others", () => {
    const withLists = sampleReport(jinan, { listRows: 24 });
    const all = jinan.children.map((county) => ({ unitCode: county.code, revision: 3, report: childReportOf(currentFormSet, withLists, county) }));
    expect(rowSources(currentFormSet, jinan, withLists, all)).toEqual(jinan.children.map((county) => ({ unitCode: county.code, revision: 3 })));

    const rows = withLists.sheets["教扶06"]!;
    const moved = {
      ...withLists,
      sheets: { ...withLists.sheets, 教扶06: rows.map((row, index) => (index === 0 ? { ...row, values: { ...row.values, E06_COUNTY: shizhong.code } } : row)) },
    };
    const changed = {
      ...withLists,
      sheets: { ...withLists.sheets, 教扶06: rows.map((row, index) => (index === 1 ? { ...row, values: { ...row.values, E06_TEAM: 9 } } : row)) },
    };
    const typedBy = (report: typeof withLists) =>
      rowSources(currentFormSet, jinan, report, all)
        .filter((source) => source.revision === null)
        .map((source) => source.unitCode);
    expect(rows[0]!.values.E06_COUNTY).toBe(lixia.code);
    expect(typedBy(moved)).toEqual([lixia.code, shizhong.code]);
    expect(typedBy(changed)).toEqual([rows[1]!.values.E06_COUNTY]);
    // A county's code typed with full-width digits and spaces still names it (folded as the merge folds it).
    const folded = {
      ...withLists,
      sheets: {
        ...withLists.sheets,
        教扶06: rows.map((row, index) =>
          index === 0
            ? {
                ...row,
                values: {
                  ...row.values,
                  E06_COUNTY: ` ${String(row.values.E06_COUNTY).replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)))} `,
                },
              }
            : row,
        ),
      },
    };
    expect(childReportOf(currentFormSet, folded, lixia).sheets["教扶06"]).toHaveLength(all[0]!.report.sheets["教扶06"]!.length);
    expect(typedBy(folded)).toEqual([lixia.code]);
  });
});
