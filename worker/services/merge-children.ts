import type { z } from "zod";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { mergedReportSchema } from "../../shared/api/units.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import { mergeChildReports } from "../../shared/consolidate/merge-unit-reports.ts";
import { staleChildren, totalChanges } from "../../shared/consolidate/merge-staleness.ts";
import type { IncludedChild } from "../../shared/consolidate/merge-staleness.ts";
import type { RowSource } from "../../shared/consolidate/row-sources.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { mergedWorkbookInput } from "../../shared/workbook/merged-workbook.ts";
import type { MergedWorkbook } from "../../shared/workbook/merged-workbook.ts";
import { loadIncludedPayloads } from "../db/consolidation-repository.ts";
import { findLatestRevision, listLatestRevisions } from "../db/submissions-repository.ts";
import { ProblemError } from "../http/problem.ts";
import { formSetOfPeriod, requirePeriod } from "./require-period.ts";
import { requireRevision } from "./revisions.ts";
import { reportOfPayload } from "../db/stored-report.ts";

type MergedReport = z.output<typeof mergedReportSchema>;

/**
 * A unit's report built from the units reporting to it (a prefecture's from its counties): each
 * child's included revision (shared/consolidate/inclusion.ts), merged by the domain core (one grid row per child,
 * the children's list rows one after another), with the revision each child contributed, the
 * children that have none (their rows are the unit's clerk's to type), those not accepted yet, and
 * whether the unit's latest revision is out of date (a child moved on since it was built).
 */
export async function mergeChildren(db: D1Database, periodCode: string, unit: ReportingUnit): Promise<MergedReport> {
  return (await mergedWorkbookOf(db, periodCode, unit)).merged;
}

/**
 * The merge, and the merged workbook's input: the rows the unit's clerk typed in its latest revision
 * for children still without a revision are kept (shared/workbook/merged-workbook.ts); the staleness
 * compares that latest revision's sources with what each child contributes now, and its 合计 with the rebuild's.
 */
export async function mergedWorkbookOf(db: D1Database, periodCode: string, unit: ReportingUnit): Promise<{ merged: MergedReport; workbook: MergedWorkbook }> {
  const period = await requirePeriod(db, periodCode);
  if (unit.level.report?.gridRows !== "totalAndChildren" || !unit.children[0]?.level.report)
    throw new ProblemError(problemKinds.notFound, `${unit.name}没有下级报送单位 / ${unit.nameEn} has no units reporting to it`);
  const formSet = await formSetOfPeriod(db, period);
  const [included, latestOfAll, latest] = await Promise.all([
    loadIncludedPayloads(db, period.code, "latest", unit.code),
    listLatestRevisions(db, period.code),
    latestOwnRevision(db, period.code, unit),
  ]);
  const merged = mergeChildReports(
    formSet,
    unit,
    included.map((revision) => reportOfPayload(revision.payload)),
  );
  const contributed = new Set(included.map((revision) => revision.unit_code));
  const returned = new Set(latestOfAll.filter((revision) => revision.status === "returned").map((revision) => revision.unitCode));
  const missingUnits = unit.children.filter((child) => !contributed.has(child.code)).map((child) => child.code);
  const provenance = included.map((revision) => ({
    unitCode: revision.unit_code,
    submissionId: String(revision.id),
    revision: revision.revision,
    status: revision.status,
    submittedAt: revision.submitted_at,
  }));
  const body = {
    unitCode: unit.code,
    period: period.code,
    report: { ...merged.report, unitCode: unit.code, period: period.code, edition: period.editionId, explanations: merged.report.explanations ?? [] },
    provenance,
    missingUnits,
    returnedUnits: missingUnits.filter((code) => returned.has(code)),
    notAccepted: included.filter((revision) => revision.status !== "accepted").map((revision) => revision.unit_code),
  };
  const workbook = mergedWorkbookInput({ formSet, unit, period: period.code, merged: body, own: latest?.report, latest });
  return { merged: { ...body, staleness: latest ? stalenessOf(formSet, unit, latest, provenance, workbook) : null }, workbook };
}

type LatestOwnRevision = { revision: number; submittedAt: string; report: MergedReport["report"]; sources: RowSource[] | null };

/** The unit's own latest revision, with the child revisions its rows came from. */
async function latestOwnRevision(db: D1Database, periodCode: string, unit: ReportingUnit): Promise<LatestOwnRevision | undefined> {
  const latest = await findLatestRevision(db, periodCode, unit.code);
  if (!latest) return undefined;
  const stored = await requireRevision(db, periodCode, unit.code, latest.revision);
  const report = reportOfPayload(stored.payload);
  return {
    revision: stored.revision,
    submittedAt: stored.submittedAt,
    report: { ...report, explanations: report.explanations ?? [] },
    sources: stored.sources === null ? null : (JSON.parse(stored.sources) as RowSource[]),
  };
}

/** Which children moved on since the unit's latest revision, what a rebuild changes in its 合计, and whose typed rows it keeps. */
function stalenessOf(
  formSet: FormSet,
  unit: ReportingUnit,
  latest: LatestOwnRevision,
  included: readonly IncludedChild[],
  workbook: MergedWorkbook,
): MergedReport["staleness"] {
  const children = staleChildren(unit, latest, included);
  return {
    revision: latest.revision,
    children,
    totals: children.length === 0 ? [] : totalChanges(formSet, unit, latest.report, workbook.report),
    keptUnits: workbook.kept,
  };
}
