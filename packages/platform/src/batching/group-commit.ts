interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: Error) => void;
}

export interface GroupCommitOptions<T> {
  /** How much of a flush an item takes (default 1). Must not throw. */
  weight?: (item: T) => number;
  /** A flush holds items up to this weight (default 1000); a heavier item goes alone. */
  maxWeight?: number;
  /**
   * When a flush of several items fails, flush each item alone, so that one bad item fails
   * only its own submitter (default false: all of them get the error).
   */
  isolateFailures?: boolean;
}

/**
 * Group commit: items submitted while a flush runs are written together by the next one;
 * each submitter is resolved when its flush finished. The first item never waits for a timer.
 */
export class GroupCommit<T, R> {
  readonly #flush: (items: T[]) => Promise<R[]>;
  readonly #weight: (item: T) => number;
  readonly #maxWeight: number;
  readonly #isolateFailures: boolean;
  #queue: Pending<T, R>[] = [];
  #running: Promise<void> | undefined;

  /** `flush` returns one result per item, in order. */
  constructor(flush: (items: T[]) => Promise<R[]>, opts: GroupCommitOptions<T> = {}) {
    this.#flush = flush;
    this.#weight = opts.weight ?? (() => 1);
    this.#maxWeight = opts.maxWeight ?? 1000;
    this.#isolateFailures = opts.isolateFailures ?? false;
  }

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#running ??= this.#drain();
    });
  }

  /** Resolves when everything submitted so far is flushed. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    for (;;) {
      // Cleared in the same step as the last look at the queue: a submitter resolved by the
      // last flush that submits again (in a later microtask) must start a new drain.
      if (this.#queue.length === 0) {
        this.#running = undefined;
        return;
      }
      // Let submitters resolved by the last flush submit again, so they join this one.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = this.#queue.splice(0, this.#fitting());
      try {
        const results = await this.#flush(batch.map((p) => p.item));
        for (const [i, p] of batch.entries()) p.resolve(results[i]!);
      } catch (err) {
        if (this.#isolateFailures && batch.length > 1) await this.#flushEachAlone(batch);
        else for (const p of batch) p.reject(err as Error);
      }
    }
  }

  /** How many queued items the next flush takes (at least one). */
  #fitting(): number {
    let weight = 0;
    let n = 0;
    while (n < this.#queue.length) {
      const w = this.#weight(this.#queue[n]!.item);
      if (n > 0 && weight + w > this.#maxWeight) break;
      weight += w;
      n++;
    }
    return n;
  }

  async #flushEachAlone(batch: Pending<T, R>[]): Promise<void> {
    for (const p of batch) {
      try {
        const [result] = await this.#flush([p.item]);
        p.resolve(result!);
      } catch (err) {
        p.reject(err as Error);
      }
    }
  }
}
