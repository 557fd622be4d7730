import type { ReportData } from "../../shared/report/report-data.ts";
import { findLatestAcceptedPayload } from "../db/submissions-repository.ts";
import type { PeriodRecord } from "../db/periods-repository.ts";

/** The prefecture's accepted report of the period before this one: what the history rules compare with (_prev in the workbook). */
export async function previousAcceptedReport(db: D1Database, period: PeriodRecord, prefectureCode: string): Promise<ReportData | undefined> {
  const payload = await findLatestAcceptedPayload(db, String(Number(period.code) - 1), prefectureCode);
  return payload ? (JSON.parse(payload) as ReportData) : undefined;
}
