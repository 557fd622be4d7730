import type { ReportData } from "../../shared/report/report-data.ts";
import { findLatestAcceptedPayload } from "../db/submissions-repository.ts";
import type { PeriodRecord } from "../db/periods-repository.ts";
import { reportOfPayload } from "../db/stored-report.ts";

/** The prefecture's accepted report of the period before this one: what the history rules compare with (_prev in the workbook). */
export async function previousAcceptedReport(db: D1Database, period: PeriodRecord, unitCode: string): Promise<ReportData | undefined> {
  const payload = await findLatestAcceptedPayload(db, String(Number(period.code) - 1), unitCode);
  return payload ? reportOfPayload(payload) : undefined;
}
