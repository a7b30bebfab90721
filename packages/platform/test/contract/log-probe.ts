import type { LogRecord } from '../../src/ports/event-log.ts';

/** A promise with its resolve/reject outside, for handlers the test releases. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: Error) => void;
} {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets other callers take their turn (the event loop goes round a few times). */
export async function yieldTurns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Re-checks `check` until it holds (or throws with `what` after `timeoutMs`). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Records what a handler saw; `until` resolves as soon as a condition on it holds. */
export class Probe {
  readonly seen: LogRecord[] = [];
  readonly batches: LogRecord[][] = [];
  #waiters: { check: () => boolean; resolve: () => void }[] = [];

  add(batch: readonly LogRecord[]): void {
    this.batches.push([...batch]);
    this.seen.push(...batch);
    this.#wake();
  }

  values(records: readonly LogRecord[] = this.seen): string[] {
    return records.map((r) => new TextDecoder().decode(r.value));
  }

  until(what: string, check: (p: this) => boolean, timeoutMs = 20_000): Promise<void> {
    if (check(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}; saw ${JSON.stringify(this.values())}`));
      }, timeoutMs);
      const waiter = {
        check: () => check(this),
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.#waiters.push(waiter);
    });
  }

  #wake(): void {
    for (const w of [...this.#waiters]) {
      if (w.check()) {
        this.#waiters = this.#waiters.filter((x) => x !== w);
        w.resolve();
      }
    }
  }
}

export const text = (r: LogRecord): string => new TextDecoder().decode(r.value);
