// Keys compare the way people read them (issue 23 item 5): the engine's unique(), consolidate()'s
// distinct counts and the Worker's stored fold all form keys with foldedKeyOf.
import { describe, expect, it } from "vitest";
import { consolidate } from "../../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { foldKey, foldedKeyOf } from "../../../shared/values/fold-key.ts";
import { sampleReportWithListRows } from "../../support/sample-report.ts";

const composed = "Caf\u00e9大学";
const decomposed = "Cafe\u0301大学";

describe("foldKey", () => {
  it("folds what reads the same to one key: NFC and NFD, full-width and half-width, white space runs, zero-width characters", () => {
    expect(foldKey(decomposed)).toBe(foldKey(composed));
    expect(foldKey("ＡＢＣ（威海）")).toBe("ABC(威海)");
    expect(foldKey("\u3000山东  大学\u00a0 (威海)\t")).toBe("山东 大学 (威海)");
    expect(foldKey("山东\u200b大学\ufeff")).toBe("山东大学");
    expect(foldKey("370102")).toBe("370102");
  });

  it("keeps apart what reads differently", () => {
    expect(foldKey("山东大学")).not.toBe(foldKey("山东 大学"));
    expect(foldKey("Cafe大学")).not.toBe(foldKey(composed));
    expect(foldedKeyOf(["a b", "c"])).not.toBe(foldedKeyOf(["a", "b c"]));
    expect(foldedKeyOf([composed, 370102, null])).toBe(foldedKeyOf([` ${decomposed}`, "370102", undefined]));
  });
});

const jinan = reportingTree.unit("370100")!;
const lixia = jinan.children[0]!;
const shizhong = jinan.children[1]!;

const reportWithRows = (rows: [string, string, string][]) => sampleReportWithListRows(jinan, rows);

describe("教扶06 names", () => {
  it("R06.1 refuses two rows whose university, county and township read the same (NFC and NFD, spaces)", () => {
    const report = reportWithRows([
      [composed, lixia.code, "仲宫镇"],
      [decomposed, lixia.code, " 仲宫镇 "],
    ]);
    const { issues } = validateReport({ formSet: currentFormSet, unit: jinan, report });
    expect(issues.filter((issue) => issue.ruleId === "R06.1").map((issue) => issue.address)).toHaveLength(2);
  });

  it("a distinct count counts a university once however its name is encoded", () => {
    const report = reportWithRows([
      [composed, lixia.code, "仲宫镇"],
      [decomposed, shizhong.code, "党家街道"],
    ]);
    expect(validateReport({ formSet: currentFormSet, unit: jinan, report }).issues.filter((issue) => issue.severity === "error")).toEqual([]);
    const { sheets } = consolidate(currentFormSet, reportingTree.root, "2019", [
      { report, provenance: { unitCode: jinan.code, submissionId: "1", revision: 1, status: "submitted", submittedAt: "2020-01-01T00:00:00.000Z" } },
    ]);
    const jinanRow = sheets["教扶06"]?.find((row) => row.key === jinan.code);
    expect(jinanRow?.values).toMatchObject({ E06_UNIV_COUNT: 1, E06_TOWN_COUNT: 2 });
  });
});
