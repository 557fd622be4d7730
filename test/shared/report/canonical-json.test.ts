import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../shared/report/canonical-json.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../../shared/units/unit-tree.ts";
import { sampleReport } from "../../support/sample-report.ts";

// What canonical means, as it was first written: JSON.stringify of a copy with every object's own
// keys sorted (Object.fromEntries, so "__proto__" stays a key) and undefined entries dropped.
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.keys(value)
    .sort()
    .flatMap((key) => {
      const entry = (value as Record<string, unknown>)[key];
      return entry === undefined ? [] : [[key, sortKeys(entry)] as const];
    });
  return Object.fromEntries(entries);
}
const reference = (value: unknown) => JSON.stringify(sortKeys(value));

describe("canonicalJson", () => {
  it("writes a prefecture's report exactly as the sorted copy's JSON.stringify, whatever order its keys came in", () => {
    const report = sampleReport(reportingTree.root.children[2] as ReportingUnit, { seed: 7 });
    const reordered = JSON.parse(JSON.stringify(report), (_key, value) =>
      value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    ) as unknown;
    expect(canonicalJson(report)).toBe(reference(report));
    expect(canonicalJson(reordered)).toBe(canonicalJson(report));
  });

  it("keeps JSON's edge cases: __proto__ as a key, undefined dropped or null, non-finite numbers null, escapes, empty containers", () => {
    const parsed = JSON.parse('{"__proto__": {"b": 1, "a": [1, "x"]}, "z": null}') as unknown;
    const cases: unknown[] = [
      parsed,
      { b: undefined, a: [undefined, () => 1, Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 0.1], c: {} },
      ['引号"与\\反斜杠\n', "\u2028", "\ud800", true, false, null, []],
      { "10": 1, "9": 2, "01": 3, "4294967295": 4, "4294967294": 5, a: { "": 0, A: 1, a: 2, é: 3, 中: 4 } },
      "text",
      42,
      null,
    ];
    for (const value of cases) expect(canonicalJson(value)).toBe(reference(value));
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"a":[1,"x"],"b":1},"z":null}');
  });
});
