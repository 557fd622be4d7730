import type { Role } from "../units/roles.ts";

// When tokens stop working: the default the Worker and the command line give a new token, and when
// the pane and the page start to warn. No zod here: the pane bundles this.

/** How long a clerk's token lasts unless its expiry is given: a reporting year and a margin. */
export const CLERK_TOKEN_DAYS = 400;

/** How many days ahead of its expiry the pane and the page warn about a token. */
export const TOKEN_EXPIRY_WARNING_DAYS = 14;

const dayMs = 86_400_000;

/** The expiry a new token gets when none is asked for: clerks CLERK_TOKEN_DAYS from `now`, others never. */
export function defaultTokenExpiry(role: Role, now: Date): string | null {
  return role === "clerk" ? new Date(now.getTime() + CLERK_TOKEN_DAYS * dayMs).toISOString() : null;
}

/** Whole days left (0: less than one) when the token expires within TOKEN_EXPIRY_WARNING_DAYS; undefined otherwise. */
export function daysLeftToWarn(expiresAt: string | null, now: Date): number | undefined {
  if (!expiresAt) return undefined;
  const left = Date.parse(expiresAt) - now.getTime();
  return left <= TOKEN_EXPIRY_WARNING_DAYS * dayMs ? Math.max(0, Math.floor(left / dayMs)) : undefined;
}
