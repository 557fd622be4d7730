// What Excel has yet to do for the add-in: change events not yet delivered, handlers still running,
// round trips on their way, settings' save callbacks. Excel does all of these after the current turn
// ("Excel calls handlers asynchronously"); the model counts them, so that a test waits until they are
// done (whenIdle) instead of waiting for the clock.

export class PendingWork {
  private count = 0;
  private waiters: (() => void)[] = [];

  /** Runs `work` after the current turn; counted until it, and the promise it returns, have settled. */
  later(work: () => unknown): void {
    this.count++;
    setTimeout(() => {
      let outcome: unknown;
      try {
        outcome = work();
      } catch (error) {
        this.done();
        throw error;
      }
      void Promise.resolve(outcome).then(
        () => this.done(),
        () => this.done(),
      );
    }, 0);
  }

  /**
   * Resolves once nothing is pending. Whatever the add-in starts from a delivered event (a new
   * Excel.run) is queued here before the event's handler returns, or in the promise callbacks that
   * follow; one turn of the event loop lets those run, and the check repeats until a turn adds nothing.
   * A batch waiting for the clerk to leave cell-edit mode is the clerk's to end, not pending work.
   */
  async whenIdle(): Promise<void> {
    for (;;) {
      if (this.count > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.count === 0) return;
    }
  }

  private done(): void {
    this.count--;
    if (this.count > 0) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
