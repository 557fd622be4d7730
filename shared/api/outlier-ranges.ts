import { z } from "zod";
import { cleanTextSchema } from "./common.ts";

/** PUT …/units/{unit}/outlier-ranges: the province sets (low and high) or clears (both null) one field's range, with a note. */
export const outlierRangeSettingBodySchema = z
  .strictObject({
    fieldCode: z.string().min(1).max(64).describe("A count or amount field of the grid sheets, e.g. E01_PRE"),
    rowKey: z
      .string()
      .regex(/^\d{6}$/)
      .optional()
      .describe("The row's unit (a county of a prefecture's report); the unit itself by default"),
    low: z.number().finite().min(0).nullable(),
    high: z.number().finite().min(0).nullable(),
    note: cleanTextSchema(500).describe("Why (≥ 5 characters)"),
  })
  .refine((body) => (body.low === null) === (body.high === null), {
    message: "low 与 high 同时给出或同时为 null / give low and high, or neither",
    path: ["high"],
  })
  .refine((body) => body.low === null || body.high === null || body.low <= body.high, {
    message: "low 不得大于 high / low must not exceed high",
    path: ["low"],
  })
  .refine((body) => [...body.note.trim()].length >= 5, { message: "说明至少 5 个字 / the note needs at least 5 characters", path: ["note"] });

export const outlierRangeSettingSchema = z.object({
  id: z.number().int(),
  periodCode: z.string(),
  unitCode: z.string().describe("The row's unit"),
  fieldCode: z.string(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  note: z.string(),
  setAt: z.string(),
  setByName: z.string(),
});

export const outlierRangeSettingsSchema = z.object({
  settings: z.array(outlierRangeSettingSchema).describe("Every setting of the unit's rows, oldest first: the newest per field counts"),
});

export type OutlierRangeSetting = z.output<typeof outlierRangeSettingSchema>;
