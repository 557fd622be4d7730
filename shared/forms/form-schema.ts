import { z } from "zod";

/**
 * The shape of a form set (one edition of the 323 forms) as data. Everything the engine, the
 * layout, the Worker and the add-in know about a particular sheet comes from a value of this
 * shape; adding a field or a rule next year is an edit of data, not code.
 */

const fieldCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, "field codes are UPPER_SNAKE");
const sheetCode = z.string().min(1).max(12);

/**
 * int   — whole number ≥ 0;  dec2 — number ≥ 0 with at most 2 decimals (万元, held as hundredths);
 * ratio — a fraction shown as a percentage (computed only); real — any number (computed only);
 * text, date, phone — as named.
 */
export const fieldTypeSchema = z.enum(["int", "dec2", "ratio", "real", "text", "date", "phone"]);
export type FieldType = z.infer<typeof fieldTypeSchema>;

export const fieldSchema = z.strictObject({
  code: fieldCode,
  labelZh: z.string().min(1),
  labelEn: z.string().min(1),
  unitZh: z.string().optional(),
  unitEn: z.string().optional(),
  type: fieldTypeSchema,
  /** A rule-language expression: the field is computed, locked, never submitted as input. */
  formula: z.string().optional(),
  /** Part of the row key of a list sheet. */
  key: z.boolean().optional(),
  /** Filled in by the system (cover: reporting unit, period) and locked. */
  prefill: z.enum(["prefectureName", "period"]).optional(),
  /** How the province consolidates the field: summed, recomputed from consolidated inputs, or not at all. */
  aggregation: z.enum(["sum", "recompute", "none"]),
});
export type FieldDefinition = z.infer<typeof fieldSchema>;

export const severitySchema = z.enum(["error", "warning"]);
export type Severity = z.infer<typeof severitySchema>;

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[A-Z]\d{2}\.\d+$/),
  severity: severitySchema,
  titleZh: z.string().min(1),
  titleEn: z.string().min(1),
  /** Boolean rule-language expressions; each must hold on every row. A check that meets a blank operand does not apply. */
  checks: z.array(z.string().min(1)).min(1),
});
export type RuleDefinition = z.infer<typeof ruleSchema>;

/** A field of a sheet in the consolidated workbook: a sum of a field, or a count of distinct key tuples. */
export const consolidatedFieldSchema = z.strictObject({
  code: fieldCode,
  labelZh: z.string().min(1),
  labelEn: z.string().min(1),
  unitZh: z.string().optional(),
  unitEn: z.string().optional(),
  distinctOf: z.array(fieldCode).min(1).optional(),
  sumOf: fieldCode.optional(),
});
export type ConsolidatedFieldDefinition = z.infer<typeof consolidatedFieldSchema>;

export const sheetSchema = z.strictObject({
  code: sheetCode,
  /** grid: one row per county plus the 合计 row; list: variable rows keyed by key fields; cover: one record. */
  kind: z.enum(["cover", "grid", "list"]),
  formNumber: z.string().optional(),
  titleZh: z.string().min(1),
  titleEn: z.string().min(1),
  /** 计量单位 when one unit applies to the whole sheet. */
  unitZh: z.string().optional(),
  cumulative: z.boolean().optional(),
  fields: z.array(fieldSchema).min(1),
  rules: z.array(ruleSchema),
  /** Fields of the consolidated sheet when they differ from the sheet's own (list sheets). */
  consolidatedFields: z.array(consolidatedFieldSchema).optional(),
});
export type SheetDefinition = z.infer<typeof sheetSchema>;

export const formSetSchema = z.strictObject({
  edition: z.string().regex(/^\d{3}\/\d{4}$/),
  titleZh: z.string().min(1),
  titleEn: z.string().min(1),
  authorityZh: z.string().min(1),
  authorityEn: z.string().min(1),
  documentNumber: z.string().min(1),
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** A warning may only be submitted with an explanation at least this long. */
  explanationMinLength: z.number().int().positive(),
  /** Mobile 1[3-9] + 9 digits, or landline 0 + area code + 7–8 digits, optional hyphen. */
  phonePattern: z.string().min(1),
  sheets: z.array(sheetSchema).min(1),
});
export type FormSetData = z.infer<typeof formSetSchema>;
