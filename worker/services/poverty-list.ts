import { problemKinds } from "../../shared/api/problem-types.ts";
import type { PovertyListUpload } from "../../shared/api/roster-comparison.ts";
import type { RosterIdHasher } from "../../shared/roster/keyed-id-hasher.ts";
import { ListTableError, readListTable } from "../../shared/roster/list-table.ts";
import { maskCitizenId } from "../../shared/roster/masked-id.ts";
import { PovertyListError, listPreview, parsePovertyList } from "../../shared/roster/poverty-list.ts";
import type { PovertyList } from "../../shared/roster/poverty-list.ts";
import type { Caller } from "../auth/caller.ts";
import { replaceListStatements } from "../db/poverty-list-repository.ts";
import type { StoredListEntry } from "../db/poverty-list-repository.ts";
import { ProblemError } from "../http/problem.ts";
import { requirePeriod } from "./require-period.ts";
import { STORED_HASH_HEX_DIGITS } from "./submit-roster.ts";

/** The list read from the file, or 422 naming what is wrong with it (never quoting a cell: it may be an ID). */
function readList(bytes: Uint8Array): PovertyList {
  try {
    return parsePovertyList(readListTable(bytes));
  } catch (error) {
    if (error instanceof ListTableError || error instanceof PovertyListError)
      throw new ProblemError(problemKinds.reportInvalid, `名单无法读取 / The list cannot be read: ${error.message}`);
    throw error;
  }
}

/** The raw IDs used once: keyed hash (truncated as a roster's) and masked form. */
function storedEntriesOf(list: PovertyList, key: RosterIdHasher): StoredListEntry[] {
  const entries: StoredListEntry[] = [];
  for (const entry of list.entries)
    entries.push({
      idHash: key(entry.id).slice(0, STORED_HASH_HEX_DIGITS),
      maskedId: maskCitizenId(entry.id),
      countyCode: entry.countyCode,
      rowNumber: entry.rowNumber,
    });
  return entries;
}

/**
 * The period's poverty list from an .xlsx or .csv file: read within bounds, each row checked; a dry
 * run answers the counts and a masked preview and keeps nothing; otherwise the IDs are hashed and
 * the period's list replaced in one batch with its audit row (the file itself is not kept).
 */
export async function uploadPovertyList(
  db: D1Database,
  request: { caller: Caller; periodCode: string; bytes: Uint8Array; dryRun: boolean; key: RosterIdHasher },
): Promise<PovertyListUpload> {
  const period = await requirePeriod(db, request.periodCode);
  const list = readList(request.bytes);
  const counts = { rows: list.rows, valid: list.entries.length, invalid: list.invalid, duplicates: list.duplicates };
  const answer = { period: period.code, dryRun: request.dryRun, headers: list.headers, ...counts, invalidRows: list.invalidRows, preview: listPreview(list) };
  if (request.dryRun) return answer;
  const uploadedAt = new Date().toISOString();
  const entries = storedEntriesOf(list, request.key);
  await db.batch(replaceListStatements(db, { periodCode: period.code, uploadedBy: request.caller.tokenId, uploadedAt, counts }, entries));
  return { ...answer, uploadedAt };
}
