import type { StompErrorPayload } from '../../../lib/wire.ts';

/** Refusals that mean "not now": the server took nothing and says when to come back. */
const LATER: ReadonlySet<string> = new Set(['SERVER_BUSY', 'RATE_LIMITED']);

/** Automatic resends of one message before it is shown failed (then the user resends it). */
export const MAX_AUTO_RETRIES = 5;
/** Waits are kept within these bounds, whatever the server asks. */
const MIN_WAIT_MS = 250;
const MAX_WAIT_MS = 30_000;

/**
 * When a refused SEND goes again by itself: after the server's `retryAfterMs` (bounds kept),
 * for the "not now" refusals only, and at most MAX_AUTO_RETRIES times for one message.
 * `retried`: how many times it already went again by itself. Null: show it failed.
 */
export function autoRetryDelay(error: StompErrorPayload, retried: number): number | null {
  if (!LATER.has(error.code) || retried >= MAX_AUTO_RETRIES) return null;
  const asked = error.retryAfterMs ?? 1000;
  return Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, asked));
}

/**
 * A room's refused messages waiting to go again by themselves: one timer for all of them, and
 * when it fires they go again together, in the order the room shows them (one socket keeps
 * that order to the server).
 */
export class AutoResend {
  readonly #retried = new Map<string, number>();
  readonly #waiting = new Set<string>();
  readonly #resend: (keys: readonly string[]) => void;
  /** The room's pending messages, oldest first. */
  readonly #order: () => readonly string[];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #due = 0;

  constructor(resend: (keys: readonly string[]) => void, order: () => readonly string[]) {
    this.#resend = resend;
    this.#order = order;
  }

  /** The server refused `key`: true when it goes again by itself (it stays pending); false: failed. */
  refused(key: string, error: StompErrorPayload): boolean {
    const retried = this.#retried.get(key) ?? 0;
    const delay = autoRetryDelay(error, retried);
    if (delay === null) {
      this.#waiting.delete(key);
      return false;
    }
    this.#retried.set(key, retried + 1);
    this.#waiting.add(key);
    const due = Date.now() + delay;
    if (this.#timer === undefined || due > this.#due) {
      clearTimeout(this.#timer);
      this.#due = due;
      this.#timer = setTimeout(() => this.#fire(), due - Date.now());
    }
    return true;
  }

  /** Waiting for its resend: the missing receipt of its refused try means nothing. */
  waiting(key: string): boolean {
    return this.#waiting.has(key);
  }

  /** Sent again by hand: counts from zero, and no longer waits for the timer. */
  reset(key: string): void {
    this.#retried.delete(key);
    this.#waiting.delete(key);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#waiting.clear();
  }

  #fire(): void {
    this.#timer = undefined;
    const keys = this.#order().filter((k) => this.#waiting.has(k));
    this.#waiting.clear();
    if (keys.length > 0) this.#resend(keys);
  }
}
