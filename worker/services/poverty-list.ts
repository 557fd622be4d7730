import { problemKinds } from "../../shared/api/problem-types.ts";
import type { PovertyListUpload } from "../../shared/api/roster-comparison.ts";
import type { RosterIdHasher } from "../../shared/roster/keyed-id-hasher.ts";
import { LIST_TABLE_LIMITS, ListTableError } from "../../shared/roster/list-table-limits.ts";
import type { ListTableLimits } from "../../shared/roster/list-table-limits.ts";
import { PovertyListError } from "../../shared/roster/poverty-list.ts";
import type { Caller } from "../auth/caller.ts";
import { ProblemError } from "../http/problem.ts";
import { readStreamedList } from "./poverty-list-stream.ts";
import { requirePeriod } from "./require-period.ts";
import { StagedListWriter } from "./staged-list-writer.ts";
import { STORED_HASH_HEX_DIGITS } from "./submit-roster.ts";

export interface PovertyListRequest {
  caller: Caller;
  periodCode: string;
  /** The file, as the request's body streams it. */
  body: ReadableStream<Uint8Array> | null;
  dryRun: boolean;
  key: RosterIdHasher;
  limits?: ListTableLimits;
  /** Entries a statement (tests make it small, to have many). */
  entriesPerStatement?: number;
}

/** A list that cannot be read: 422 naming what is wrong and where (never quoting a cell: it may be an ID). */
function problemOf(error: unknown): unknown {
  if (error instanceof ListTableError || error instanceof PovertyListError)
    return new ProblemError(problemKinds.reportInvalid, `名单无法读取 / The list cannot be read: ${error.message}`);
  if (error instanceof Error && /poverty-list-(incomplete|closed|current)/.test(error.message))
    return new ProblemError(problemKinds.conflict, "名单在上传中被改动,请重新上传 / The list changed while it was being uploaded; upload it again");
  return error;
}

/**
 * The period's poverty list from an .xlsx or .csv body, read as it arrives (poverty-list-stream.ts):
 * each row checked, hashed and masked at once. A dry run answers the counts and a masked preview and
 * keeps nothing; otherwise the entries are written in chunks under a staged list which one final
 * batch, with its upload and audit rows, makes the period's (staged-list-writer.ts). The file itself
 * is not kept; a failure midway leaves the period's list as it was.
 */
export async function uploadPovertyList(db: D1Database, request: PovertyListRequest): Promise<PovertyListUpload> {
  const period = await requirePeriod(db, request.periodCode);
  const uploadedAt = new Date().toISOString();
  const writer = request.dryRun
    ? undefined
    : new StagedListWriter(db, { periodCode: period.code, uploadedBy: request.caller.tokenId, uploadedAt }, request.entriesPerStatement);
  const hashOf = (id: string) => request.key(id, STORED_HASH_HEX_DIGITS);
  try {
    const summary = await readStreamedList(request.body, request.limits ?? LIST_TABLE_LIMITS, hashOf, (entry) => writer?.add(entry));
    const { rows, valid, invalid, duplicates } = summary;
    const answer = { period: period.code, dryRun: request.dryRun, ...summary };
    if (!writer) return answer;
    await writer.finish({ rows, valid, invalid, duplicates });
    return { ...answer, uploadedAt };
  } catch (error) {
    await writer?.abandon();
    throw problemOf(error);
  }
}
