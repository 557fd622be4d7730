import { foldPendingChanges } from "../services/fold-changes.ts";

/** A nudge: "period P has changes to fold". The changes themselves are in D1 (consolidation_changes), so a lost nudge loses nothing. */
export interface ConsolidationMessage {
  period: string;
}

/** Tells the consumer a period has changes to fold. A failed send is logged, not thrown: the change is recorded, and the next pull nudges again. */
export async function nudgeConsolidation(env: Env, periodCode: string): Promise<void> {
  try {
    await env.CONSOLIDATION.send({ period: periodCode } satisfies ConsolidationMessage);
  } catch (error) {
    console.error("consolidation nudge not sent", periodCode, error);
  }
}

/** The queue consumer: folds each period named in the batch; a period with more to fold is nudged again. */
export async function consumeConsolidationBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const periods = new Set<string>();
  for (const message of batch.messages) {
    const period = (message.body as Partial<ConsolidationMessage> | null)?.period;
    if (typeof period === "string" && period.length <= 32) periods.add(period);
  }
  for (const period of periods) {
    const { more } = await foldPendingChanges(env.DB, period);
    if (more) await nudgeConsolidation(env, period);
  }
}
