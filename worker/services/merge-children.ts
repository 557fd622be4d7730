import type { z } from "zod";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { mergedReportSchema } from "../../shared/api/units.ts";
import { mergeChildReports } from "../../shared/consolidate/merge-unit-reports.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { loadIncludedPayloads } from "../db/consolidation-repository.ts";
import { listLatestRevisions } from "../db/submissions-repository.ts";
import { ProblemError } from "../http/problem.ts";
import { formSetOfPeriod, requirePeriod } from "./require-period.ts";
import { reportOfPayload } from "../db/stored-report.ts";

/**
 * A unit's report built from the units reporting to it (a prefecture's from its counties): each
 * child's included revision (shared/consolidate/inclusion.ts), merged by the domain core (one grid row per child,
 * the children's list rows one after another), with the revision each child contributed, the
 * children that have none (their rows are the unit's clerk's to type) and those not accepted yet.
 */
export async function mergeChildren(db: D1Database, periodCode: string, unit: ReportingUnit): Promise<z.output<typeof mergedReportSchema>> {
  const period = await requirePeriod(db, periodCode);
  if (unit.level.report?.gridRows !== "totalAndChildren" || !unit.children[0]?.level.report)
    throw new ProblemError(problemKinds.notFound, `${unit.name}没有下级报送单位 / ${unit.nameEn} has no units reporting to it`);
  const [included, latest] = await Promise.all([loadIncludedPayloads(db, period.code, "latest", unit.code), listLatestRevisions(db, period.code)]);
  const merged = mergeChildReports(
    await formSetOfPeriod(db, period),
    unit,
    included.map((revision) => reportOfPayload(revision.payload)),
  );
  const contributed = new Set(included.map((revision) => revision.unit_code));
  const returned = new Set(latest.filter((revision) => revision.status === "returned").map((revision) => revision.unitCode));
  const missingUnits = unit.children.filter((child) => !contributed.has(child.code)).map((child) => child.code);
  return {
    unitCode: unit.code,
    period: period.code,
    report: { ...merged.report, unitCode: unit.code, period: period.code, edition: period.editionId, explanations: merged.report.explanations ?? [] },
    provenance: included.map((revision) => ({
      unitCode: revision.unit_code,
      submissionId: String(revision.id),
      revision: revision.revision,
      status: revision.status,
      submittedAt: revision.submitted_at,
    })),
    missingUnits,
    returnedUnits: missingUnits.filter((code) => returned.has(code)),
    notAccepted: included.filter((revision) => revision.status !== "accepted").map((revision) => revision.unit_code),
  };
}
