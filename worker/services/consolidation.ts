import type { z } from "zod";
import type { consolidatedSchema } from "../../shared/api/consolidated.ts";
import type { Provenance } from "../../shared/consolidate/consolidate.ts";
import type { RowSource } from "../../shared/consolidate/row-sources.ts";
import { reportFromStoredTotals, storedTotalNamesOf } from "../../shared/consolidate/stored-totals.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { UnitTree } from "../../shared/units/unit-tree.ts";
import type { Inclusion } from "../../shared/consolidate/inclusion.ts";
import { freshnessOf, freshnessStatement, readStoredConsolidation } from "../db/consolidation-store.ts";
import type { SubmissionStatus } from "../db/submissions-repository.ts";
import type { PeriodRecord } from "../db/periods-repository.ts";
import { nudgeConsolidation } from "./consolidation-queue.ts";
import { formSetOfPeriod } from "./require-period.ts";

/** How often a waiting pull looks again whether the changes before it are folded. */
const waitPollMs = 100;

/**
 * The province's consolidation, read from the stored totals the queue keeps (worker/services/
 * fold-changes.ts): the province's, its prefectures' and their counties' totals, ratios recomputed,
 * the revision each prefecture contributed, and how fresh it all is. A pull reads the same number of
 * rows however many reports lie below. It first waits, up to `waitSeconds`, for the changes recorded
 * before it to be folded in, and nudges the queue when some are pending (a nudge lost, or rows written
 * by SQL).
 */
export async function consolidatePeriod(
  env: Env,
  period: PeriodRecord,
  inclusion: Inclusion,
  waitSeconds: number,
  tree: UnitTree = reportingTree,
): Promise<z.output<typeof consolidatedSchema>> {
  if (waitSeconds > 0) await waitForFolds(env, period.code, Date.now() + waitSeconds * 1000);
  const formSet = await formSetOfPeriod(env.DB, period);
  const { nodes, totals, freshness } = await readStoredConsolidation(env.DB, period.code, inclusion, storedTotalNamesOf(formSet));
  if (freshness.pendingChanges > 0 && waitSeconds === 0) await nudgeConsolidation(env, period.code);
  const provenance: Provenance[] = nodes.map((node) => ({
    unitCode: node.unit_code,
    submissionId: String(node.id),
    revision: node.revision,
    status: node.status,
    submittedAt: node.submitted_at,
    sources: node.sources === null ? null : (JSON.parse(node.sources) as RowSource[]),
  }));
  const report = reportFromStoredTotals(formSet, tree.root, period.code, totals, provenance);
  return {
    ...report,
    include: inclusion,
    notAccepted: report.provenance
      .filter((entry) => entry.status !== "accepted")
      .map((entry) => ({ unitCode: entry.unitCode, revision: entry.revision, status: entry.status as SubmissionStatus })),
    freshness,
  };
}

/** Waits until every change recorded now is folded, or the deadline passes (then the pull says what is pending). */
async function waitForFolds(env: Env, periodCode: string, deadline: number): Promise<void> {
  let freshness = freshnessOf((await freshnessStatement(env.DB, periodCode).all()).results[0]);
  const target = freshness.newestChange;
  if (target === null || freshness.pendingChanges === 0) return;
  await nudgeConsolidation(env, periodCode);
  while ((freshness.foldedThrough?.change ?? 0) < target && freshness.pendingChanges > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, waitPollMs));
    freshness = freshnessOf((await freshnessStatement(env.DB, periodCode).all()).results[0]);
  }
}
