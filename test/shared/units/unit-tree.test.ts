import { describe, expect, it } from "vitest";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { reportScopeOf } from "../../../shared/units/report-scope.ts";
import { REPORTING_LEVELS_323 } from "../../../shared/units/unit-levels.ts";
import { buildUnitTree } from "../../../shared/units/unit-tree.ts";
import { parseDivisions } from "../../../shared/units/divisions.ts";
import { shandongDivisions2019Csv } from "../../../shared/units/shandong-divisions-2019.ts";

const units = reportingTree;

describe("the reporting tree built from the divisions table", () => {
  it("is the province, its 16 prefectures and their 137 counties, with levels as data", () => {
    expect(units.root.code).toBe("370000");
    expect(units.root.children).toHaveLength(16);
    expect(units.units.filter((unit) => unit.level.code === "county")).toHaveLength(137);
    const lixia = units.unit("370102")!;
    expect([lixia.name, lixia.nameEn, lixia.level.nameZh, lixia.parent?.code, lixia.children]).toEqual([
      "历下区",
      "Lixia District",
      "县(市、区)",
      "370100",
      [],
    ]);
    expect(units.unit("370100")!.children.map((county) => county.code)).toEqual(reportingTree.unit("370100")!.children.map((county) => county.code));
    expect(reportingTree).toBe(units);
  });

  it("says what each level's report holds", () => {
    const jinan = reportScopeOf(units.unit("370100")!);
    expect([jinan.title, jinan.totalKey, jinan.rowUnits.length, jinan.holdsLists, [...jinan.listUnitCodes].length]).toEqual(["济南市", "370100", 12, true, 12]);
    const lixia = reportScopeOf(units.unit("370102")!);
    expect([lixia.title, lixia.totalKey, lixia.rowUnits, lixia.holdsLists, [...lixia.listUnitCodes]]).toEqual([
      "济南市历下区",
      undefined,
      [{ code: "370102", name: "历下区", nameEn: "Lixia District" }],
      true,
      ["370102"],
    ]);
    // A prefecture of the region table and the tree's prefecture give the same scope.
    const { levelCode: _a, ...fromTable } = reportScopeOf(reportingTree.unit("370100")!);
    const { levelCode: _b, ...fromTree } = jinan;
    expect(fromTree).toEqual(fromTable);
    expect(() => reportScopeOf(units.root)).toThrow(/no report workbook of its own/);
  });

  it("refuses records that do not make a tree of the levels", () => {
    const records = parseDivisions(shandongDivisions2019Csv);
    expect(() =>
      buildUnitTree(REPORTING_LEVELS_323, [...records, { code: "379999", name: "无", nameEn: "None", level: "town", parentCode: "370102" }]),
    ).toThrow(/unknown level town/);
    expect(() =>
      buildUnitTree(REPORTING_LEVELS_323, [...records, { code: "370199", name: "错", nameEn: "Wrong", level: "county", parentCode: "370102" }]),
    ).toThrow(/not a unit of the level above/);
    expect(() => buildUnitTree(REPORTING_LEVELS_323, [...records, records[5]!])).toThrow(/duplicate code/);
  });
});
