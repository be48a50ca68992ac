// Coalesces concurrent writes into one statement: while a flush is in flight,
// new items wait and go together in the next one. Under load this turns many
// commits into few (the write path's floor is the commit); alone, an item is
// flushed at once with no added delay.
// One bad item must not fail the others it happened to share a statement with:
// when a batch fails, its items are flushed again one by one, so only the item
// that cannot be written (or every item, in an outage) gets the error.
export class GroupCommit<T, R> {
  private waiting: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private flush: (items: T[]) => Promise<R[]>,
    private maxInFlight = 1,
    private maxBatch = 500,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.drain();
    });
  }

  /** Sequential, inside the failed batch's in-flight slot: a retry never competes with new batches for the pool. */
  private async oneByOne(batch: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[]): Promise<void> {
    for (const entry of batch) {
      try {
        const [result] = await this.flush([entry.item]);
        entry.resolve(result!);
      } catch (error) {
        entry.reject(error);
      }
    }
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      this.flush(batch.map((entry) => entry.item))
        .then(
          (results) => batch.forEach((entry, i) => entry.resolve(results[i]!)),
          (error) => (batch.length === 1 ? batch[0]!.reject(error) : this.oneByOne(batch)),
        )
        .finally(() => {
          this.inFlight--;
          this.drain();
        });
    }
  }
}
