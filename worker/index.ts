import { createApp } from "./app.ts";
import { consumeConsolidationBatch } from "./services/consolidation-queue.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  // Consolidation as reports arrive: the consumer folds changes into the stored totals (worker/services/fold-changes.ts),
  // and recomputes the roster comparison of the counties a roster or a list changed (worker/services/comparison-figures.ts).
  queue: consumeConsolidationBatch,
} satisfies ExportedHandler<Env>;
