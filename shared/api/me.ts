import { z } from "zod";
import { roleSchema } from "./common.ts";

export const meSchema = z.object({
  tokenId: z.string(),
  tokenName: z.string(),
  role: roleSchema,
  prefectureCode: z.string().nullable(),
  prefectureName: z.string().nullable(),
});
