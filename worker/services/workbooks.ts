import type { z } from "zod";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import type { validationIssueSchema } from "../../shared/api/validation-issue.ts";
import { provinceRosterComparison } from "./roster-comparison.ts";
import { renderConsolidatedWorkbook } from "../../shared/workbook/render-consolidated.ts";
import type { ConsolidationStatusRow } from "../../shared/workbook/render-consolidated.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import type { ChildSource } from "../../shared/workbook/sources-sheet.ts";
import { currentAttachmentsOfPeriod } from "../db/attachments-repository.ts";
import { loadRevisionDetails } from "../db/consolidation-repository.ts";
import type { Inclusion } from "../../shared/consolidate/inclusion.ts";
import { listLatestRevisions } from "../db/submissions-repository.ts";
import { beijingTime } from "../../shared/values/beijing-time.ts";
import { completenessStatus } from "./completeness.ts";
import { consolidatePeriod } from "./consolidation.ts";
import { mergedWorkbookOf } from "./merge-children.ts";
import { previousAcceptedReport } from "./previous-report.ts";
import { templateRosterCounts } from "./roster-counts.ts";
import { outlierRangesOf } from "./outlier-ranges.ts";
import { rangesToRows } from "../../shared/quality/range-rows.ts";
import { formSetOfPeriod, requirePeriod } from "./require-period.ts";
import { requireRevision } from "./revisions.ts";
import { keptWorkbook } from "./workbook-cache.ts";
import { reportOfPayload } from "../db/stored-report.ts";

// The workbooks the Worker serves; shared/workbook renders them.

/** The blank report workbook of a prefecture for a period. */
export function reportTemplateBytes(env: Env, periodCode: string, prefecture: ReportingUnit): Promise<Uint8Array> {
  return reportWorkbookBytes(env, periodCode, prefecture, undefined);
}

/** One revision as the report workbook: the template filled with the stored report, its explanations in 说明. */
export async function revisionWorkbookBytes(env: Env, periodCode: string, prefecture: ReportingUnit, revision: number): Promise<Uint8Array> {
  const stored = await requireRevision(env.DB, periodCode, prefecture.code, revision);
  return reportWorkbookBytes(env, periodCode, prefecture, reportOfPayload(stored.payload));
}

/**
 * The unit's workbook built from the units reporting to it (a prefecture's from its counties' newest
 * included revisions), its cover, its own explanations and the rows it typed for counties still
 * without a revision from the unit's own latest revision when it has one (shared/workbook/merged-workbook.ts):
 * the prefecture's clerk checks it, types what no county sent, and submits it as the prefecture's.
 */
export async function mergedWorkbookBytes(env: Env, periodCode: string, unit: ReportingUnit): Promise<Uint8Array> {
  const { workbook } = await mergedWorkbookOf(env.DB, periodCode, unit);
  return reportWorkbookBytes(env, periodCode, unit, workbook.report, workbook.sources);
}

/** The standard workbook, blank or filled, with last period's accepted figures in _prev for the history rules, the outlier ranges in _ranges (O01) and the counties' roster counts in _roster when the period requires rosters; kept in R2 by what it shows. */
async function reportWorkbookBytes(
  env: Env,
  periodCode: string,
  unit: ReportingUnit,
  report: ReportData | undefined,
  sources?: readonly ChildSource[],
): Promise<Uint8Array> {
  const period = await requirePeriod(env.DB, periodCode);
  const formSet = await formSetOfPeriod(env.DB, period);
  const [previous, ranges] = await Promise.all([previousAcceptedReport(env.DB, period, unit.code), outlierRangesOf(env.DB, formSet, period.code, unit)]);
  const rosterCounts = await templateRosterCounts(env.DB, period, unit);
  const shows = { edition: formSet.edition, unit: unit.code, period: period.code, previous, ranges: rangesToRows(ranges), report, sources, rosterCounts };
  return keptWorkbook(env, `report/${period.code}/${unit.code}`, shows, () =>
    renderReportTemplate({ formSet, unit, period: period.code, previous, ranges, report, sources, rosterCounts }),
  );
}

/** The consolidation and, per prefecture, its included revision's status, submitter, time and explained warnings (汇总状态, 预警说明, 预警分析). */
export async function consolidationStatus(env: Env, periodCode: string, inclusion: Inclusion, waitSeconds: number, now = new Date()) {
  const db = env.DB;
  const period = await requirePeriod(db, periodCode);
  const consolidated = await consolidatePeriod(env, period, inclusion, waitSeconds);
  const [details, latest, stampedCopies] = await Promise.all([
    loadRevisionDetails(
      db,
      consolidated.provenance.map((entry) => Number(entry.submissionId)),
    ),
    listLatestRevisions(db, period.code),
    currentAttachmentsOfPeriod(db, period.code),
  ]);
  const detailById = new Map(details.map((detail) => [String(detail.id), detail]));
  const latestByPrefecture = new Map(latest.map((revision) => [revision.unitCode, revision]));
  const status = reportingTree.root.children.map((prefecture): ConsolidationStatusRow => {
    const included = consolidated.provenance.find((entry) => entry.unitCode === prefecture.code);
    const detail = included && detailById.get(included.submissionId);
    // The prefecture's true state now: a returned report is 退回, never "not submitted", whichever revision the totals include.
    const statusZh = completenessStatus(latestByPrefecture.get(prefecture.code), period.deadline, now);
    if (!included || !detail) {
      return {
        unitCode: prefecture.code,
        unitName: prefecture.name,
        revision: null,
        statusZh,
        accepted: false,
        submittedBy: "",
        submittedAt: "",
        stampedCopySha256: null,
        explanations: [],
      };
    }
    const warnings = JSON.parse(detail.explanations) as z.output<typeof validationIssueSchema>[];
    return {
      unitCode: prefecture.code,
      unitName: prefecture.name,
      revision: included.revision,
      statusZh,
      accepted: included.status === "accepted",
      submittedBy: detail.submitted_by_name,
      submittedAt: beijingTime(included.submittedAt),
      stampedCopySha256: stampedCopies.get(detail.id)?.sha256 ?? null,
      explanations: warnings.map((warning) => ({
        ruleId: warning.ruleId,
        address: warning.address,
        message: warning.messageZh,
        text: warning.explanation ?? "",
        rowKey: warning.rowKey,
        reason: warning.explanationReason,
      })),
      sources: included.sources ?? null,
    };
  });
  return { period, consolidated, status };
}

/** The province workbook of the consolidation, with the 汇总状态 sheet: included revision, status, submitter, time, explanations. */
export async function consolidatedWorkbookBytes(
  env: Env,
  periodCode: string,
  inclusion: Inclusion,
  waitSeconds: number,
  now = new Date(),
): Promise<Uint8Array> {
  const db = env.DB;
  const { period, consolidated, status } = await consolidationStatus(env, periodCode, inclusion, waitSeconds, now);
  const formSet = await formSetOfPeriod(env.DB, period);
  // 核准比对 once the period has a poverty list; it is part of what the workbook shows, so a new roster or list is a new workbook.
  const provinceComparison = await provinceRosterComparison(db, period.code);
  const comparison = provinceComparison.listUploadedAt === null ? undefined : provinceComparison;
  // Freshness is not shown: a change that leaves the totals as they were (a county's submit) keeps the same workbook.
  const shows = { edition: formSet.edition, consolidated: { ...consolidated, freshness: undefined }, status, comparison };
  return keptWorkbook(env, `consolidated/${period.code}/${inclusion}`, shows, () =>
    renderConsolidatedWorkbook({ formSet, tree: reportingTree, consolidated, status, comparison }),
  );
}
