import type { Reminder } from "../../shared/api/api-client.ts";
import { formatTime, text } from "./i18n.ts";
import type { Language } from "./i18n.ts";

/**
 * 催报 as the clerk reads it at the top of the pane and the page: the newest pending reminder of a
 * period (who, when, the note) and how many are pending; undefined once the unit has submitted.
 */
export function reminderNotice(language: Language, period: string, reminders: readonly Reminder[]): string | undefined {
  const pending = reminders.filter((reminder) => reminder.pending);
  const last = pending.at(-1);
  if (!last) return undefined;
  const note = last.note ? text(language, "reminderNote", { note: last.note }) : "";
  return text(language, "reminderPending", { period, from: last.sentByName, time: formatTime(language, last.sentAt), count: pending.length, note });
}
