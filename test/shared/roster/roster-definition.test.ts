import { describe, expect, it } from "vitest";
import { formSetOf } from "../../../shared/forms/form-set.ts";
import { ROSTER, ROSTER_FIELDS, ROSTER_RULES, ROSTER_STAGES } from "../../../shared/roster/roster-definition.ts";
import { readReference } from "../../support/reference-material.ts";

const spec = readReference("spec/roster.md");

describe("the roster's definition", () => {
  it.skipIf(spec === undefined)("has the spec's fields, in order, with the spec's lengths and lists", () => {
    const rows = [...(spec as string).matchAll(/^\| (E10_[A-Z]+) \| (.+?) \| (.+?) \|(.*?)\|$/gm)];
    expect(rows.map((row) => row[1])).toEqual(ROSTER_FIELDS.map((field) => field.code));
    for (const [, code, , type, notes] of rows) {
      const field = ROSTER_FIELDS.find((candidate) => candidate.code === code)!;
      const length = /(?:text, |≤ )(\d+)/.exec(type as string)?.[1];
      if (length) expect(field.maxLength, code).toBe(Number(length));
      if (type === "list") expect((notes as string).trim().split(" (")[0]!.split(" / "), code).toEqual(field.choices);
    }
  });

  it.skipIf(spec === undefined)("has the spec's stages, their 教扶01 fields and usual ages", () => {
    const mapping = /\(→ (.+?)\)/
      .exec(spec as string)?.[1]
      ?.split(" / ")
      .map((code) => code.replace("E01_", ""));
    expect(ROSTER_STAGES.map((stage) => stage.countField.replace("E01_", ""))).toEqual(mapping);
    const ages = /学前 (\d+)–(\d+),\s*义务 (\d+)–(\d+), 普高 (\d+)–(\d+), 中职 (\d+)–(\d+), 高等 (\d+)–(\d+)/
      .exec(spec as string)!
      .slice(1)
      .map(Number);
    expect(ROSTER_STAGES.flatMap((stage) => [stage.minAge, stage.maxAge])).toEqual(ages);
  });

  it.skipIf(spec === undefined)("has the spec's rules R10.1–R10.5 with their severities, and its bounds", () => {
    const rules = [...(spec as string).matchAll(/\*\*(R10\.\d) (error|warning)\*\*/g)].map((match) => [match[1], match[2]]);
    expect(Object.values(ROSTER_RULES).map((rule) => [rule.id, rule.severity])).toEqual(rules);
    expect(spec).toContain(`up to ${ROSTER.maxRows.county!.toLocaleString("en-US")} rows`);
    expect(spec).toContain(`up to ${ROSTER.maxRows.prefecture!.toLocaleString("en-US")} rows`);
    expect(spec).toContain(`\`${ROSTER.sheetName}\``);
  });

  it("asks as long an explanation as a report does, and stages' 教扶01 fields are 教扶01's inputs", () => {
    const formSet = formSetOf("323/2019")!;
    expect(ROSTER.explanationMinLength).toBe(formSet.data.explanationMinLength);
    const inputs = formSet
      .sheet("教扶01")!
      .fields.filter((field) => !field.formula)
      .map((field) => field.code);
    expect(ROSTER_STAGES.map((stage) => stage.countField)).toEqual(inputs);
  });
});
