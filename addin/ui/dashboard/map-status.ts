import type { Completeness } from "../../../shared/api/api-client.ts";
import { completenessStatuses } from "../../../shared/api/completeness-statuses.ts";
import { beijingTime } from "../../../shared/values/beijing-time.ts";
import type { StringKey } from "../../logic/i18n.ts";

/** What a prefecture's tile says (no DOM here: the map's facts, tested in Node). */
export type TileStatus = (typeof completenessStatuses)[number];

export const tileStatusKeys: Record<TileStatus, StringKey> = {
  未报: "statusNotSubmitted",
  已报: "statusSubmitted",
  退回: "statusReturned",
  通过: "statusAccepted",
  逾期: "statusLate",
};

/** How many prefectures are in each status, in the legend's order. */
export function statusCounts(rows: Completeness["units"]): { status: TileStatus; count: number }[] {
  return completenessStatuses.map((status) => ({ status, count: rows.filter((row) => row.status === status).length }));
}

/** Today's date in Beijing (UTC+8), "2019-12-31". */
export function beijingDate(now: Date): string {
  return beijingTime(now.toISOString()).slice(0, 10);
}

/** Whole days from today to the deadline (both Beijing dates): 0 on the last day, negative once it has passed. */
export function daysLeft(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** The deadline line beside the map. */
export function deadlineText(deadline: string | null, today: string, t: (key: StringKey, values?: Record<string, string | number>) => string): string {
  if (deadline === null) return t("deadlineNone");
  const days = daysLeft(deadline, today);
  if (days > 0) return t("deadlineLeft", { deadline, days });
  if (days === 0) return t("deadlineToday", { deadline });
  return t("deadlinePassedDays", { deadline, days: -days });
}
