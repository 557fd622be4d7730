import type { QueueStorage, ReportWorkbook, WorkbookSave } from "../workbook/report-workbook.ts";
import type { ApiClient, Receipt, SubmitBody } from "../../shared/api/api-client.ts";
import { idempotencyKeyOf } from "../../shared/api/idempotency-key.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { outcomeOfFailure, parseQueue, queueAfter, retryDelayMs, serializeQueue } from "./submit-queue.ts";
import type { QueueClient, QueuedSubmit, SendOutcome } from "./submit-queue.ts";

/**
 * Where the queue is kept: in the saved workbook file; in the open workbook only (the clerk must
 * save it); in a workbook that has no file yet (the clerk must 另存为 it); or only in the pane's
 * storage on this computer: the queue is more than the workbook's settings hold ("too-large"), or
 * they could not be saved ("pane-only").
 */
export type QueueKeptIn = QueueStorage | "pane-only";

export interface SubmitterState {
  /** This pane's submissions waiting to be sent or answered. */
  queue: QueuedSubmit[];
  /**
   * Co-authors' submissions waiting in the same workbook's queue: their panes send them; this one
   * shows them and queues nothing of its own meanwhile (it would be a second, different revision).
   */
  coauthors: QueuedSubmit[];
  sending: boolean;
  keptIn: QueueKeptIn;
  /** The last thing that happened to a submission: its receipt or the server's refusal. */
  last?: SendOutcome;
}

/** A second copy of the queue outside the workbook (the pane's localStorage). */
export interface QueueBackup {
  read(): string;
  write(json: string): void;
}

/**
 * Sends submissions through the queue kept in the workbook (and a copy in the pane's storage): a
 * submission is saved before it is sent, leaves the queue when the server answers for good, and is
 * retried with the same key otherwise. A queue that cannot be saved still goes out. Co-authors share
 * the workbook's queue: it is read afresh before every change (readSubmitQueue refreshes the
 * settings), each pane changes only its own entries, and a co-author's are shown, never sent here.
 */
export class Submitter {
  state: SubmitterState = { queue: [], coauthors: [], sending: false, keptIn: "saved" };
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly backup: QueueBackup | undefined;
  private readonly client: QueueClient | undefined;

  constructor(
    private readonly workbook: ReportWorkbook,
    private readonly api: () => ApiClient,
    private readonly onChange: (state: SubmitterState) => void,
    options: { backup?: QueueBackup; client?: QueueClient } = {},
  ) {
    this.backup = options.backup;
    this.client = options.client;
  }

  /** Picks up what an earlier pane left in the workbook or in its own storage, and sends it; follows co-authors' changes to the queue. */
  async resume(): Promise<void> {
    const inWorkbook = (await this.readWorkbookQueue()) ?? [];
    const keys = new Set(inWorkbook.map((entry) => entry.idempotencyKey));
    const queue = [...inWorkbook, ...parseQueue(this.backup?.read() ?? "").filter((entry) => !keys.has(entry.idempotencyKey))];
    this.update({ queue: queue.filter(this.isOwn), coauthors: queue.filter((entry) => !this.isOwn(entry)) });
    await this.workbook.watchSubmitQueue?.(() => void this.refresh());
    if (this.state.queue.length > 0) await this.flush();
  }

  /** Reads the workbook's queue again (a co-author may have queued or sent one): what this pane shows of theirs. */
  async refresh(): Promise<void> {
    const inWorkbook = await this.readWorkbookQueue();
    if (inWorkbook) this.update({ coauthors: inWorkbook.filter((entry) => !this.isOwn(entry)) });
  }

