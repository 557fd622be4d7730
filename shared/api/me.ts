import { z } from "zod";
import { roleSchema } from "../units/roles.ts";
import { timestampSchema } from "./common.ts";

export const meSchema = z.object({
  tokenId: z.string(),
  tokenName: z.string(),
  role: roleSchema,
  unitCode: z.string().nullable(),
  unitName: z.string().nullable().describe("The clerk's reporting unit by name: 济南市, or a county with its prefecture, 济南市历下区"),
  unitLevel: z.string().nullable().describe("The unit's level: prefecture or county; null for province reviewers and admins"),
  expiresAt: timestampSchema.nullable().describe("When this token stops working (the pane warns 14 days ahead); null: never"),
});
