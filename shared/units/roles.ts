import { z } from "zod";

// The roles a token can have: what unit access (./unit-access.ts) decides by, and the API contract's list.
export const roleSchema = z.enum(["clerk", "province", "admin"]);
export type Role = z.infer<typeof roleSchema>;
