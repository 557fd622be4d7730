import { describe, expect, it } from "vitest";
import { parseDivisions } from "../../../shared/units/divisions.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { shandongDivisions2019Csv } from "../../../shared/units/shandong-divisions-2019.ts";
import { readReference } from "../../support/reference-material.ts";

describe("the divisions and Shandong's reporting tree", () => {
  it("has Shandong's 16 prefectures and 137 counties", () => {
    expect(reportingTree.root.code).toBe("370000");
    expect(reportingTree.root.children).toHaveLength(16);
    expect(reportingTree.root.children.flatMap((prefecture) => prefecture.children)).toHaveLength(137);
  });

  it("finds a prefecture and the prefecture of a county", () => {
    expect(reportingTree.unit("370100")?.name).toBe("济南市");
    expect(reportingTree.unit("370100")?.children.map((county) => county.code)).toContain("370102");
    expect(reportingTree.unit("371526")?.parent?.code).toBe("371500");
    expect(reportingTree.unit("370101")).toBeUndefined();
  });

  const csv = readReference("data/shandong-divisions-2019.csv");
  it.skipIf(csv === undefined)("is the province's CSV, verbatim", () => {
    expect(shandongDivisions2019Csv.trim()).toBe(csv?.trim());
  });

  it("rejects a malformed row, naming it", () => {
    expect(() => parseDivisions("code,name,name_en,level,parent_code\n370000,山东省,Shandong,province,\n37010,济南市,Jinan,prefecture,370000")).toThrow(
      /row 3/,
    );
  });
});
