import { ApiError, NetworkError } from "../../shared/api/api-client.ts";
import type { Receipt, SubmitBody } from "../../shared/api/api-client.ts";

/**
 * Submissions not yet acknowledged by the server, saved in the workbook so that none is lost when
 * the network, the server or the pane goes away. Each keeps its idempotency key: a retry of a
 * request that did reach the server returns the first receipt instead of a second revision.
 */
export interface QueuedSubmit {
  idempotencyKey: string;
  period: string;
  unitCode: string;
  body: SubmitBody;
  queuedAt: string;
  attempts: number;
  lastFailure?: string;
  /**
   * The pane that queued it: the queue is one per workbook, shared by co-authors (Excel on the web,
   * OneDrive), and each pane sends only its own. Absent on entries queued before co-authors were
   * told apart: whichever pane finds them sends them (the key keeps a repeat to one revision).
   */
  queuedBy?: QueueClient;
}

/** One pane: an id kept in its storage (the same on this computer across restarts) and the name of its token, shown to co-authors. */
export interface QueueClient {
  id: string;
  name: string;
}

/** What became of one send. */
export type SendOutcome = { kind: "landed"; receipt: Receipt } | { kind: "retry"; reason: string } | { kind: "refused"; error: ApiError };

/** Offline, timeout, 5xx (and 408/429) are worth retrying; any other answer is final. */
export function outcomeOfFailure(error: unknown): Exclude<SendOutcome, { kind: "landed" }> {
  if (error instanceof NetworkError) return { kind: "retry", reason: error.message };
  if (error instanceof ApiError)
    return error.status >= 500 || error.status === 408 || error.status === 429 ? { kind: "retry", reason: `HTTP ${error.status}` } : { kind: "refused", error };
  throw error;
}

/** 1 s, 2 s, 4 s … at most a minute between attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, attempts - 1));
}

/** The queue after an outcome: a landed or refused submission leaves it; a retry stays with one more attempt. */
export function queueAfter(queue: QueuedSubmit[], idempotencyKey: string, outcome: SendOutcome): QueuedSubmit[] {
  if (outcome.kind !== "retry") return queue.filter((entry) => entry.idempotencyKey !== idempotencyKey);
  return queue.map((entry) => (entry.idempotencyKey === idempotencyKey ? { ...entry, attempts: entry.attempts + 1, lastFailure: outcome.reason } : entry));
}

/** An entry queued by a pane before issue 24 named its unit `prefectureCode`: read as `unitCode`, so it is still sent (to the same unit). */
const withUnitCode = (entry: QueuedSubmit & { prefectureCode?: string }): QueuedSubmit => {
  if (entry.unitCode !== undefined || entry.prefectureCode === undefined) return entry;
  const { prefectureCode, ...rest } = entry;
  return { ...rest, unitCode: prefectureCode };
};

export function parseQueue(json: string): QueuedSubmit[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as QueuedSubmit[]).filter((entry) => typeof entry?.idempotencyKey === "string" && entry.body).map(withUnitCode) : [];
  } catch {
    return [];
  }
}

export const serializeQueue = (queue: QueuedSubmit[]): string => (queue.length === 0 ? "" : JSON.stringify(queue));
