import { describe, expect, it } from "vitest";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { mayAccessUnit, mayReadUnit, mayReviewUnit, mayWriteUnit, reviewerOf } from "../../../shared/units/unit-access.ts";
import type { UnitAccessHolder } from "../../../shared/units/unit-access.ts";

// Who may read, write and review each unit's reports, over Shandong's real tree, every holder of a
// token against every unit. The expectations come from the divisions table (which prefecture each
// county belongs to), not from the tree the predicates walk.

const province = reportingTree.root.code;
const prefectureOf = new Map(reportingTree.root.children.flatMap((prefecture) => prefecture.children.map((county) => [county.code, prefecture.code])));
const isPrefecture = (code: string) => reportingTree.root.children.some((prefecture) => prefecture.code === code);

const clerks: UnitAccessHolder[] = reportingTree.units.filter((unit) => unit.level.report).map((unit) => ({ role: "clerk", unitCode: unit.code }));
const holders: UnitAccessHolder[] = [...clerks, { role: "province", unitCode: null }, { role: "admin", unitCode: null }];
const holderName = (holder: UnitAccessHolder) => (holder.role === "clerk" ? `clerk of ${holder.unitCode}` : holder.role);

/** Every (holder, unit) pair the predicate allows, by name. */
const allowed = (may: (holder: UnitAccessHolder, code: string) => boolean) =>
  holders.flatMap((holder) => reportingTree.units.filter((unit) => may(holder, unit.code)).map((unit) => `${holderName(holder)} → ${unit.code}`)).sort();

describe("unit access over the reporting tree (province, 16 prefectures, 137 counties)", () => {
  it("is the tree of 154 units: the province and the 153 that report a workbook, each with a clerk", () => {
    expect(reportingTree.units).toHaveLength(154);
    expect(reportingTree.units.filter((unit) => unit.level.code === "prefecture")).toHaveLength(16);
    expect(reportingTree.units.filter((unit) => unit.level.code === "county")).toHaveLength(137);
    expect(clerks).toHaveLength(153);
  });

  it("every unit's reviewer is its parent's clerk, or the province for a prefecture; the province itself has none", () => {
    for (const unit of reportingTree.units) {
      const expected: UnitAccessHolder | undefined =
        unit.code === province
          ? undefined
          : isPrefecture(unit.code)
            ? { role: "province", unitCode: null }
            : { role: "clerk", unitCode: prefectureOf.get(unit.code) ?? "?" };
      expect(reviewerOf(unit), unit.code).toEqual(expected);
    }
  });

  it("review: exactly the reviewer, of all 155 holders", () => {
    const expected = (holder: UnitAccessHolder, code: string) =>
      isPrefecture(code) ? holder.role === "province" : holder.role === "clerk" && prefectureOf.get(code) === holder.unitCode;
    expect(allowed((holder, code) => mayReviewUnit(holder, reportingTree.unit(code)!))).toEqual(allowed(expected));
    // 16 prefectures by the province, 137 counties each by one prefecture's clerk.
    expect(allowed(expected)).toHaveLength(16 + 137);
  });

  it("write: a unit's own clerk only — not the clerk above it, not the province, not an admin", () => {
    const expected = (holder: UnitAccessHolder, code: string) => holder.role === "clerk" && holder.unitCode === code;
    expect(allowed((holder, code) => mayWriteUnit(holder, reportingTree.unit(code)!))).toEqual(allowed(expected));
    expect(allowed(expected)).toHaveLength(153);
  });

  it("read: the unit's clerk and the clerk of its prefecture; the province and admins read every unit", () => {
    const expected = (holder: UnitAccessHolder, code: string) =>
      holder.role !== "clerk" || holder.unitCode === code || (holder.unitCode !== null && prefectureOf.get(code) === holder.unitCode);
    expect(allowed((holder, code) => mayReadUnit(holder, reportingTree.unit(code)!))).toEqual(allowed(expected));
    // A county's clerk reads its own county only, not its prefecture, not a sibling.
    const lixia: UnitAccessHolder = { role: "clerk", unitCode: "370102" };
    expect(reportingTree.units.filter((unit) => mayReadUnit(lixia, unit)).map((unit) => unit.code)).toEqual(["370102"]);
  });

  it("mayAccessUnit names the same three rules", () => {
    const jinan = reportingTree.unit("370100")!;
    const lixia = reportingTree.unit("370102")!;
    for (const holder of holders)
      for (const unit of [jinan, lixia])
        expect([mayAccessUnit(holder, unit, "read"), mayAccessUnit(holder, unit, "write"), mayAccessUnit(holder, unit, "review")]).toEqual([
          mayReadUnit(holder, unit),
          mayWriteUnit(holder, unit),
          mayReviewUnit(holder, unit),
        ]);
  });

  it("a clerk token whose unit is missing reads nothing", () => {
    expect(reportingTree.units.some((unit) => mayReadUnit({ role: "clerk", unitCode: null }, unit))).toBe(false);
  });
});
