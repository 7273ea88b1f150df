// Calls that arrive together are answered together: what is asked in one
// turn of the event loop goes to the database as one batch, with at most one
// batch under way, so under load the batches grow instead of the queries
// multiplying (the group commit works the same way). Used for authenticating
// upgrades and for loading documents, which arrive by the hundred when every
// socket reconnects after a restart.
export class BatchPerTurn<T, R> {
  private queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;
  private running = false;

  constructor(
    /** Answers a batch: one result per item, in order; throwing fails the whole batch. */
    private readonly work: (items: T[]) => Promise<R[]>,
    private readonly maxBatch: number,
  ) {}

  run(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    // setImmediate: everything asked in this turn joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.running = true;
      void this.answer(this.queue.splice(0, this.maxBatch)).finally(() => {
        this.running = false;
        if (this.queue.length) this.schedule();
      });
    });
  }

  private async answer(batch: typeof this.queue) {
    try {
      const results = await this.work(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i]!));
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }
}
