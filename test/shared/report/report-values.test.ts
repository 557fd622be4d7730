import { describe, expect, it } from "vitest";
import { consolidate } from "../../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { canonicalJson } from "../../../shared/report/canonical-json.ts";
import { diffReports } from "../../../shared/report/report-diff.ts";
import { reportFromValues, reportValues } from "../../../shared/report/report-values.ts";
import { sampleReport, withValue } from "../../support/sample-report.ts";

const jinan = reportingTree.unit("370100")!;

describe("stored values", () => {
  it("money is stored in integer hundredths, counts and dates as integers, text as text; computed fields are not stored", () => {
    const report = withValue(sampleReport(jinan), "教扶02", "370102", "E02_INV_PLAN", 1234.56);
    const values = reportValues(currentFormSet, jinan, report);
    expect(values.find((value) => value.fieldCode === "E02_INV_PLAN" && value.rowKey === "370102")).toMatchObject({ numberValue: 123456, textValue: null });
    expect(values.find((value) => value.fieldCode === "C_HEAD")).toMatchObject({ rowKey: "370100", numberValue: null, textValue: "王主任" });
    expect(values.every((value) => value.numberValue === null || Number.isInteger(value.numberValue))).toBe(true);
    expect(values.some((value) => value.fieldCode === "E01_TOT" || value.fieldCode === "E02_INV_RATE")).toBe(false);
  });

  it("reading the stored values back consolidates exactly like the submitted reports, for all 16 prefectures", () => {
    const reports = reportingTree.root.children.map((prefecture, index) => sampleReport(prefecture, { seed: index + 1, listRows: 5 }));
    const include = (all: typeof reports) =>
      all.map((report) => ({
        report,
        provenance: { unitCode: report.unitCode, submissionId: "1", revision: 1, status: "accepted", submittedAt: "t" },
      }));
    const readBack = reports.map((report) => {
      const prefecture = reportingTree.unit(report.unitCode)!;
      // Stored values come back from SQL in any order.
      const values = reportValues(currentFormSet, prefecture, report).reverse();
      return reportFromValues(currentFormSet, { edition: report.edition, unitCode: report.unitCode, period: report.period }, values);
    });
    expect(consolidate(currentFormSet, reportingTree.root, "2019", include(readBack))).toEqual(
      consolidate(currentFormSet, reportingTree.root, "2019", include(reports)),
    );
  });
});

describe("canonical JSON", () => {
  it("sorts keys at every level, keeps array order, drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    const report = sampleReport(jinan);
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value && typeof value === "object"
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([key, entry]) => [key, reverseKeys(entry)]),
            )
          : value;
    const reordered = reverseKeys(report);
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(report));
    expect(canonicalJson(reordered)).toBe(canonicalJson(report));
  });
});

describe("diff of two reports", () => {
  it("names each changed input cell with its A1 address; equal typed values are not changes", () => {
    const before = sampleReport(jinan);
    const after = withValue(withValue(before, "教扶01", "370103", "E01_PRE", 7), "教扶06", 1, "E06_PROJ", 9);
    const sameAsText = withValue(before, "教扶01", "370102", "E01_PRE", String(before.sheets["教扶01"]![0]!.values.E01_PRE));
    expect(diffReports(currentFormSet, jinan, before, sameAsText)).toEqual([]);
    const changes = diffReports(currentFormSet, jinan, before, after);
    expect(changes).toEqual([
      { sheetCode: "教扶01", rowKey: "370103", fieldCode: "E01_PRE", cell: "C8", before: before.sheets["教扶01"]![1]!.values.E01_PRE, after: 7 },
      { sheetCode: "教扶06", rowKey: expect.any(String), fieldCode: "E06_PROJ", cell: "D7", before: 2, after: 9 },
    ]);
  });

  it("a list row that is added or removed shows every filled field", () => {
    const before = sampleReport(jinan, { listRows: 2 });
    const after = sampleReport(jinan, { listRows: 3 });
    const changes = diffReports(currentFormSet, jinan, before, after).filter((change) => change.sheetCode === "教扶06");
    expect(changes).toHaveLength(7);
    expect(changes.every((change) => change.before === null && /^[A-Z]8$/.test(change.cell))).toBe(true);
  });
});
