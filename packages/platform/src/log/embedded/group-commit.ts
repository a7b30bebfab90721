interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: Error) => void;
}

/**
 * Group commit: items submitted while a flush runs are written together by the next one;
 * each submitter is resolved when its flush finished. The first item never waits for a timer.
 */
export class GroupCommit<T, R> {
  readonly #flush: (items: T[]) => Promise<R[]>;
  readonly #weight: (item: T) => number;
  readonly #maxWeight: number;
  #queue: Pending<T, R>[] = [];
  #running: Promise<void> | undefined;

  /** `flush` returns one result per item, in order; a flush holds items up to `maxWeight`. */
  constructor(
    flush: (items: T[]) => Promise<R[]>,
    opts: { weight?: (item: T) => number; maxWeight?: number } = {},
  ) {
    this.#flush = flush;
    this.#weight = opts.weight ?? (() => 1);
    this.#maxWeight = opts.maxWeight ?? 1000;
  }

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#running ??= this.#drain().finally(() => {
        this.#running = undefined;
      });
    });
  }

  /** Resolves when everything submitted so far is flushed. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      // Let submitters resolved by the last flush submit again, so they join this one.
      await new Promise((resolve) => setImmediate(resolve));
      let weight = 0;
      let n = 0;
      while (n < this.#queue.length) {
        const w = this.#weight(this.#queue[n]!.item);
        if (n > 0 && weight + w > this.#maxWeight) break;
        weight += w;
        n++;
      }
      const batch = this.#queue.splice(0, n);
      try {
        const results = await this.#flush(batch.map((p) => p.item));
        for (const [i, p] of batch.entries()) p.resolve(results[i]!);
      } catch (err) {
        for (const p of batch) p.reject(err as Error);
      }
    }
  }
}
