import { foldedKeyOf } from "../../shared/values/fold-key.ts";
import { consolidationPlanOf } from "../../shared/consolidate/stored-totals.ts";
import type { ConsolidationPlan } from "../../shared/consolidate/stored-totals.ts";
import type { Inclusion } from "../../shared/consolidate/inclusion.ts";
import { inclusions } from "../../shared/consolidate/inclusion.ts";
import { foldStatements, markFoldedStatement, pendingUnits, readFoldInput } from "../db/consolidation-store.ts";
import type { FoldInput } from "../db/consolidation-store.ts";
import { findPeriod } from "../db/periods-repository.ts";
import { formSetOfPeriod } from "./require-period.ts";

/** Units folded per consumer invocation at most: each fold is one batch of about 35 statements. */
export const maxUnitsPerFold = 20;
/**
 * D1 queries an invocation may make (a batch's statements count one each): Workers Paid allows 1,000,
 * Free 50 (env.D1_QUERIES_PER_INVOCATION). Under 50 an invocation folds one prefecture, or the changes of
 * about a dozen counties (marked seen), and the consumer nudges itself for the rest.
 */
export const paidQueriesPerInvocation = 1000;
/** A fold whose reads went stale (a review or submit landed in between) is read and tried again this often. */
const staleRetries = 3;
/** The most queries a fold's reads make (readFoldInput: one batch of two, then the list rows). */
const readQueries = 3;
/** The invocation's own reads before the first unit: the period (a batch of three), its form set, the pending units. */
const setupQueries = 5;

/**
 * Folds a period's pending changes into its stored totals, one unit at a time, oldest change first:
 * a unit reporting to the province has its included revisions re-read and its totals, and those of
 * every unit above it, rewritten in one transaction; a unit whose revisions the province does not
 * consolidate (a county: its prefecture's revision carries its row) has its changes marked seen.
 * Stops at `queryBudget` D1 queries (counted as the most each read and batch can make), having folded
 * at least one unit unless `atLeastOne` is false (a later period in the same invocation: with too little
 * left it folds none and says more remains, so that the consumer nudges for it).
 * Returns whether changes remain (more than one invocation's worth), the units that failed and the queries counted.
 */
export async function foldPendingChanges(
  db: D1Database,
  periodCode: string,
  queryBudget = paidQueriesPerInvocation,
  atLeastOne = true,
): Promise<{ folded: number; more: boolean; failed: string[]; queries: number }> {
  if (!atLeastOne && queryBudget < setupQueries + readQueries) return { folded: 0, more: true, failed: [], queries: 0 };
  const period = await findPeriod(db, periodCode);
  if (!period) return { folded: 0, more: false, failed: [], queries: 3 };
  const plan = consolidationPlanOf(await formSetOfPeriod(db, period));
  const listSheets = [...new Set(plan.distincts.map((distinct) => distinct.sheet))];
  const pending = await pendingUnits(db, periodCode, maxUnitsPerFold + 1);
  const budget = { left: queryBudget - setupQueries, used: setupQueries, first: atLeastOne };
  const failed: string[] = [];
  let folded = 0;
  for (const { unit_code: unitCode, through } of pending.slice(0, maxUnitsPerFold)) {
    try {
      if (!(await foldUnit(db, periodCode, unitCode, through, plan, listSheets, budget))) break;
      folded++;
    } catch (error) {
      // One unit that cannot be folded must not hold up the others: its changes stay pending (a pull says so) and are tried again.
      console.error("consolidation fold failed", periodCode, unitCode, error);
      failed.push(unitCode);
    }
    budget.first = false;
  }
  return { folded, more: folded + failed.length < pending.length, failed, queries: budget.used };
}

/**
 * One unit's fold: read, then write in one batch; read again and retry when the batch finds its reads
 * stale. Each read and write is made only if its queries fit what is left of the invocation's budget
 * (the first unit's always are: an invocation folds at least one); returns false when they did not,
 * the unit left pending for the next invocation.
 */
async function foldUnit(
  db: D1Database,
  periodCode: string,
  unitCode: string,
  through: number,
  plan: ConsolidationPlan,
  listSheets: string[],
  budget: { left: number; used: number; first: boolean },
): Promise<boolean> {
  const spend = (queries: number) => {
    if (queries > budget.left && !budget.first) return false;
    budget.left -= queries;
    budget.used += queries;
    return true;
  };
  for (let attempt = 0; ; attempt++) {
    if (!spend(readQueries)) return false;
    const input = await readFoldInput(db, periodCode, unitCode, listSheets);
    const foldedAt = new Date().toISOString();
    const statements =
      input.chain.length === 2
        ? foldStatements(db, { periodCode, chain: input.chain, included: input.included, keys: keysOf(plan, input), plan, changesThrough: through, foldedAt })
        : [markFoldedStatement(db, periodCode, unitCode, through, foldedAt)];
    if (!spend(statements.length)) return false;
    try {
      await db.batch(statements);
      return true;
    } catch (error) {
      if (attempt >= staleRetries || !String(error).includes("consolidation_fence")) throw error;
    }
  }
}

/** Per inclusion, the distinct keys of the included revision's list rows: [sheet, consolidated field, key]. */
function keysOf(plan: ConsolidationPlan, input: FoldInput): Record<Inclusion, [string, string, string][]> {
  // Each list row's values by field, grouped by revision: { sheet, values } under "sheet\u0000row key".
  const rowsByRevision = new Map<number, Map<string, { sheet: string; values: Map<string, string | number> }>>();
  for (const value of input.listValues) {
    let rows = rowsByRevision.get(value.submission_id);
    if (!rows) rowsByRevision.set(value.submission_id, (rows = new Map()));
    const rowId = `${value.sheet_code}\u0000${value.row_key}`;
    let row = rows.get(rowId);
    if (!row) rows.set(rowId, (row = { sheet: value.sheet_code, values: new Map() }));
    const stored = value.text_value ?? value.number_value;
    if (stored !== null) row.values.set(value.field_code, stored);
  }
  const keys = (revision: number | null): [string, string, string][] => {
    const unique = new Map<string, [string, string, string]>();
    for (const row of revision === null ? [] : (rowsByRevision.get(revision)?.values() ?? [])) {
      for (const distinct of plan.distincts) {
        if (distinct.sheet !== row.sheet) continue;
        const key = foldedKeyOf(distinct.distinctOf.map((field) => row.values.get(field)));
        unique.set(`${distinct.code}\u0000${key}`, [distinct.sheet, distinct.code, key]);
      }
    }
    return [...unique.values()];
  };
  return Object.fromEntries(inclusions.map((inclusion) => [inclusion, keys(input.included[inclusion])])) as Record<Inclusion, [string, string, string][]>;
}
