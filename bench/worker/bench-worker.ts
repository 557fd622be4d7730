import { Hono } from "hono";
import { createApp } from "../../worker/app.ts";
import { includedValuesQuery, loadIncludedPayloads } from "../../worker/db/consolidation-repository.ts";
import type { AppEnv } from "../../worker/env.ts";

// The Worker as deployed, plus one bench-only route (never in the deployed bundle: this entry is
// used only by `npm run bench`, via `wrangler dev bench/worker/bench-worker.ts`).
// GET /bench/consolidation-rows/{period}: the bare SELECT of the rows the consolidation reads,
// returned as JSON with no further work, so both are timed through the same HTTP and the same D1.
// GET /bench/merge-rows/{period}/{unit}: the same for a unit's merge (the counties' included revisions).

const bench = new Hono<AppEnv>();
bench.get("/bench/consolidation-rows/:period", async (c) => {
  const { results } = await includedValuesQuery(c.env.DB, c.req.param("period"), "latest", "370000").all();
  return c.json(results);
});
bench.get("/bench/merge-rows/:period/:unit", async (c) => c.json(await loadIncludedPayloads(c.env.DB, c.req.param("period"), "latest", c.req.param("unit"))));
bench.route("/", createApp());

export default { fetch: bench.fetch } satisfies ExportedHandler<Env>;
