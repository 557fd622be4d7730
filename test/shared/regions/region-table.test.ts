import { describe, expect, it } from "vitest";
import { parseRegionTable, regionTable } from "../../../shared/regions/region-table.ts";
import { shandongDivisions2019Csv } from "../../../shared/regions/shandong-divisions-2019.ts";
import { readReference } from "../../support/reference-material.ts";

describe("region table", () => {
  it("has Shandong's 16 prefectures and 137 counties", () => {
    expect(regionTable.province.code).toBe("370000");
    expect(regionTable.prefectures).toHaveLength(16);
    expect(regionTable.prefectures.flatMap((prefecture) => prefecture.counties)).toHaveLength(137);
  });

  it("finds a prefecture and the prefecture of a county", () => {
    expect(regionTable.prefecture("370100")?.name).toBe("济南市");
    expect(regionTable.prefecture("370100")?.counties.map((county) => county.code)).toContain("370102");
    expect(regionTable.prefectureOfCounty("371526")?.code).toBe("371500");
    expect(regionTable.prefecture("370101")).toBeUndefined();
  });

  const csv = readReference("data/shandong-divisions-2019.csv");
  it.skipIf(csv === undefined)("is the province's CSV, verbatim", () => {
    expect(shandongDivisions2019Csv.trim()).toBe(csv?.trim());
  });

  it("rejects a malformed row, naming it", () => {
    expect(() => parseRegionTable("code,name,name_en,level,parent_code\n370000,山东省,Shandong,province,\n37010,济南市,Jinan,prefecture,370000")).toThrow(
      /row 3/,
    );
  });
});
