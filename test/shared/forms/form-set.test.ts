import { describe, expect, it } from "vitest";
import { formSetOf, loadFormSet } from "../../../shared/forms/form-set.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { formSet2019 } from "../../../shared/forms/form-set-2019.ts";
import { readReference } from "../../support/reference-material.ts";

const spec = readReference("spec/forms-323.md");

/** The spec's field tables: sheet code → [field code, type column] in order. */
function specFields(markdown: string): Map<string, [string, string][]> {
  const sheets = new Map<string, [string, string][]>();
  let current: [string, string][] | undefined;
  for (const line of markdown.split("\n")) {
    const heading = /^### (\S+)/.exec(line);
    if (heading) sheets.set(heading[1] as string, (current = []));
    const row = /^\| ([A-Z][A-Z0-9_]+) \|(.*)\|\s*$/.exec(line);
    if (row && current) current.push([row[1] as string, (row[2] as string).split("|").pop()?.trim() ?? ""]);
  }
  return sheets;
}

/** Rule ids with their severity, ranges such as "R03.1–R03.3" expanded. */
function specRuleIds(markdown: string): Map<string, string | undefined> {
  const ids = new Map<string, string | undefined>();
  for (const match of markdown.matchAll(/\b([RX])(\d{2})\.(\d)(?:–[RX]\d{2}\.(\d))?(?: (error|warning))?/g)) {
    const [, letter, sheet, first, last, severity] = match;
    for (let index = Number(first); index <= Number(last ?? first); index++) {
      const id = `${letter}${sheet}.${index}`;
      if (!ids.has(id) || severity) ids.set(id, severity ?? ids.get(id));
    }
  }
  return ids;
}

describe("the 323/2019 form set", () => {
  it("loads and is found by its edition", () => {
    expect(formSetOf("323/2019")).toBe(currentFormSet);
    expect(formSetOf("323/2099")).toBeUndefined();
    expect(currentFormSet.sheets.map((sheet) => sheet.code)).toEqual([
      "封面",
      "教扶01",
      "教扶02",
      "教扶03",
      "教扶04",
      "教扶05",
      "教扶06",
      "教扶07",
      "教扶08",
      "教扶09",
    ]);
  });

  it.skipIf(spec === undefined)("has every sheet and field of the spec, in order, with the spec's types", () => {
    const typeOf = { int: "int", dec2: "dec2", text: "text", date: "date", phone: "phone" } as Record<string, string>;
    for (const [sheetCode, fields] of specFields(spec as string)) {
      const sheet = currentFormSet.sheet(sheetCode);
      expect(sheet, sheetCode).toBeDefined();
      expect(sheet?.fields.map((field) => field.code)).toEqual(fields.map(([code]) => code));
      for (const [code, specType] of fields) {
        const field = sheet?.field(code);
        if (specType.endsWith("=")) expect(field?.formula, code).toBeTruthy();
        else expect(field?.type, code).toBe(typeOf[specType] ?? "text");
      }
    }
  });

  it.skipIf(spec === undefined)("has exactly the spec's rules, with the spec's severities", () => {
    const ours = new Map(currentFormSet.sheets.flatMap((sheet) => sheet.rules.map((rule) => [rule.definition.id, rule.definition.severity] as const)));
    const theirs = specRuleIds(spec as string);
    for (const [id, severity] of theirs) {
      expect(ours.has(id), id).toBe(true);
      if (severity) expect(ours.get(id), id).toBe(severity);
    }
    // R00.1 (the report date) is the only rule the spec states as a field constraint rather than by id.
    expect([...ours.keys()].filter((id) => !theirs.has(id))).toEqual(["R00.1"]);
  });

  it("rejects data that breaks the schema, naming the problem", () => {
    expect(() => loadFormSet({ ...formSet2019, edition: "2019" })).toThrow(/edition/);
    const badRule = structuredClone(formSet2019);
    (badRule.sheets[4] as { rules: { checks: string[] }[] }).rules[0]!.checks = ["E04_PRIN <= E04_NOPE"];
    expect(() => loadFormSet(badRule)).toThrow(/E04_NOPE/);
    const badSyntax = structuredClone(formSet2019);
    (badSyntax.sheets[4] as { rules: { checks: string[] }[] }).rules[0]!.checks = ["E04_PRIN <= "];
    expect(() => loadFormSet(badSyntax)).toThrow(/R04\.1.*syntax/);
    const duplicateRule = structuredClone(formSet2019);
    duplicateRule.sheets[5]!.rules[0]!.id = "R04.1";
    expect(() => loadFormSet(duplicateRule)).toThrow(/duplicate rule id R04\.1/);
    const crossToList = structuredClone(formSet2019);
    crossToList.sheets[4]!.rules[0]!.checks = ["E04_PRIN <= 教扶06.E06_PROJ"];
    expect(() => loadFormSet(crossToList)).toThrow(/both sheets must be grids/);
    const circular = structuredClone(formSet2019);
    circular.sheets[1]!.fields[5]!.formula = "E01_TOT + 1";
    expect(() => loadFormSet(circular)).toThrow(/earlier fields/);
    const unbounded = structuredClone(formSet2019);
    delete unbounded.sheets[1]!.fields[0]!.max;
    expect(() => loadFormSet(unbounded)).toThrow(/E01_PRE: int and dec2 inputs, and only they, need a max/);
    const unboundedText = structuredClone(formSet2019);
    delete unboundedText.sheets[0]!.fields[2]!.maxLength;
    expect(() => loadFormSet(unboundedText)).toThrow(/C_HEAD: text inputs, and only they, need a maxLength/);
    const unboundedList = structuredClone(formSet2019);
    delete unboundedList.sheets[6]!.maxRows;
    expect(() => loadFormSet(unboundedList)).toThrow(/list sheets, and only they, need maxRows/);
  });

  it("accepts a new field and rule as an edit of data alone", () => {
    const next = structuredClone(formSet2019);
    next.edition = "323/2020";
    next.sheets[4]!.fields.push({ code: "E04_NEW", labelZh: "新指标", labelEn: "New figure", type: "int", max: 1000, aggregation: "sum" });
    next.sheets[4]!.rules.push({ id: "R04.9", severity: "error", titleZh: "新规则", titleEn: "New rule", checks: ["E04_NEW <= E04_EXCH"] });
    const loaded = loadFormSet(next);
    expect(loaded.sheet("教扶04")?.fieldIndex("E04_NEW")).toBe(7);
    expect(loaded.sheet("教扶04")?.rules.map((rule) => rule.definition.id)).toContain("R04.9");
  });
});
