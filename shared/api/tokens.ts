import { z } from "zod";
import { roleSchema } from "../units/roles.ts";
import { deprecatedPrefectureCodeSchema, humanTextSchema, notBothUnitNames, timestampSchema, unitCodeOfAlias, unitCodeSchema } from "./common.ts";
import { CLERK_TOKEN_DAYS } from "./token-expiry.ts";

export const createTokenBodySchema = z
  .strictObject({
    role: roleSchema,
    unitCode: unitCodeSchema.optional().describe("Required for clerks; absent for province and admin"),
    prefectureCode: deprecatedPrefectureCodeSchema,
    name: humanTextSchema(200).describe("Who holds the token, e.g. 张三"),
    expiresAt: timestampSchema
      .optional()
      .describe(`When the token stops working, in the future; absent: ${CLERK_TOKEN_DAYS} days from now for a clerk, never for province and admin`),
  })
  .refine(...notBothUnitNames)
  .transform(unitCodeOfAlias)
  .refine((body) => (body.role === "clerk") === (body.unitCode !== undefined), {
    path: ["unitCode"],
    message: "a clerk token needs unitCode; province and admin tokens must not have one",
  });

export const tokenSchema = z.object({
  id: z.string(),
  role: roleSchema,
  unitCode: z.string().nullable(),
  name: z.string(),
  createdAt: timestampSchema,
  createdBy: z.string().nullable(),
  revokedAt: timestampSchema.nullable(),
  expiresAt: timestampSchema.nullable().describe("When the token stops working; null: never"),
});

export const createdTokenSchema = tokenSchema.extend({
  token: z.string().describe("The secret, shown only in this response; store it now"),
});

export const tokenIdParamsSchema = z.object({ id: z.string().min(1).max(100) });
