import * as z from "zod/mini";

/**
 * zod/mini, not classic zod: the form set is validated wherever it loads, the task pane included,
 * and the mini build keeps the pane's bundle small.
 *
 * The shape of a form set (one edition of the 323 forms) as data. Everything the engine, the
 * layout, the Worker and the add-in know about a particular sheet comes from a value of this
 * shape; adding a field or a rule next year is an edit of data, not code.
 */

const nonEmpty = z.string().check(z.minLength(1));
const fieldCode = z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/, "field codes are UPPER_SNAKE"));
const sheetCode = z.string().check(z.minLength(1), z.maxLength(12));

/**
 * int   — whole number ≥ 0;  dec2 — number ≥ 0 with at most 2 decimals (万元, held as hundredths);
 * ratio — a fraction shown as a percentage (computed only); real — any number (computed only);
 * text, date, phone — as named.
 */
export const fieldTypeSchema = z.enum(["int", "dec2", "ratio", "real", "text", "date", "phone"]);
export type FieldType = z.infer<typeof fieldTypeSchema>;

export const fieldSchema = z.strictObject({
  code: fieldCode,
  labelZh: nonEmpty,
  labelEn: nonEmpty,
  unitZh: z.optional(z.string()),
  unitEn: z.optional(z.string()),
  type: fieldTypeSchema,
  /**
   * The largest value a real report can hold in this field (int and dec2 inputs; required for them):
   * per county on grid sheets, per row on list sheets. Larger is a type error (T02), so that every
   * accepted figure, and the province's total of them, stays an exact, finite number.
   */
  max: z.optional(z.number().check(z.positive())),
  /** Text inputs (required for them): the most characters a real entry needs; longer is a type error (T02). */
  maxLength: z.optional(z.int().check(z.positive())),
  /** A rule-language expression: the field is computed, locked, never submitted as input. */
  formula: z.optional(z.string()),
  /** Part of the row key of a list sheet. */
  key: z.optional(z.boolean()),
  /** Filled in by the system (cover: reporting unit, period) and locked. */
  prefill: z.optional(z.enum(["prefectureName", "period"])),
  /** How the province consolidates the field: summed, recomputed from consolidated inputs, or not at all. */
  aggregation: z.enum(["sum", "recompute", "none"]),
});
export type FieldDefinition = z.infer<typeof fieldSchema>;

export const severitySchema = z.enum(["error", "warning"]);
export type Severity = z.infer<typeof severitySchema>;

export const ruleSchema = z.strictObject({
  id: z.string().check(z.regex(/^[A-Z]\d{2}\.\d+$/)),
  severity: severitySchema,
  titleZh: nonEmpty,
  titleEn: nonEmpty,
  /** Boolean rule-language expressions; each must hold on every row. A check that meets a blank operand does not apply. */
  checks: z.array(nonEmpty).check(z.minLength(1)),
});
export type RuleDefinition = z.infer<typeof ruleSchema>;

/** A field of a sheet in the consolidated workbook: a sum of a field, or a count of distinct key tuples. */
export const consolidatedFieldSchema = z.strictObject({
  code: fieldCode,
  labelZh: nonEmpty,
  labelEn: nonEmpty,
  unitZh: z.optional(z.string()),
  unitEn: z.optional(z.string()),
  distinctOf: z.optional(z.array(fieldCode).check(z.minLength(1))),
  sumOf: z.optional(fieldCode),
});
export type ConsolidatedFieldDefinition = z.infer<typeof consolidatedFieldSchema>;

export const sheetSchema = z.strictObject({
  code: sheetCode,
  /** grid: one row per county plus the 合计 row; list: variable rows keyed by key fields; cover: one record. */
  kind: z.enum(["cover", "grid", "list"]),
  formNumber: z.optional(z.string()),
  titleZh: nonEmpty,
  titleEn: nonEmpty,
  /** 计量单位 when one unit applies to the whole sheet. */
  unitZh: z.optional(z.string()),
  cumulative: z.optional(z.boolean()),
  /** List sheets: the most rows a report may have (the workbook holds exactly this many); more is a structure error (T03). */
  maxRows: z.optional(z.int().check(z.positive())),
  fields: z.array(fieldSchema).check(z.minLength(1)),
  rules: z.array(ruleSchema),
  /** Fields of the consolidated sheet when they differ from the sheet's own (list sheets). */
  consolidatedFields: z.optional(z.array(consolidatedFieldSchema)),
});
export type SheetDefinition = z.infer<typeof sheetSchema>;

export const formSetSchema = z.strictObject({
  edition: z.string().check(z.regex(/^\d{3}\/\d{4}$/)),
  titleZh: nonEmpty,
  titleEn: nonEmpty,
  authorityZh: nonEmpty,
  authorityEn: nonEmpty,
  documentNumber: nonEmpty,
  validUntil: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  /** A warning may only be submitted with an explanation at least this long. */
  explanationMinLength: z.int().check(z.positive()),
  /** Mobile 1[3-9] + 9 digits, or landline 0 + area code + 7–8 digits, optional hyphen. */
  phonePattern: nonEmpty,
  sheets: z.array(sheetSchema).check(z.minLength(1)),
});
export type FormSetData = z.infer<typeof formSetSchema>;
