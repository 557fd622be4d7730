import { consolidate } from "../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "../../shared/forms/form-set.ts";
import { regionTable } from "../../shared/regions/region-table.ts";
import type { ReportData } from "../../shared/report/report-data.ts";

/** consolidate() of prefecture reports as if each were its prefecture's revision 1 with this status: what the server's totals must equal. */
export function consolidatedAsRevisionOne(reports: readonly ReportData[], status: "submitted" | "accepted", period = "2019") {
  return consolidate(
    currentFormSet,
    regionTable,
    period,
    reports.map((report, index) => ({
      report,
      provenance: { prefectureCode: report.prefectureCode, submissionId: String(index), revision: 1, status, submittedAt: "" },
    })),
  );
}
