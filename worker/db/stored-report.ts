import type { ReportData } from "../../shared/report/report-data.ts";
import { withUnitCode } from "../../shared/report/report-data.ts";

/** A stored revision's report: payloads stored before migration 0012 name the unit `prefectureCode`. */
export function reportOfPayload(payload: string): ReportData {
  return withUnitCode(JSON.parse(payload)) as ReportData;
}

/**
 * Whether a stored payload was written before migration 0012, when its canonical JSON said
 * `"prefectureCode":"…"` (a cell's text holding those characters is JSON-escaped, so never matches):
 * SQL for a SELECT list, so that only such revisions cost a second hash of a new report.
 */
export const legacyPayloadSql = (column: string) => `instr(${column}, '"prefectureCode":"') > 0`;
