import type { ReportWorkbook } from "../workbook/report-workbook.ts";
import type { ApiClient, Receipt, SubmitBody } from "../../shared/api/api-client.ts";
import { outcomeOfFailure, parseQueue, queueAfter, retryDelayMs, serializeQueue } from "./submit-queue.ts";
import type { QueuedSubmit, SendOutcome } from "./submit-queue.ts";

export interface SubmitterState {
  queue: QueuedSubmit[];
  sending: boolean;
  /** The last thing that happened to a submission: its receipt or the server's refusal. */
  last?: SendOutcome;
}

/**
 * Sends submissions through the queue in the workbook: a submission is saved before it is sent,
 * leaves the queue when the server answers for good, and is retried with the same key otherwise.
 */
export class Submitter {
  state: SubmitterState = { queue: [], sending: false };
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly workbook: ReportWorkbook,
    private readonly api: () => ApiClient,
    private readonly onChange: (state: SubmitterState) => void,
    private readonly newKey: () => string = () => crypto.randomUUID(),
  ) {}

  /** Picks up what an earlier pane left in the workbook, and sends it. */
  async resume(): Promise<void> {
    this.update({ queue: parseQueue(await this.workbook.readSubmitQueue()) });
    if (this.state.queue.length > 0) await this.flush();
  }

  /** Saves the submission in the workbook, then sends it (and anything queued before it). */
  async submit(period: string, prefectureCode: string, body: SubmitBody): Promise<SendOutcome | undefined> {
    const entry: QueuedSubmit = { idempotencyKey: this.newKey(), period, prefectureCode, body, queuedAt: new Date().toISOString(), attempts: 0 };
    await this.save([...this.state.queue, entry]);
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

  stop(): void {
    clearTimeout(this.retryTimer);
  }

  private async send(entry: QueuedSubmit): Promise<SendOutcome> {
    try {
      const receipt: Receipt = await this.api().submit(entry.period, entry.prefectureCode, entry.body, entry.idempotencyKey);
      return { kind: "landed", receipt };
    } catch (error) {
      return outcomeOfFailure(error);
    }
  }

  private async save(queue: QueuedSubmit[]): Promise<void> {
    await this.workbook.writeSubmitQueue(serializeQueue(queue));
    this.update({ queue });
  }

  private update(change: Partial<SubmitterState>): void {
    this.state = { ...this.state, ...change };
    this.onChange(this.state);
  }
}
