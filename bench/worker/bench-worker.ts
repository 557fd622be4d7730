import { Hono } from "hono";
import { createApp } from "../../worker/app.ts";
import { includedValuesQuery, loadIncludedPayloads } from "../../worker/db/consolidation-repository.ts";
import { readStoredConsolidation } from "../../worker/db/consolidation-store.ts";
import type { AppEnv } from "../../worker/env.ts";
import { formSetOfPeriod, requirePeriod } from "../../worker/services/require-period.ts";
import { storedTotalNamesOf } from "../../shared/consolidate/stored-totals.ts";
import { consumeConsolidationBatch } from "../../worker/services/consolidation-queue.ts";
import { rosterIdHasherOf } from "../../worker/services/roster-id-key.ts";
import { importRosterIdKey, keyedIdHash } from "../../shared/roster/keyed-id-hash.ts";

// The Worker as deployed (its routes and its queue consumer), plus bench-only routes (never in the
// deployed bundle: this entry is used only by `npm run bench`, via `wrangler dev bench/worker/bench-worker.ts`).
// GET /bench/consolidation-rows/{period}: the bare SELECT of the rows the consolidation reads,
// returned as JSON with no further work, so both are timed through the same HTTP and the same D1.
// GET /bench/merge-rows/{period}/{unit}: the same for a unit's merge (the counties' included revisions).
// GET /bench/stored-pull/{period}: a pull's reads of the stored totals (readStoredConsolidation itself,
// its D1 batch counted), with the D1 rows each statement read; ?rows=1 returns the rows too.
// GET /bench/full-consolidation-reads/{period}: the rows read by the full re-consolidation's SELECT, for contrast.
// GET /bench/changes/{period}?after=ID: the consolidation changes after ID, with the revision each records.

const bench = new Hono<AppEnv>();
bench.get("/bench/consolidation-rows/:period", async (c) => {
  const { results } = await includedValuesQuery(c.env.DB, c.req.param("period"), "latest", "370000").all();
  return c.json(results);
});
bench.get("/bench/merge-rows/:period/:unit", async (c) => c.json(await loadIncludedPayloads(c.env.DB, c.req.param("period"), "latest", c.req.param("unit"))));
bench.get("/bench/stored-pull/:period", async (c) => {
  const rowsReadByStatement: number[] = [];
  // The pull's own function over a D1 whose batches count the rows they read (a pull reads in one batch).
  const counted = new Proxy(c.env.DB, {
    get(target, property) {
      if (property === "batch")
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements);
          for (const result of results) rowsReadByStatement.push(result.meta.rows_read);
          return results;
        };
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const period = await requirePeriod(c.env.DB, c.req.param("period"));
  const names = storedTotalNamesOf(await formSetOfPeriod(c.env.DB, period));
  const { nodes, totals, totalCount, freshness } = await readStoredConsolidation(counted, period.code, "latest", names);
  const rowsRead = rowsReadByStatement.reduce((sum, rows) => sum + rows, 0);
  return c.json({
    rowsRead,
    rowsReadByStatement,
    nodes: nodes.length,
    totals: totalCount,
    freshness,
    ...(c.req.query("rows") === "1" && { rows: { nodes, totals } }),
  });
});
bench.get("/bench/full-consolidation-reads/:period", async (c) => {
  const { results, meta } = await includedValuesQuery(c.env.DB, c.req.param("period"), "latest", "370000").all();
  return c.json({ rowsRead: meta.rows_read, rows: results.length });
});
bench.get("/bench/changes/:period", async (c) => {
  const { results } = await c.env.DB.prepare(
    `SELECT c.id, c.unit_code, s.revision, c.changed_at, c.folded_at FROM consolidation_changes c JOIN submissions s ON s.id = c.submission_id
     WHERE c.period_code = ?1 AND c.id > ?2 ORDER BY c.id`,
  )
    .bind(c.req.param("period"), Number(c.req.query("after") ?? 0))
    .all();
  return c.json(results);
});
// POST /bench/roster-ids {ids}: the floor of a roster submit's hashing, through the same HTTP and JSON
// parse: the body read, nothing more. POST /bench/roster-hashes {ids}: the same, then every ID hashed as
// submit-roster.ts does (rosterIdHasherOf: the synchronous HMAC, pads precomputed once): the difference
// is hashing's time. POST /bench/roster-hashes-webcrypto {ids}: hashed as it was before, WebCrypto's
// HMAC sign per ID, all at once (keyedIdHash), for the side-by-side figure.
bench.post("/bench/roster-ids", async (c) => c.json({ ids: ((await c.req.json()) as { ids: string[] }).ids.length }));
bench.post("/bench/roster-hashes", async (c) => {
  const { ids } = (await c.req.json()) as { ids: string[] };
  const key = rosterIdHasherOf(c.env);
  const hashes = ids.map((id) => key(id));
  return c.json({ ids: hashes.length });
});
bench.post("/bench/roster-hashes-webcrypto", async (c) => {
  const { ids } = (await c.req.json()) as { ids: string[] };
  rosterIdHasherOf(c.env); // the same 503 without a key
  const key = await importRosterIdKey(c.env.ROSTER_ID_KEY as string);
  const hashes = await Promise.all(ids.map((id) => keyedIdHash(key, id)));
  return c.json({ ids: hashes.length });
});
bench.route("/", createApp());

export default { fetch: bench.fetch, queue: consumeConsolidationBatch } satisfies ExportedHandler<Env>;
