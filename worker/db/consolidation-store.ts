import type { ConsolidationPlan, StoredTotalNames, StoredTotals } from "../../shared/consolidate/stored-totals.ts";
import { inclusions } from "../../shared/consolidate/inclusion.ts";
import type { Inclusion } from "../../shared/consolidate/inclusion.ts";
import { includedRevisionIdSql } from "./included-revision.ts";

// The stored consolidation (migration 0008): the changes waiting to be folded, the fold of one unit's
// included revisions into the totals of its rows and of every unit above it, and the reads of a pull.

/** The revision a unit contributes under an inclusion (shared/consolidate/inclusion.ts). ?1 period, ?2 unit. */
const includedRevisionOf = (inclusion: Inclusion) => includedRevisionIdSql(inclusion, "?1", "?2");

/** Per unit with changes not folded yet, the newest such change (at most `limit` units, oldest first). */
export async function pendingUnits(db: D1Database, periodCode: string, limit: number): Promise<{ unit_code: string; through: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT unit_code, max(id) AS through FROM consolidation_changes WHERE period_code = ?1 AND folded_at IS NULL
       GROUP BY unit_code ORDER BY min(id) LIMIT ?2`,
    )
    .bind(periodCode, limit)
    .all<{ unit_code: string; through: number }>();
  return results;
}

/** What a fold reads before it writes: the unit and its ancestors (from D1's regions), the revisions it includes, their list rows. */
export interface FoldInput {
  /** The unit first, the root last. */
  chain: string[];
  included: Record<Inclusion, number | null>;
  /** The list sheets' text and number values of the included revisions. */
  listValues: { submission_id: number; sheet_code: string; row_key: string; field_code: string; text_value: string | null; number_value: number | null }[];
}

export async function readFoldInput(db: D1Database, periodCode: string, unitCode: string, listSheets: readonly string[]): Promise<FoldInput> {
  const [chain, included] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `WITH RECURSIVE chain (code, parent_code, depth) AS (
           SELECT code, parent_code, 0 FROM regions WHERE code = ?1
           UNION ALL SELECT r.code, r.parent_code, c.depth + 1 FROM regions r JOIN chain c ON r.code = c.parent_code)
         SELECT code FROM chain ORDER BY depth`,
      )
      .bind(unitCode),
    db.prepare(`SELECT ${includedRevisionOf("latest")} AS latest, ${includedRevisionOf("accepted")} AS accepted`).bind(periodCode, unitCode),
  ]);
  const ids = (included?.results[0] ?? {}) as { latest: number | null; accepted: number | null };
  const revisionIds = [...new Set([ids.latest, ids.accepted].filter((id): id is number => id !== null))];
  const { results: listValues } =
    revisionIds.length === 0 || listSheets.length === 0
      ? { results: [] }
      : await db
          .prepare(
            `SELECT submission_id, sheet_code, row_key, field_code, text_value, number_value FROM submission_values
             WHERE submission_id IN (SELECT value FROM json_each(?1)) AND sheet_code IN (SELECT value FROM json_each(?2))`,
          )
          .bind(JSON.stringify(revisionIds), JSON.stringify(listSheets))
          .all<FoldInput["listValues"][number]>();
  return {
    chain: (chain?.results ?? []).map((row) => String(row.code)),
    included: { latest: ids.latest ?? null, accepted: ids.accepted ?? null },
    listValues,
  };
}

/**
 * One batch (one transaction) that folds a unit reporting to the root: for each inclusion, the
 * revision it includes becomes its node; its children's rows and its own totals are rewritten from
 * that revision's stored values; its key sets replaced; then each unit above it, level by level, is
 * re-summed from its children's stored totals and its key holders recounted for the keys that moved.
 * The first statement aborts the batch if the included revisions are no longer those read.
 */
export function foldStatements(
  db: D1Database,
  fold: {
    periodCode: string;
    chain: string[];
    included: Record<Inclusion, number | null>;
    /** Per inclusion: [sheet, field, key] of the distinct keys of the included revision's list rows. */
    keys: Record<Inclusion, [string, string, string][]>;
    plan: ConsolidationPlan;
    changesThrough: number;
    foldedAt: string;
  },
): D1PreparedStatement[] {
  const [unit, ...ancestors] = fold.chain as [string, ...string[]];
  const { periodCode, plan } = fold;
  const gridSums = JSON.stringify(plan.gridSums.map(({ sheet, field }) => `${sheet}.${field}`));
  const listSums = JSON.stringify(plan.listSums.map(({ sheet, code, sumOf }) => [sheet, code, sumOf]));
  const distincts = JSON.stringify(plan.distincts.map(({ sheet, code }) => [sheet, code]));
  const distinctCodes = JSON.stringify(plan.distincts.map(({ sheet, code }) => `${sheet}.${code}`));
  const children = "(SELECT code FROM regions WHERE parent_code = ?3)";
  const node = "period_code = ?1 AND inclusion = ?2 AND unit_code = ?3";
  const distinctCounts = (onlyIf: string) =>
    `INSERT INTO consolidation_totals (period_code, inclusion, unit_code, sheet_code, field_code, amount)
     SELECT ?1, ?2, ?3, json_extract(d.value, '$[0]'), json_extract(d.value, '$[1]'),
       (SELECT count(*) FROM consolidation_keys k WHERE k.period_code = ?1 AND k.inclusion = ?2 AND k.unit_code = ?3
          AND k.sheet_code = json_extract(d.value, '$[0]') AND k.field_code = json_extract(d.value, '$[1]'))
     FROM json_each(?4) d WHERE ${onlyIf}`;

  const statements: D1PreparedStatement[] = [
    db
      .prepare(
        `INSERT INTO consolidation_fence (ok) SELECT CASE WHEN ${includedRevisionOf("latest")} IS ?3
           AND ${includedRevisionOf("accepted")} IS ?4 THEN 1 END`,
      )
      .bind(periodCode, unit, fold.included.latest, fold.included.accepted),
    db.prepare("DELETE FROM consolidation_fence"),
  ];
  for (const inclusion of inclusions) {
    const revision = fold.included[inclusion];
    const keys = JSON.stringify(fold.keys[inclusion]);
    statements.push(
      db.prepare(`DELETE FROM consolidation_nodes WHERE ${node}`).bind(periodCode, inclusion, unit),
      db
        .prepare("INSERT INTO consolidation_nodes (period_code, inclusion, unit_code, submission_id) SELECT ?1, ?2, ?3, ?4 WHERE ?4 IS NOT NULL")
        .bind(periodCode, inclusion, unit, revision),
      db
        .prepare(`DELETE FROM consolidation_totals WHERE period_code = ?1 AND inclusion = ?2 AND (unit_code = ?3 OR unit_code IN ${children})`)
        .bind(periodCode, inclusion, unit),
      // The children's rows (a prefecture's counties) as the revision has them.
      db
        .prepare(
          `INSERT INTO consolidation_totals (period_code, inclusion, unit_code, sheet_code, field_code, amount)
           SELECT ?1, ?2, v.row_key, v.sheet_code, v.field_code, v.number_value FROM submission_values v
           WHERE v.submission_id = ?4 AND v.number_value IS NOT NULL AND v.row_key IN ${children}
             AND v.sheet_code || '.' || v.field_code IN (SELECT value FROM json_each(?5))`,
        )
        .bind(periodCode, inclusion, unit, revision, gridSums),
      // The unit's own grid totals: the sums of its children's rows.
      db
        .prepare(
          `INSERT INTO consolidation_totals (period_code, inclusion, unit_code, sheet_code, field_code, amount)
           SELECT ?1, ?2, ?3, t.sheet_code, t.field_code, sum(t.amount) FROM consolidation_totals t
           WHERE t.period_code = ?1 AND t.inclusion = ?2 AND t.unit_code IN ${children} GROUP BY t.sheet_code, t.field_code`,
        )
        .bind(periodCode, inclusion, unit),
      // Its list sums over the revision's list rows.
      db
        .prepare(
          `INSERT INTO consolidation_totals (period_code, inclusion, unit_code, sheet_code, field_code, amount)
           SELECT ?1, ?2, ?3, v.sheet_code, json_extract(p.value, '$[1]'), sum(v.number_value)
           FROM submission_values v JOIN json_each(?5) p ON v.sheet_code = json_extract(p.value, '$[0]') AND v.field_code = json_extract(p.value, '$[2]')
           WHERE v.submission_id = ?4 AND v.number_value IS NOT NULL GROUP BY v.sheet_code, json_extract(p.value, '$[1]')`,
        )
        .bind(periodCode, inclusion, unit, revision, listSums),
      // Its key sets: the old keys and the new are the keys whose holders above it are recounted.
      db
        .prepare(
          `INSERT OR IGNORE INTO consolidation_key_scratch (sheet_code, field_code, key)
           SELECT sheet_code, field_code, key FROM consolidation_keys WHERE ${node}`,
        )
        .bind(periodCode, inclusion, unit),
      db.prepare(`DELETE FROM consolidation_keys WHERE ${node}`).bind(periodCode, inclusion, unit),
      db
        .prepare(
          `INSERT OR IGNORE INTO consolidation_keys (period_code, inclusion, unit_code, sheet_code, field_code, key, holders)
           SELECT ?1, ?2, ?3, json_extract(k.value, '$[0]'), json_extract(k.value, '$[1]'), json_extract(k.value, '$[2]'), 1 FROM json_each(?4) k`,
        )
        .bind(periodCode, inclusion, unit, keys),
      db
        .prepare(
          `INSERT OR IGNORE INTO consolidation_key_scratch (sheet_code, field_code, key)
           SELECT json_extract(k.value, '$[0]'), json_extract(k.value, '$[1]'), json_extract(k.value, '$[2]') FROM json_each(?1) k`,
        )
        .bind(keys),
      db.prepare(distinctCounts("?5 IS NOT NULL")).bind(periodCode, inclusion, unit, distincts, revision),
    );
    for (const ancestor of ancestors) {
      statements.push(
        db.prepare(`DELETE FROM consolidation_totals WHERE ${node}`).bind(periodCode, inclusion, ancestor),
        db
          .prepare(
            `INSERT INTO consolidation_totals (period_code, inclusion, unit_code, sheet_code, field_code, amount)
             SELECT ?1, ?2, ?3, t.sheet_code, t.field_code, sum(t.amount) FROM consolidation_totals t
             WHERE t.period_code = ?1 AND t.inclusion = ?2 AND t.unit_code IN ${children}
               AND t.sheet_code || '.' || t.field_code NOT IN (SELECT value FROM json_each(?4))
             GROUP BY t.sheet_code, t.field_code`,
          )
          .bind(periodCode, inclusion, ancestor, distinctCodes),
        db
          .prepare(
            `DELETE FROM consolidation_keys WHERE ${node}
               AND (sheet_code, field_code, key) IN (SELECT sheet_code, field_code, key FROM consolidation_key_scratch)`,
          )
          .bind(periodCode, inclusion, ancestor),
        db
          .prepare(
            `INSERT INTO consolidation_keys (period_code, inclusion, unit_code, sheet_code, field_code, key, holders)
             SELECT ?1, ?2, ?3, k.sheet_code, k.field_code, k.key, count(*) FROM consolidation_keys k
             JOIN consolidation_key_scratch s ON s.sheet_code = k.sheet_code AND s.field_code = k.field_code AND s.key = k.key
             WHERE k.period_code = ?1 AND k.inclusion = ?2 AND k.unit_code IN ${children}
             GROUP BY k.sheet_code, k.field_code, k.key`,
          )
          .bind(periodCode, inclusion, ancestor),
        db.prepare(distinctCounts("1")).bind(periodCode, inclusion, ancestor, distincts),
      );
    }
    statements.push(db.prepare("DELETE FROM consolidation_key_scratch"));
  }
  statements.push(markFoldedStatement(db, periodCode, unit, fold.changesThrough, fold.foldedAt));
  return statements;
}

/** The unit's changes up to `through` are folded (or, for a unit whose revisions the province does not consolidate, seen). */
export function markFoldedStatement(db: D1Database, periodCode: string, unitCode: string, through: number, foldedAt: string): D1PreparedStatement {
  return db
    .prepare("UPDATE consolidation_changes SET folded_at = ?4 WHERE period_code = ?1 AND unit_code = ?2 AND folded_at IS NULL AND id <= ?3")
    .bind(periodCode, unitCode, through, foldedAt);
}

/** How fresh the stored totals of a period are. */
export interface Freshness {
  /** The newest change such that it and every change before it are folded in; null when none is. */
  foldedThrough: { change: number; changedAt: string } | null;
  /** The newest change recorded; null when none is. */
  newestChange: number | null;
  /** Changes recorded and not folded in yet. */
  pendingChanges: number;
}

export function freshnessStatement(db: D1Database, periodCode: string): D1PreparedStatement {
  return db
    .prepare(
      // Pending changes through their partial index: the rows read do not grow with the changes already folded.
      `WITH pending AS (SELECT min(id) AS first, count(*) AS n FROM consolidation_changes INDEXED BY consolidation_changes_pending
                       WHERE period_code = ?1 AND folded_at IS NULL)
       SELECT (SELECT max(id) FROM consolidation_changes WHERE period_code = ?1) AS newest, pending.n AS pending,
         f.id AS folded_id, f.changed_at AS folded_changed_at
       FROM pending LEFT JOIN (SELECT id, changed_at FROM consolidation_changes WHERE period_code = ?1
         AND id < coalesce((SELECT first FROM pending), 9007199254740991) ORDER BY id DESC LIMIT 1) f`,
    )
    .bind(periodCode);
}

export function freshnessOf(row: Record<string, unknown> | undefined): Freshness {
  const folded = row?.folded_id;
  return {
    foldedThrough: typeof folded === "number" ? { change: folded, changedAt: String(row?.folded_changed_at) } : null,
    newestChange: typeof row?.newest === "number" ? row.newest : null,
    pendingChanges: Number(row?.pending ?? 0),
  };
}

export interface StoredNode {
  unit_code: string;
  id: number;
  revision: number;
  status: string;
  submitted_at: string;
  sources: string | null;
}

/**
 * A pull's reads, one batch (one snapshot): the contributing revisions, every stored total, the freshness.
 * The totals (6,400 rows for a province) come grouped by SQLite into one JSON text, parsed once: the
 * Worker pays for one JSON.parse instead of an object per row from D1's answer. Each unit's totals are
 * two arrays side by side, where each total's name stands in `names.text` (storedTotalNamesOf) and its
 * amount, so that the text carries no field code (a third of the size; read by place, not by name).
 */
export async function readStoredConsolidation(
  db: D1Database,
  periodCode: string,
  inclusion: Inclusion,
  names: StoredTotalNames,
): Promise<{ nodes: StoredNode[]; totals: StoredTotals; totalCount: number; freshness: Freshness }> {
  const [nodes, totals, freshness] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT n.unit_code, s.id, s.revision, s.status, s.submitted_at, s.sources FROM consolidation_nodes n
         JOIN submissions s ON s.id = n.submission_id WHERE n.period_code = ?1 AND n.inclusion = ?2 ORDER BY n.unit_code`,
      )
      .bind(periodCode, inclusion),
    // Both arrays of a unit aggregate the same rows in the same order, so they stay side by side; no join (no row read twice).
    db
      .prepare(
        `SELECT json_group_object(unit_code, json_array(json(starts), json(amounts))) AS totals, sum(n) AS count FROM (
           SELECT unit_code, json_group_array(instr(?3, '|' || sheet_code || '.' || field_code || '|')) AS starts,
             json_group_array(amount) AS amounts, count(*) AS n
           FROM consolidation_totals WHERE period_code = ?1 AND inclusion = ?2 GROUP BY unit_code)`,
      )
      .bind(periodCode, inclusion, names.text),
    freshnessStatement(db, periodCode),
  ]);
  const grouped = totals?.results[0] as { totals: string | null; count: number | null } | undefined;
  return {
    nodes: (nodes?.results ?? []) as unknown as StoredNode[],
    totals: JSON.parse(grouped?.totals ?? "{}") as StoredTotals,
    totalCount: grouped?.count ?? 0,
    freshness: freshnessOf(freshness?.results[0]),
  };
}
