import { comparisonQueries, recomputePendingCounties } from "./comparison-figures.ts";
import { foldPendingChanges, paidQueriesPerInvocation } from "./fold-changes.ts";

/**
 * A nudge: "period P has changes to fold" (kind absent: the stored totals) or "to recompute" (kind
 * "comparison": the roster comparison's figures). The changes themselves are in D1
 * (consolidation_changes, roster_comparison_changes), so a lost nudge loses nothing.
 */
export interface ConsolidationMessage {
  period: string;
  kind?: "comparison";
}

/** A batch with a unit that could not be folded comes back after this long. */
const retryDelaySeconds = 5;

/** Tells the consumer a period has changes to fold. A failed send is logged, not thrown: the change is recorded, and the next pull nudges again. */
export async function nudgeConsolidation(env: Env, periodCode: string): Promise<void> {
  try {
    await env.CONSOLIDATION.send({ period: periodCode } satisfies ConsolidationMessage);
  } catch (error) {
    console.error("consolidation nudge not sent", periodCode, error);
  }
}

/** Tells the consumer a period's roster comparison has counties to recompute (a roster or the list changed); a failed send is logged, as above (a read computes what is not current). */
export async function nudgeComparison(env: Env, periodCode: string): Promise<void> {
  try {
    await env.CONSOLIDATION.send({ period: periodCode, kind: "comparison" } satisfies ConsolidationMessage);
  } catch (error) {
    console.error("comparison nudge not sent", periodCode, error);
  }
}

/**
 * The queue consumer: folds each period named in the batch (a period with more to fold is nudged
 * again) and recomputes the comparison of each period nudged for it; a unit or a period that fails
 * fails the batch after the others.
 */
export async function consumeConsolidationBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const periods = new Set<string>();
  const comparisons = new Set<string>();
  for (const message of batch.messages) {
    const body = message.body as Partial<ConsolidationMessage> | null;
    const period = body?.period;
    if (typeof period === "string" && period.length <= 32) (body?.kind === "comparison" ? comparisons : periods).add(period);
  }
  // Workers Free allows 50 D1 queries an invocation, Paid 1,000 (wrangler.toml's D1_QUERIES_PER_INVOCATION).
  let queryBudget = Number(env.D1_QUERIES_PER_INVOCATION) || paidQueriesPerInvocation;
  const failed: string[] = [];
  for (const [index, period] of [...periods].entries()) {
    // The first period folds at least one unit whatever its cost; later ones only what the budget has left.
    const folded = await foldPendingChanges(env.DB, period, queryBudget, index === 0);
    queryBudget -= folded.queries;
    if (folded.more) await nudgeConsolidation(env, period);
    failed.push(...folded.failed.map((unit) => `${period}/${unit}`));
  }
  for (const period of comparisons) {
    // A recompute's queries past what the folds left wait for the next invocation (the changes stay recorded).
    if (queryBudget < comparisonQueries) {
      await nudgeComparison(env, period);
      continue;
    }
    queryBudget -= comparisonQueries;
    try {
      await recomputePendingCounties(env.DB, period);
    } catch (error) {
      console.error("roster comparison recompute failed", period, error);
      failed.push(`${period}/comparison`);
    }
  }
  // The units that failed (each logged) are tried again when the queue redelivers the batch; the others are folded already.
  if (failed.length > 0) batch.retryAll({ delaySeconds: retryDelaySeconds });
}
