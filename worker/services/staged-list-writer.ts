import type { ListEntry } from "../../shared/roster/poverty-list.ts";
import {
  ABANDONED_STAGING_MS,
  clearReplacedListsStatement,
  dropStagingStatement,
  startStaging,
  stageEntriesStatement,
  switchListStatements,
} from "../db/poverty-list-staging.ts";
import type { ListUploadCounts } from "../db/poverty-list-staging.ts";

/** Entries written a statement as the file streams in: the JSON parameter stays under D1's 2 MB, and a chunk sorts well enough. */
export const ENTRIES_PER_STATEMENT = 20_000;

/**
 * A list written while it is read: entries gathered into chunks, each chunk written under a staged
 * list of its own while the next is read (one statement in flight at a time, so the reading waits only
 * when the database is behind), and the staged list made the period's in one batch by `finish`. Until
 * then, and forever if the upload fails, readers see the period's previous list.
 */
export class StagedListWriter {
  private listId: number | undefined;
  private chunk: ListEntry[] = [];
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: D1Database,
    private readonly upload: { periodCode: string; uploadedBy: string; uploadedAt: string },
    private readonly entriesPerStatement = ENTRIES_PER_STATEMENT,
  ) {}

  /** Keeps the entry; a promise when a chunk is full and the previous one is still being written. */
  add(entry: ListEntry): Promise<void> | undefined {
    this.chunk.push(entry);
    return this.chunk.length >= this.entriesPerStatement ? this.flush() : undefined;
  }

  /** The last chunk written, then the switch (the list becomes the period's, with its upload and audit rows), then the lists replaced deleted. */
  async finish(counts: ListUploadCounts): Promise<void> {
    await this.flush();
    await this.inFlight;
    const listId = await this.staging();
    await this.db.batch(switchListStatements(this.db, { listId, ...this.upload, counts }));
    const abandonedBefore = new Date(Date.parse(this.upload.uploadedAt) - ABANDONED_STAGING_MS).toISOString();
    // The list is replaced already: a failure here leaves entries no reader sees, cleared by the next upload.
    await clearReplacedListsStatement(this.db, this.upload.periodCode, abandonedBefore)
      .run()
      .catch((error) => console.error("poverty list: replaced entries not cleared yet", error instanceof Error ? error.message : error));
  }

  /** After a failure: what was staged is deleted (best effort: an upload abandoned is also cleared by the next one). */
  async abandon(): Promise<void> {
    await this.inFlight.catch(() => {});
    if (this.listId !== undefined)
      await dropStagingStatement(this.db, this.listId)
        .run()
        .catch(() => {});
  }

  private async flush(): Promise<void> {
    const entries = this.chunk;
    this.chunk = [];
    await this.inFlight;
    if (entries.length === 0) return;
    const listId = await this.staging();
    const written = stageEntriesStatement(this.db, listId, entries).run();
    written.catch(() => {}); // awaited by the next flush, finish or abandon; never left unhandled meanwhile
    this.inFlight = written;
  }

  private async staging(): Promise<number> {
    this.listId ??= await startStaging(this.db, { periodCode: this.upload.periodCode, startedBy: this.upload.uploadedBy, startedAt: this.upload.uploadedAt });
    return this.listId;
  }
}
