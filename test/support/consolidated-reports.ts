import { consolidate } from "../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "./current-form-set.ts";
import { regionTable } from "../../shared/regions/region-table.ts";
import type { RegionTable } from "../../shared/regions/region-table.ts";
import type { ConsolidationStatusRow } from "../../shared/workbook/render-consolidated.ts";
import type { ReportData } from "../../shared/report/report-data.ts";

/** consolidate() of prefecture reports as if each were its prefecture's revision 1 with this status: what the server's totals must equal. */
export function consolidatedAsRevisionOne(reports: readonly ReportData[], status: "submitted" | "accepted", period = "2019") {
  return consolidate(
    currentFormSet,
    regionTable,
    period,
    reports.map((report, index) => ({
      report,
      provenance: { unitCode: report.unitCode, submissionId: String(index), revision: 1, status, submittedAt: "" },
    })),
  );
}

/** The 汇总状态 rows of a consolidation where each prefecture's revision 1 was accepted (`missing` ones submitted nothing). */
export function acceptedStatusRows(
  regions: RegionTable,
  options: { missing?: ReadonlySet<string>; submittedAt?: string; stampedCopySha256?: string | null } = {},
): ConsolidationStatusRow[] {
  const missing = options.missing ?? new Set<string>();
  return regions.prefectures.map((prefecture) => ({
    unitCode: prefecture.code,
    unitName: prefecture.name,
    revision: missing.has(prefecture.code) ? null : 1,
    statusZh: missing.has(prefecture.code) ? "未报" : "通过",
    accepted: !missing.has(prefecture.code),
    submittedBy: `${prefecture.name}填报员`,
    submittedAt: options.submittedAt ?? "2020-01-20T08:00:00Z",
    stampedCopySha256: options.stampedCopySha256 ?? null,
    explanations: [],
  }));
}
