import type { ValueHistory } from "../../shared/api/api-client.ts";
import type { Language, StringKey } from "./i18n.ts";

// A value's history in words (the 历史 panel of the pane and the page): one line per revision, then
// what was said of it. Plain strings, so they are tested without a DOM.

type Entry = ValueHistory["revisions"][number];
type Say = (key: StringKey, values?: Record<string, string | number>) => string;

const statusKeys = { submitted: "statusSubmitted", returned: "statusReturned", accepted: "statusAccepted" } as const;

/** A number as the pane shows figures (grouped digits); text as it is; blank said. */
function shownValue(value: Entry["value"], language: Language, t: Say): string {
  if (value === null) return t("historyBlank");
  return typeof value === "number" ? value.toLocaleString(language === "zh" ? "zh-CN" : "en-GB", { maximumFractionDigits: 2 }) : value;
}

export interface HistoryLine {
  head: string;
  notes: string[];
}

/** One revision: its value, state, who and when, then its reason, the explanations of warnings on the value, the reviews pointing at it. */
export function historyLine(entry: Entry, label: string, language: Language, t: Say, time: (iso: string) => string): HistoryLine {
  return {
    head: t("historyEntry", {
      label,
      value: shownValue(entry.value, language, t),
      status: t(statusKeys[entry.status]),
      name: entry.submittedByName,
      time: time(entry.submittedAt),
    }),
    notes: [
      ...(entry.resubmissionReason ? [t("historyReason", { reason: entry.resubmissionReason })] : []),
      ...entry.explanations.map((issue) =>
        t("historyExplanation", {
          rule: issue.ruleId,
          message: language === "zh" ? issue.messageZh : issue.messageEn,
          text: issue.explanation ?? t("historyNoExplanation"),
        }),
      ),
      ...entry.reviews.map((review) =>
        t(review.action === "return" ? "historyReviewReturn" : "historyReviewAccept", {
          name: review.actedByName,
          time: time(review.actedAt),
          comment: review.comment ?? "",
        }),
      ),
    ],
  };
}

/** The two lists of the panel: the earlier periods' accepted values (newest first), this period's revisions (oldest first). */
export function historyLines(
  history: ValueHistory,
  language: Language,
  t: Say,
  time: (iso: string) => string,
): { earlier: HistoryLine[]; revisions: HistoryLine[] } {
  return {
    earlier: history.earlier.map((entry) =>
      historyLine(entry, t("historyPeriodRevision", { period: entry.period, revision: entry.revision }), language, t, time),
    ),
    revisions: history.revisions.map((entry) => historyLine(entry, t("historyRevision", { revision: entry.revision }), language, t, time)),
  };
}
