import { z } from "zod";
import { humanTextSchema, timestampSchema, unitPathParamsSchema } from "./common.ts";

// 跟进 (issue 30, item 2): whoever reviews a unit marks one of its values for follow-up with a note; the
// unit's clerk sees it on the issue list; either side clears it with a note; the province lists them all.

export const followUpBodySchema = z.strictObject({
  cell: z.string().min(3).max(100).describe("单元格 / The value's cell, e.g. 教扶04!E7"),
  note: humanTextSchema(500).describe("跟进说明 / What to follow up, e.g. 请核实历下区校长交流数"),
});

export const clearFollowUpBodySchema = z.strictObject({
  note: humanTextSchema(500).describe("解除说明 / Why it is settled, e.g. 已核实，数字无误"),
});

export const followUpParamsSchema = unitPathParamsSchema.extend({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, "a follow-up's number")
    .transform(Number)
    .describe("跟进编号 / The follow-up's id"),
});

export const followUpStateQuerySchema = z.strictObject({
  state: z.enum(["open", "all"]).optional().describe("open (default): marks not yet cleared; all: cleared ones too"),
});

export const followUpSchema = z.object({
  id: z.number().int(),
  periodCode: z.string(),
  unitCode: z.string(),
  sheetCode: z.string(),
  rowKey: z.string(),
  fieldCode: z.string(),
  cell: z.string().describe("A1 in the period's layout"),
  address: z.string().describe("e.g. 教扶04!E7"),
  note: z.string(),
  markedByName: z.string(),
  markedAt: timestampSchema,
  open: z.boolean(),
  clearedByName: z.string().nullable(),
  clearedAt: timestampSchema.nullable(),
  clearNote: z.string().nullable(),
});

export const followUpsSchema = z.object({ followUps: z.array(followUpSchema).describe("Oldest first") });
