import type { ReportData } from "../../shared/report/report-data.ts";
import type { RosterCountsByCounty } from "../../shared/roster/roster-counts-sheet.ts";
import { ROSTER_STAGES } from "../../shared/roster/roster-definition.ts";

/** Each county's 教扶01 stage counts as a report has them: the counts of rosters that agree with it (X10.1). */
export function stageCountsOfReport(report: ReportData): RosterCountsByCounty {
  return Object.fromEntries(
    (report.sheets["教扶01"] ?? []).map((row) => [
      row.key,
      Object.fromEntries(ROSTER_STAGES.map((stage) => [stage.countField, Number(row.values[stage.countField] ?? 0)])),
    ]),
  );
}
