import { formSetSchema } from "./form-schema.ts";
import type { FieldDefinition, FormSetData, RuleDefinition, SheetDefinition } from "./form-schema.ts";
import { formSet2019 } from "./form-set-2019.ts";
import { parseRule } from "../rules/parse-rule.ts";
import { fieldReferences } from "../rules/rule-syntax.ts";
import type { RuleExpression } from "../rules/rule-syntax.ts";

export interface ParsedCheck {
  source: string;
  expression: RuleExpression;
}

export interface LoadedRule {
  definition: RuleDefinition;
  checks: ParsedCheck[];
}

export interface LoadedSheet {
  definition: SheetDefinition;
  code: string;
  kind: SheetDefinition["kind"];
  /** "教扶01 建档立卡贫困教育人口", the worksheet's name. */
  name: string;
  fields: FieldDefinition[];
  field(code: string): FieldDefinition | undefined;
  /** Position of a field in the sheet's field list: the index used for row arrays everywhere. */
  fieldIndex(code: string): number;
  computed: { field: FieldDefinition; index: number; expression: RuleExpression }[];
  keyFields: FieldDefinition[];
  rules: LoadedRule[];
}

export interface FormSet {
  data: FormSetData;
  edition: string;
  sheets: LoadedSheet[];
  sheet(code: string): LoadedSheet | undefined;
  /** The sheet a field code belongs to (field codes are unique across the edition). */
  sheetOfField(fieldCode: string): LoadedSheet | undefined;
}

export class FormSetError extends Error {
  override name = "FormSetError";
}

/** Validates a form set's data (schema, unique codes, every rule and formula parses and names real fields) and indexes it. */
export function loadFormSet(input: unknown): FormSet {
  const parsed = formSetSchema.safeParse(input);
  if (!parsed.success) throw new FormSetError(`表式定义无效 / invalid form set: ${parsed.error.message}`);
  const data = parsed.data;
  const fail = (message: string): never => {
    throw new FormSetError(`表式 ${data.edition}: ${message}`);
  };

  const sheetByCode = new Map<string, LoadedSheet>();
  const sheetByField = new Map<string, LoadedSheet>();
  const ruleIds = new Set<string>();
  for (const definition of data.sheets) {
    if (sheetByCode.has(definition.code)) fail(`duplicate sheet code ${definition.code}`);
    const indexByField = new Map(definition.fields.map((field, index) => [field.code, index]));
    if (indexByField.size !== definition.fields.length) fail(`duplicate field code on ${definition.code}`);
    const sheet: LoadedSheet = {
      definition,
      code: definition.code,
      kind: definition.kind,
      name: definition.kind === "cover" ? definition.titleZh : `${definition.code} ${definition.titleZh}`,
      fields: definition.fields,
      field: (code) => definition.fields[indexByField.get(code) ?? -1],
      fieldIndex: (code) => indexByField.get(code) ?? -1,
      computed: [],
      keyFields: definition.fields.filter((field) => field.key),
      rules: [],
    };
    for (const field of definition.fields) {
      if (sheetByField.has(field.code)) fail(`field ${field.code} appears on two sheets`);
      sheetByField.set(field.code, sheet);
    }
    sheetByCode.set(definition.code, sheet);
  }

  const parse = (source: string, where: string): RuleExpression => {
    try {
      return parseRule(source);
    } catch (error) {
      return fail(`${where}: ${(error as Error).message}`);
    }
  };
  for (const sheet of sheetByCode.values()) {
    if (sheet.kind === "list" && sheet.keyFields.length === 0) fail(`list sheet ${sheet.code} has no key fields`);
    if ((sheet.kind === "list") !== (sheet.definition.maxRows !== undefined)) fail(`${sheet.code}: list sheets, and only they, need maxRows`);
    for (const field of sheet.fields) {
      const numericInput = !field.formula && (field.type === "int" || field.type === "dec2");
      if (numericInput !== (field.max !== undefined)) fail(`${sheet.code}.${field.code}: int and dec2 inputs, and only they, need a max`);
      const textInput = !field.formula && !field.prefill && field.type === "text";
      if (textInput !== (field.maxLength !== undefined)) fail(`${sheet.code}.${field.code}: text inputs, and only they, need a maxLength`);
    }
    sheet.definition.fields.forEach((field, index) => {
      if (!field.formula) return;
      const expression = parse(field.formula, `${sheet.code}.${field.code}`);
      for (const reference of fieldReferences(expression)) {
        const referenced = sheet.fieldIndex(reference.field);
        // A formula reads this sheet's inputs or computed fields defined before it, so one pass in order computes all.
        if (reference.sheet !== undefined || reference.previous || referenced < 0 || (sheet.fields[referenced]?.formula && referenced >= index)) {
          fail(`formula of ${field.code} may only use earlier fields of ${sheet.code}, not ${reference.field}`);
        }
      }
      sheet.computed.push({ field, index, expression });
    });
    for (const rule of sheet.definition.rules) {
      if (ruleIds.has(rule.id)) fail(`duplicate rule id ${rule.id}`);
      ruleIds.add(rule.id);
      const checks = rule.checks.map((source) => ({ source, expression: parse(source, rule.id) }));
      for (const { expression } of checks) {
        for (const reference of fieldReferences(expression)) {
          const target = reference.sheet === undefined ? sheet : sheetByCode.get(reference.sheet);
          if (!target) fail(`${rule.id} names unknown sheet ${reference.sheet}`);
          else if (target.fieldIndex(reference.field) < 0) fail(`${rule.id} names ${reference.field}, not a field of ${target.code}`);
          else if (reference.sheet !== undefined && (target.kind !== "grid" || sheet.kind !== "grid")) {
            fail(`${rule.id}: cross-sheet references join rows by county, so both sheets must be grids`);
          }
        }
      }
      sheet.rules.push({ definition: rule, checks });
    }
    for (const consolidated of sheet.definition.consolidatedFields ?? []) {
      for (const code of [...(consolidated.distinctOf ?? []), ...(consolidated.sumOf ? [consolidated.sumOf] : [])]) {
        if (sheet.fieldIndex(code) < 0) fail(`consolidated field ${consolidated.code} uses unknown ${code}`);
      }
      if (!consolidated.distinctOf === !consolidated.sumOf) fail(`consolidated field ${consolidated.code} needs exactly one of distinctOf or sumOf`);
    }
  }

  const sheets = [...sheetByCode.values()];
  return {
    data,
    edition: data.edition,
    sheets,
    sheet: (code) => sheetByCode.get(code),
    sheetOfField: (code) => sheetByField.get(code),
  };
}

/** Which form set an edition code names: the built-in editions (`formSetOf`), or a caller's own (a test's made-up edition). */
export type FormSetLookup = (edition: string) => FormSet | undefined;

/** The editions built into this code, one data file each: a new edition is registered here (and given its row by a new migration). */
const editions = new Map<string, FormSet>([[formSet2019.edition, loadFormSet(formSet2019)]]);

/** The form set of an edition ("323/2019"), or undefined for an unknown edition. */
export const formSetOf: FormSetLookup = (edition) => editions.get(edition);

/** The codes of the built-in editions, oldest first (for help texts and errors). */
export const builtInEditions: readonly string[] = [...editions.keys()].sort();

/** The edition a period gets when it is opened without naming one: the one place that says so. */
export const newPeriodEdition = formSet2019.edition;
