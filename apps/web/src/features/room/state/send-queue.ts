/**
 * A room's outgoing messages, sent one at a time in the order they were written. A send the
 * server refuses for now (RATE_LIMITED, SERVER_BUSY: nothing taken, `retryAfterMs` says when)
 * goes again by itself after that time, and the ones behind it wait their turn, so order holds
 * and a backlog never turns into a burst of refusals. Offline, the queue stops and resumes
 * after the reconnect. Any other refusal, or refusals with no progress for MAX_REFUSALS tries
 * in a row, marks the message failed (a resend by hand queues it again) and the queue goes on.
 */

/** What one try of a send came to. */
export type SendOutcome =
  | { kind: 'accepted' }
  | { kind: 'offline' }
  | { kind: 'refused'; code: string; retryAfterMs?: number }
  | { kind: 'failed' };

export const RETRYABLE = new Set(['RATE_LIMITED', 'SERVER_BUSY']);
export const MAX_REFUSALS = 5;
const MIN_WAIT_MS = 250;
const MAX_WAIT_MS = 30_000;

/**
 * How long to wait before trying a refused send again: the server's hint (1 s without one),
 * within 250 ms to 30 s. A busy server gets up to half as much again at random, so the clients
 * it refused together do not come back together.
 */
export function retryDelay(outcome: { code: string; retryAfterMs?: number }, random = Math.random): number {
  const hint = Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, outcome.retryAfterMs ?? 1000));
  return outcome.code === 'SERVER_BUSY' ? Math.round(hint * (1 + random() / 2)) : hint;
}

export interface SendQueueDeps {
  /** One try of the message; never rejects. */
  attempt(messageKey: string): Promise<SendOutcome>;
  /** The message is waiting (or being sent) / has failed for good. */
  pending(messageKey: string): void;
  failed(messageKey: string): void;
  wait(ms: number): Promise<void>;
  random?: () => number;
}

export function createSendQueue(deps: SendQueueDeps) {
  const queue: string[] = [];
  let running = false;
  let stopped = false;

  async function pump(): Promise<void> {
    if (running || stopped) return;
    running = true;
    let refusals = 0;
    try {
      while (queue.length > 0 && !stopped) {
        const key = queue[0]!;
        const outcome = await deps.attempt(key);
        if (stopped) return;
        if (outcome.kind === 'offline') return; // still queued: `resume` after the reconnect
        if (outcome.kind === 'refused' && RETRYABLE.has(outcome.code) && ++refusals < MAX_REFUSALS) {
          await deps.wait(retryDelay(outcome, deps.random));
          continue;
        }
        if (queue[0] === key) queue.shift();
        if (outcome.kind === 'accepted') refusals = 0;
        else {
          refusals = 0;
          deps.failed(key);
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    /** Queues a message (again, after a failure) behind the ones waiting, and sends when its turn comes. */
    enqueue(messageKey: string): void {
      if (!queue.includes(messageKey)) queue.push(messageKey);
      deps.pending(messageKey);
      void pump();
    },
    /** After a reconnect: goes on where the connection was lost. */
    resume(): void {
      void pump();
    },
    /** Keys waiting, in order (the first may be in flight). */
    waiting: (): readonly string[] => [...queue],
    /** The room is closed: nothing more is sent. */
    stop(): void {
      stopped = true;
    },
  };
}
