import type { QueueStorage, ReportWorkbook, WorkbookSave } from "../workbook/report-workbook.ts";
import type { ApiClient, Receipt, SubmitBody } from "../../shared/api/api-client.ts";
import { idempotencyKeyOf } from "../../shared/api/idempotency-key.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { outcomeOfFailure, parseQueue, queueAfter, retryDelayMs, serializeQueue } from "./submit-queue.ts";
import type { QueuedSubmit, SendOutcome } from "./submit-queue.ts";

/**
 * Where the queue is kept: in the saved workbook file; in the open workbook only (the clerk must
 * save it); in a workbook that has no file yet (the clerk must 另存为 it); or only in the pane's
 * storage on this computer: the queue is more than the workbook's settings hold ("too-large"), or
 * they could not be saved ("pane-only").
 */
export type QueueKeptIn = QueueStorage | "pane-only";

export interface SubmitterState {
  queue: QueuedSubmit[];
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
 * retried with the same key otherwise. A queue that cannot be saved still goes out.
 */
export class Submitter {
  state: SubmitterState = { queue: [], sending: false, keptIn: "saved" };
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly backup: QueueBackup | undefined;

  constructor(
    private readonly workbook: ReportWorkbook,
    private readonly api: () => ApiClient,
    private readonly onChange: (state: SubmitterState) => void,
    options: { backup?: QueueBackup } = {},
  ) {
    this.backup = options.backup;
  }

  /** Picks up what an earlier pane left in the workbook or in its own storage, and sends it. */
  async resume(): Promise<void> {
    let inWorkbook: QueuedSubmit[] = [];
    try {
      inWorkbook = parseQueue(await this.workbook.readSubmitQueue());
    } catch {
      // The workbook cannot be read now: the pane's copy still holds what was queued.
    }
    const keys = new Set(inWorkbook.map((entry) => entry.idempotencyKey));
    const queue = [...inWorkbook, ...parseQueue(this.backup?.read() ?? "").filter((entry) => !keys.has(entry.idempotencyKey))];
    this.update({ queue });
    if (queue.length > 0) await this.flush();
  }

  /**
   * Saves the submission in the workbook, then sends it (and anything queued before it). Its key is
   * derived from its content, as the CLI's: the same submission asked for twice (a second click, a
   * pane restarted) is queued once and, if it reached the server, answered with the first receipt.
   */
  async submit(period: string, unitCode: string, body: SubmitBody): Promise<SendOutcome | undefined> {
    const idempotencyKey = await idempotencyKeyOf(body.report as ReportData, body.resubmissionReason, body.basedOnRevision ?? null);
    if (!this.state.queue.some((queued) => queued.idempotencyKey === idempotencyKey)) {
      const entry: QueuedSubmit = { idempotencyKey, period, unitCode, body, queuedAt: new Date().toISOString(), attempts: 0 };
      await this.save([...this.state.queue, entry]);
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

  /** Says again where a queue in a workbook without a file is kept: the clerk may have saved it (另存为) meanwhile. */
  async recheckStorage(): Promise<void> {
    if (this.state.queue.length > 0 && this.state.keptIn === "no-file") await this.save(this.state.queue);
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

  /** Both copies; never throws: a queue the workbook cannot keep is still sent. */
  private async save(queue: QueuedSubmit[]): Promise<void> {
    const json = serializeQueue(queue);
    this.backup?.write(json);
    let keptIn: QueueKeptIn;
    try {
      keptIn = await this.workbook.writeSubmitQueue(json);
    } catch {
      keptIn = "pane-only";
    }
    this.update({ queue, keptIn });
  }

  private update(change: Partial<SubmitterState>): void {
    this.state = { ...this.state, ...change };
    this.onChange(this.state);
  }
}
