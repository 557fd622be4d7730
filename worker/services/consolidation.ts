import type { z } from "zod";
import type { consolidatedSchema } from "../../shared/api/consolidated.ts";
import { consolidate } from "../../shared/consolidate/consolidate.ts";
import type { IncludedSubmission } from "../../shared/consolidate/consolidate.ts";
import { regionTable } from "../../shared/regions/region-table.ts";
import { reportFromValues } from "../../shared/report/report-values.ts";
import type { StoredValue } from "../../shared/report/report-values.ts";
import { loadIncluded } from "../db/consolidation-repository.ts";
import type { RowSource } from "../../shared/consolidate/row-sources.ts";
import type { Inclusion } from "../db/consolidation-repository.ts";
import type { PeriodRecord } from "../db/periods-repository.ts";
import { toStoredValue } from "../db/submission-values-repository.ts";
import { formSetOfPeriod } from "./require-period.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";

/**
 * The province's consolidation: each prefecture's included revision (see `Inclusion`) read back
 * from `submission_values` with SQL, rebuilt as a report and merged by the domain core's
 * `consolidate`, with the provenance of every prefecture and which of them are not accepted yet.
 */
export async function consolidatePeriod(db: D1Database, period: PeriodRecord, inclusion: Inclusion): Promise<z.output<typeof consolidatedSchema>> {
  const formSet = formSetOfPeriod(period);
  const { revisions, values } = await loadIncluded(db, period.code, inclusion, reportingTree.root.code);
  const valuesBySubmission = new Map<number, StoredValue[]>(revisions.map((revision) => [revision.id, []]));
  for (const row of values) valuesBySubmission.get(row.submission_id)?.push(toStoredValue(row));

  const included: IncludedSubmission[] = revisions.map((revision) => ({
    report: reportFromValues(
      formSet,
      { edition: revision.edition_id, prefectureCode: revision.prefecture_code, period: period.code },
      valuesBySubmission.get(revision.id) ?? [],
    ),
    provenance: {
      prefectureCode: revision.prefecture_code,
      submissionId: String(revision.id),
      revision: revision.revision,
      status: revision.status,
      submittedAt: revision.submitted_at,
      sources: revision.sources === null ? null : (JSON.parse(revision.sources) as RowSource[]),
    },
  }));
  return {
    ...consolidate(formSet, regionTable, period.code, included),
    include: inclusion,
    notAccepted: revisions
      .filter((revision) => revision.status !== "accepted")
      .map((revision) => ({ prefectureCode: revision.prefecture_code, revision: revision.revision, status: revision.status })),
  };
}
