// Who is calling: the token's identity, as loaded by `authenticate`.
import { roleSchema } from "../../shared/units/roles.ts";

/** The roles a token can have: the API contract's list. */
export const roles = roleSchema.options;
export type Role = (typeof roles)[number];

export interface Caller {
  tokenId: string;
  tokenName: string;
  role: Role;
  /** A clerk's own prefecture; null for province reviewers and admins. */
  unitCode: string | null;
  /** When the token stops working; null: never. */
  expiresAt: string | null;
}
