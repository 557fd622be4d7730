import { foldedKeyOf } from "../../shared/values/fold-key.ts";
import { consolidationPlanOf } from "../../shared/consolidate/stored-totals.ts";
import type { ConsolidationPlan } from "../../shared/consolidate/stored-totals.ts";
import type { Inclusion } from "../../shared/consolidate/inclusion.ts";
import { inclusions } from "../../shared/consolidate/inclusion.ts";
import { foldStatements, markFoldedStatement, pendingUnits, readFoldInput } from "../db/consolidation-store.ts";
import type { FoldInput } from "../db/consolidation-store.ts";
import { findPeriod } from "../db/periods-repository.ts";
import { formSetOfPeriod } from "./require-period.ts";

/** Units folded per consumer invocation: each fold is one batch of about 35 statements, and a Worker invocation may run 1,000 (Paid). */
export const maxUnitsPerFold = 20;
/** A fold whose reads went stale (a review or submit landed in between) is read and tried again this often. */
const staleRetries = 3;

/**
 * Folds a period's pending changes into its stored totals, one unit at a time, oldest change first:
 * a unit reporting to the province has its included revisions re-read and its totals, and those of
 * every unit above it, rewritten in one transaction; a unit whose revisions the province does not
 * consolidate (a county: its prefecture's revision carries its row) has its changes marked seen.
 * Returns whether changes remain (more than one invocation's worth) and the units that failed.
 */
export async function foldPendingChanges(db: D1Database, periodCode: string): Promise<{ folded: number; more: boolean; failed: string[] }> {
  const period = await findPeriod(db, periodCode);
  if (!period) return { folded: 0, more: false, failed: [] };
  const plan = consolidationPlanOf(await formSetOfPeriod(db, period));
  const listSheets = [...new Set(plan.distincts.map((distinct) => distinct.sheet))];
  const pending = await pendingUnits(db, periodCode, maxUnitsPerFold + 1);
  const failed: string[] = [];
  for (const { unit_code: unitCode, through } of pending.slice(0, maxUnitsPerFold)) {
    try {
      await foldUnit(db, periodCode, unitCode, through, plan, listSheets);
    } catch (error) {
      // One unit that cannot be folded must not hold up the others: its changes stay pending (a pull says so) and are tried again.
      console.error("consolidation fold failed", periodCode, unitCode, error);
      failed.push(unitCode);
    }
  }
  return { folded: Math.min(pending.length, maxUnitsPerFold) - failed.length, more: pending.length > maxUnitsPerFold, failed };
}

/** One unit's fold: read, then write in one batch; read again and retry when the batch finds its reads stale. */
async function foldUnit(db: D1Database, periodCode: string, unitCode: string, through: number, plan: ConsolidationPlan, listSheets: string[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const input = await readFoldInput(db, periodCode, unitCode, listSheets);
    const foldedAt = new Date().toISOString();
    if (input.chain.length !== 2) {
      await markFoldedStatement(db, periodCode, unitCode, through, foldedAt).run();
      break;
    }
    try {
      await db.batch(
        foldStatements(db, { periodCode, chain: input.chain, included: input.included, keys: keysOf(plan, input), plan, changesThrough: through, foldedAt }),
      );
      break;
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