  /**
   * Saves the submission in the workbook, then sends it (and anything queued before it). Its key is
   * derived from its content, as the CLI's: the same submission asked for twice (a second click, a
   * pane restarted) is queued once and, if it reached the server, answered with the first receipt.
   */
  async submit(period: string, unitCode: string, body: SubmitBody): Promise<SendOutcome | undefined> {
    const idempotencyKey = await idempotencyKeyOf(body.report as ReportData, body.resubmissionReason, body.basedOnRevision ?? null);
    await this.refresh();
    // A co-author's submission still waiting (this very one, or another revision of the report): theirs goes first, from their pane.
    if (this.state.coauthors.some((entry) => entry.period === period && entry.unitCode === unitCode)) return undefined;
    if (!this.state.queue.some((queued) => queued.idempotencyKey === idempotencyKey)) {
      const entry: QueuedSubmit = { idempotencyKey, period, unitCode, body, queuedAt: new Date().toISOString(), attempts: 0 };
      await this.save([...this.state.queue, { ...entry, ...(this.client ? { queuedBy: this.client } : {}) }]);
    }
    await this.flush();
    return this.state.last;
  }

  /** Sends the queue in order; stops at the first one that must wait, and schedules the next try. */
  async flush(): Promise<void> {
    if (this.state.sending) return;
    clearTimeout(this.retryTimer);
    this.update({ sending: true });
    try {
      for (const entry of [...this.state.queue]) {
        const outcome = await this.send(entry);
        await this.save(queueAfter(this.state.queue, entry.idempotencyKey, outcome));
        this.update({ last: outcome });
        if (outcome.kind === "retry") {
          this.retryTimer = setTimeout(() => void this.flush(), retryDelayMs(entry.attempts + 1));
          break;
        }
      }
    } finally {
      this.update({ sending: false });
    }
  }

  /**
   * The clerk's 保存 (never the pane's own doing: saving clears the clerk's undo). Where it saved,
   * the queue is in the file; a workbook with no file yet is said so.
   */
  async saveWorkbook(): Promise<WorkbookSave> {
    const saved = await this.workbook.saveWorkbook();
    if (saved !== "unsupported") this.update({ keptIn: saved });
    return saved;
  }

  /**
   * Reads the queue again (a co-author's submission; on the web settingsChanged says so sooner) and
   * says again where a queue in a workbook without a file is kept: the clerk may have saved it (另存为) meanwhile.
   */
  async recheckStorage(): Promise<void> {
    if (this.state.queue.length > 0 && this.state.keptIn === "no-file") await this.save(this.state.queue);
    else await this.refresh();
  }

  stop(): void {
    clearTimeout(this.retryTimer);
  }

  private async send(entry: QueuedSubmit): Promise<SendOutcome> {
    try {
      const receipt: Receipt = await this.api().submit(entry.period, entry.unitCode, entry.body, entry.idempotencyKey);
      return { kind: "landed", receipt };
    } catch (error) {
      return outcomeOfFailure(error);
    }
  }

  /**
   * This pane's queue, in both copies: the workbook's beside the co-authors' entries it holds now
   * (read afresh: saving the settings replaces them whole), the pane's storage alone. Never throws: a
   * queue the workbook cannot keep is still sent.
   */
  private async save(queue: QueuedSubmit[]): Promise<void> {
    this.backup?.write(serializeQueue(queue));
    const coauthors = ((await this.readWorkbookQueue()) ?? this.state.coauthors).filter((entry) => !this.isOwn(entry));
    let keptIn: QueueKeptIn;
    try {
      keptIn = await this.workbook.writeSubmitQueue(serializeQueue([...coauthors, ...queue]));
    } catch {
      keptIn = "pane-only";
    }
    this.update({ queue, coauthors, keptIn });
  }

  /** The queue the workbook holds now; undefined when it cannot be read (the pane's copy still holds this pane's). */
  private async readWorkbookQueue(): Promise<QueuedSubmit[] | undefined> {
    try {
      return parseQueue(await this.workbook.readSubmitQueue());
    } catch {
      return undefined;
    }
  }

  /** Queued by this pane (or before panes were told apart). */
  private readonly isOwn = (entry: QueuedSubmit): boolean => !entry.queuedBy || !this.client || entry.queuedBy.id === this.client.id;

  private update(change: Partial<SubmitterState>): void {
    this.state = { ...this.state, ...change };
    this.onChange(this.state);
  }
}
