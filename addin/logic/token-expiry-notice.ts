import { daysLeftToWarn } from "../../shared/api/token-expiry.ts";
import { formatTime, text } from "./i18n.ts";
import type { Language } from "./i18n.ts";

/**
 * The warning the pane and the page show from 14 days before the clerk's token expires, with the day
 * it stops working and what to do; undefined when it is further off or never expires.
 */
export function tokenExpiryNotice(language: Language, expiresAt: string | null, now: Date): string | undefined {
  const days = daysLeftToWarn(expiresAt, now);
  if (days === undefined || !expiresAt) return undefined;
  return text(language, days === 0 ? "tokenExpiresWithinDay" : "tokenExpiresSoon", { days, time: formatTime(language, expiresAt) });
}
