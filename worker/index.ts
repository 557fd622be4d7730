import { createApp } from "./app.ts";
import { consumeConsolidationBatch } from "./services/consolidation-queue.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  // Consolidation as reports arrive: the consumer folds changes into the stored totals (worker/services/fold-changes.ts).
  queue: consumeConsolidationBatch,
} satisfies ExportedHandler<Env>;
