import type { z } from "zod";
import type { completenessSchema, completenessStatuses } from "../../shared/api/completeness.ts";
import { regionTable } from "../../shared/regions/region-table.ts";
import { mayReadUnit } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { currentAttachmentsOfPeriod } from "../db/attachments-repository.ts";
import { listLatestRevisions } from "../db/submissions-repository.ts";
import type { SubmissionRecord } from "../db/submissions-repository.ts";
import { requirePeriod } from "./require-period.ts";
import { reportingUnits } from "./require-unit.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";

export type CompletenessStatus = (typeof completenessStatuses)[number];

/** The first instant after a deadline: the deadline is a whole day, inclusive, in Beijing time (UTC+8). */
export function deadlinePassed(deadline: string | null, now: Date): boolean {
  if (!deadline) return false;
  const endOfDay = Date.parse(`${deadline}T00:00:00+08:00`) + 24 * 60 * 60 * 1000;
  return now.getTime() >= endOfDay;
}

/**
 * 未报 / 已报 / 退回 / 通过, and 逾期 for a prefecture that has submitted nothing by the deadline. A
 * returned report stays 退回 after the deadline: that it is also overdue is a second fact (overdue).
 */
export function completenessStatus(latest: SubmissionRecord | undefined, deadline: string | null, now: Date): CompletenessStatus {
  if (latest?.status === "accepted") return "通过";
  if (latest?.status === "submitted") return "已报";
  if (latest) return "退回";
  return deadlinePassed(deadline, now) ? "逾期" : "未报";
}

/** The prefecture still owes a submission (none yet, or the latest returned) and the deadline has passed. */
export function isOverdue(latest: SubmissionRecord | undefined, deadline: string | null, now: Date): boolean {
  return (latest === undefined || latest.status === "returned") && deadlinePassed(deadline, now);
}

/** Every prefecture's state for the period; a clerk sees only their own prefecture. */
export async function periodCompleteness(db: D1Database, caller: Caller, periodCode: string, now = new Date()): Promise<z.output<typeof completenessSchema>> {
  const period = await requirePeriod(db, periodCode);
  const [latestRevisions, stampedCopies] = await Promise.all([listLatestRevisions(db, period.code), currentAttachmentsOfPeriod(db, period.code)]);
  const latestByPrefecture = new Map(latestRevisions.map((latest) => [latest.prefectureCode, latest]));
  return {
    period: period.code,
    deadline: period.deadline,
    prefectures: regionTable.prefectures
      .filter((prefecture) => mayReadUnit(caller, reportingUnits.unit(prefecture.code) as ReportingUnit))
      .map((prefecture) => {
        const latest = latestByPrefecture.get(prefecture.code);
        const stampedCopy = latest && stampedCopies.get(latest.id);
        return {
          prefectureCode: prefecture.code,
          name: prefecture.name,
          status: completenessStatus(latest, period.deadline, now),
          overdue: isOverdue(latest, period.deadline, now),
          revision: latest?.revision ?? 0,
          submittedAt: latest?.submittedAt ?? null,
          latestStatus: latest?.status ?? null,
          stampedCopy: latest ? (stampedCopy ? ("已盖章" as const) : ("未盖章" as const)) : null,
          stampedCopySha256: stampedCopy?.sha256 ?? null,
        };
      }),
  };
}
