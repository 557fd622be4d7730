import { AUDIT_INSERT, auditValues } from "../../shared/audit/audit-entry.ts";
import type { ListEntry } from "../../shared/roster/poverty-list.ts";

// The poverty office's list written (migration 0020): staged first, its entries written in chunks as
// the file is read, then made the period's list in one batch; `poverty_list_entries`, what the
// comparison reads (worker/db/poverty-list-repository.ts), is the period's current list. An entry holds
// the keyed hash, the masked ID, the county and the row number, never the raw ID.

export interface ListUploadCounts {
  rows: number;
  valid: number;
  invalid: number;
  duplicates: number;
}

/** A new staged list of the period: its id. Its entries stay invisible until `switchListStatements`. */
export async function startStaging(db: D1Database, staging: { periodCode: string; startedBy: string; startedAt: string }): Promise<number> {
  const row = await db
    .prepare("INSERT INTO poverty_list_stagings (period_code, started_by, started_at) VALUES (?1, ?2, ?3) RETURNING id")
    .bind(staging.periodCode, staging.startedBy, staging.startedAt)
    .first<{ id: number }>();
  return row!.id;
}

/**
 * One chunk of a staged list's entries, unpacked from one JSON parameter (about 75 bytes an entry: a
 * chunk of 20,000 is well under D1's 2,000,000 bytes a value). The entries go in the order of their
 * hash, the table's key: a sorted chunk is written a leaf page after another, not one page an entry.
 */
export function stageEntriesStatement(db: D1Database, listId: number, entries: readonly ListEntry[]): D1PreparedStatement {
  const rows = entries.map((entry) => [entry.idHash, entry.maskedId, entry.countyCode, entry.rowNumber]);
  rows.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  return db
    .prepare(
      `INSERT INTO poverty_list_items (list_id, id_hash, masked_id, county_code, row_number)
       SELECT ?1, unhex(j.value ->> 0), j.value ->> 1, j.value ->> 2, j.value ->> 3 FROM json_each(?2) j`,
    )
    .bind(listId, JSON.stringify(rows));
}

/**
 * One batch (one transaction) making a whole staged list the period's list: its count set, the
 * period's pointer moved to it (the triggers of 0020 refuse a list whose entries are not all there),
 * the upload row and the audit row with the counts. Until it commits, readers see the previous list.
 */
export function switchListStatements(
  db: D1Database,
  upload: { listId: number; periodCode: string; uploadedBy: string; uploadedAt: string; counts: ListUploadCounts },
): D1PreparedStatement[] {
  const { listId, periodCode, uploadedBy, uploadedAt, counts } = upload;
  const audit = auditValues({ tokenId: uploadedBy, action: "poverty-list.replace", target: `period:${periodCode}`, detail: { ...counts }, at: uploadedAt });
  return [
    db.prepare("UPDATE poverty_list_stagings SET entries = ?2 WHERE id = ?1").bind(listId, counts.valid),
    db
      .prepare(
        `INSERT INTO poverty_list_current (period_code, list_id) VALUES (?1, ?2)
         ON CONFLICT (period_code) DO UPDATE SET list_id = excluded.list_id`,
      )
      .bind(periodCode, listId),
    db
      .prepare(
        `INSERT INTO poverty_list_uploads (period_code, uploaded_by, uploaded_at, rows_read, valid, invalid, duplicates, list_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(periodCode, uploadedBy, uploadedAt, counts.rows, counts.valid, counts.invalid, counts.duplicates, listId),
    db.prepare(`${AUDIT_INSERT} VALUES (?, ?, ?, ?, ?)`).bind(...audit),
  ];
}

/** A staging older than this is abandoned (its upload died): a Worker's request does not live that long. */
export const ABANDONED_STAGING_MS = 60 * 60 * 1000;

/**
 * Deletes the entries no reader can see any more: the period's lists replaced (whole, not current) and
 * the stagings abandoned before `abandonedBefore`; a staging still being written is left alone.
 */
export function clearReplacedListsStatement(db: D1Database, periodCode: string, abandonedBefore: string): D1PreparedStatement {
  return db
    .prepare(
      `DELETE FROM poverty_list_items WHERE list_id IN (
         SELECT s.id FROM poverty_list_stagings s
         WHERE s.period_code = ?1 AND (s.entries IS NOT NULL OR s.started_at < ?2)
           AND NOT EXISTS (SELECT 1 FROM poverty_list_current c WHERE c.list_id = s.id))`,
    )
    .bind(periodCode, abandonedBefore);
}

/** Deletes one staging's entries (an upload that failed midway); the current list's are refused by 0020's trigger. */
export function dropStagingStatement(db: D1Database, listId: number): D1PreparedStatement {
  return db
    .prepare("DELETE FROM poverty_list_items WHERE list_id = ?1 AND NOT EXISTS (SELECT 1 FROM poverty_list_current c WHERE c.list_id = ?1)")
    .bind(listId);
}
