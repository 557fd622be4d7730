import { z } from "zod";
import { formSetSchema } from "../forms/form-schema.ts";
import { timestampSchema } from "./common.ts";

export const editionIdSchema = z
  .string()
  .regex(/^\d{3}\/\d{4}$/, "an edition, e.g. 323/2019")
  .describe("报表版本 / Form set edition, e.g. 323/2019");

/** `/editions/{edition}`: the slash of "323/2019" travels percent-encoded (323%2F2019); Hono decodes it. */
export const editionParamsSchema = z.object({ edition: editionIdSchema });

export const editionSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: timestampSchema,
});

export const editionSchema = editionSummarySchema.extend({
  /** 表式定义 / The form set: sheets, fields, rules, consolidation (a zod/mini schema: it carries no description of its own). */
  definition: formSetSchema,
});
