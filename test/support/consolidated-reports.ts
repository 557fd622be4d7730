import { consolidate } from "../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "./current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { UnitTree } from "../../shared/units/unit-tree.ts";
import type { ConsolidationStatusRow } from "../../shared/workbook/render-consolidated.ts";
import type { ReportData } from "../../shared/report/report-data.ts";

/** consolidate() of prefecture reports as if each were its prefecture's revision 1 with this status: what the server's totals must equal. */
export function consolidatedAsRevisionOne(reports: readonly ReportData[], status: "submitted" | "accepted", period = "2019") {
  return consolidate(
    currentFormSet,
    reportingTree.root,
    period,
    reports.map((report, index) => ({
      report,
      provenance: { unitCode: report.unitCode, submissionId: String(index), revision: 1, status, submittedAt: "" },
    })),
  );
}

/** The 汇总状态 rows of a consolidation where each prefecture's revision 1 was accepted (`missing` ones submitted nothing). */
export function acceptedStatusRows(
  regions: UnitTree,
  options: { missing?: ReadonlySet<string>; submittedAt?: string; stampedCopySha256?: string | null } = {},
): ConsolidationStatusRow[] {
  const missing = options.missing ?? new Set<string>();
  return regions.root.children.map((prefecture) => ({
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
