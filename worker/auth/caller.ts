// Who is calling: the token's identity, as loaded by `authenticate`.
export const roles = ["clerk", "province", "admin"] as const;
export type Role = (typeof roles)[number];

export interface Caller {
  tokenId: string;
  tokenName: string;
  role: Role;
  /** A clerk's own prefecture; null for province reviewers and admins. */
  prefectureCode: string | null;
}
