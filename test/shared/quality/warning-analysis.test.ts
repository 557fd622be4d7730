import { expect, test } from "vitest";
import { analyseWarnings, ruleTitleOf } from "../../../shared/quality/warning-analysis.ts";

const warning = (ruleId: string, title: string, reason?: "actual" | "definition" | "correction" | "other") => ({
  ruleId,
  message: `教扶05!E7 学校数 少于上期的一半 [${ruleId} ${title}]`,
  reason,
});

test("counts warnings by rule (most first), by reason code (none when not chosen) and by unit", () => {
  const analysis = analyseWarnings([
    { unitCode: "370102", unitName: "历下区", warnings: [warning("R05.2", "重点村学校未全部结对", "actual"), warning("O01", "异常值", "correction")] },
    {
      unitCode: "370103",
      unitName: "市中区",
      warnings: [warning("O01", "异常值"), warning("O01", "异常值", "correction"), warning("R05.2", "重点村学校未全部结对")],
    },
    { unitCode: "370104", unitName: "槐荫区", warnings: [] },
  ]);
  expect(analysis.total).toBe(5);
  expect(analysis.reasons).toEqual({ actual: 1, definition: 0, correction: 2, other: 0, none: 2 });
  expect(analysis.byRule).toEqual([
    { ruleId: "O01", title: "异常值", count: 3, units: 2, reasons: { actual: 0, definition: 0, correction: 2, other: 0, none: 1 } },
    { ruleId: "R05.2", title: "重点村学校未全部结对", count: 2, units: 2, reasons: { actual: 1, definition: 0, correction: 0, other: 0, none: 1 } },
  ]);
  expect(analysis.byUnit).toEqual([
    {
      unitCode: "370103",
      unitName: "市中区",
      count: 3,
      rules: [
        { ruleId: "O01", count: 2 },
        { ruleId: "R05.2", count: 1 },
      ],
    },
    {
      unitCode: "370102",
      unitName: "历下区",
      count: 2,
      rules: [
        { ruleId: "O01", count: 1 },
        { ruleId: "R05.2", count: 1 },
      ],
    },
  ]);
});

test("reads a rule's title from the end of the engine's message, or none", () => {
  expect(ruleTitleOf("教扶01!C7 学前教育 1,440 超出合理范围 [O01 异常值]", "O01")).toBe("异常值");
  expect(ruleTitleOf("教扶05!E7 学校数 [R05.2]", "R05.2")).toBe("");
});
