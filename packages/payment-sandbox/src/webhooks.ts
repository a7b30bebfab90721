// Webhook delivery: asynchronous (emit() returns at once), in order per payment unless the
// reorder fault is on, each copy retried on a network error or non-2xx with doubling backoff.
import { setTimeout as sleep } from 'node:timers/promises';
import { SIGNATURE_HEADER, signSandboxWebhook } from './signing.ts';
import type { Delivery, Faults, SandboxWebhook } from './types.ts';

export interface WebhookSenderOptions {
  secret: string;
  url: () => string | undefined;
  faults: () => Faults;
  attempts?: number;
  firstRetryMs?: number;
  /** With reorderWebhooks: how long an event waits for a later one to overtake it. */
  reorderHoldMs?: number;
  timeoutMs?: number;
}

interface Job {
  event: SandboxWebhook;
  copies: number;
  delayMs: number;
}

const MAX_LOG = 10_000;

export type WebhookSender = ReturnType<typeof createWebhookSender>;

export function createWebhookSender(opts: WebhookSenderOptions) {
  const { attempts = 5, firstRetryMs = 200, reorderHoldMs = 1000, timeoutMs = 5000 } = opts;
  const log: Delivery[] = [];
  const queues = new Map<string, Promise<void>>();
  const held = new Map<string, { job: Job; timer: NodeJS.Timeout }>();
  const stop = new AbortController();

  function record(
    event: SandboxWebhook,
    d: Omit<Delivery, 'eventId' | 'type' | 'paymentKey' | 'version' | 'at'>,
  ) {
    const { eventId, type, paymentKey, version } = event;
    log.push({ eventId, type, paymentKey, version, ...d, at: new Date().toISOString() });
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
  }

  /** Posts one copy until the receiver answers 2xx or the attempts run out. */
  async function send(event: SandboxWebhook, body: string, copy: number): Promise<void> {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const url = opts.url();
      if (!url) {
        record(event, { url: null, attempt: 0, copy, outcome: 'no-url', httpStatus: null, error: null });
        return;
      }
      const t = Math.floor(Date.now() / 1000);
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SIGNATURE_HEADER]: signSandboxWebhook(opts.secret, body, t),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.any([stop.signal, AbortSignal.timeout(timeoutMs)]),
        });
        await res.arrayBuffer().catch(() => undefined);
        const ok = res.status >= 200 && res.status < 300;
        record(event, {
          url,
          attempt,
          copy,
          outcome: ok ? 'delivered' : 'failed',
          httpStatus: res.status,
          error: null,
        });
        if (ok) return;
      } catch (err) {
        if (stop.signal.aborted) return;
        const error =
          err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
        record(event, { url, attempt, copy, outcome: 'failed', httpStatus: null, error });
      }
      if (attempt < attempts)
        await sleep(firstRetryMs * 2 ** (attempt - 1), undefined, { signal: stop.signal });
    }
  }

  async function deliver({ event, copies, delayMs }: Job): Promise<void> {
    if (delayMs > 0) await sleep(delayMs, undefined, { signal: stop.signal });
    const body = JSON.stringify(event);
    for (let copy = 1; copy <= copies; copy++) await send(event, body, copy);
  }

  function enqueue(job: Job): void {
    const key = job.event.paymentKey;
    const next = (queues.get(key) ?? Promise.resolve()).then(() => deliver(job)).catch(() => undefined);
    queues.set(key, next);
    void next.then(() => {
      if (queues.get(key) === next) queues.delete(key);
    });
  }

  return {
    emit(event: SandboxWebhook): void {
      if (stop.signal.aborted) return;
      const f = opts.faults();
      if (f.dropWebhooks) {
        record(event, {
          url: opts.url() ?? null,
          attempt: 0,
          copy: 0,
          outcome: 'dropped',
          httpStatus: null,
          error: null,
        });
        return;
      }
      const job: Job = { event, copies: Math.max(1, f.duplicateWebhooks), delayMs: f.webhookDelayMs };
      const key = event.paymentKey;
      const earlier = held.get(key);
      if (earlier) {
        // The later event overtakes the held one.
        clearTimeout(earlier.timer);
        held.delete(key);
        enqueue(job);
        enqueue(earlier.job);
      } else if (f.reorderWebhooks) {
        const timer = setTimeout(() => {
          held.delete(key);
          enqueue(job);
        }, reorderHoldMs);
        held.set(key, { job, timer });
      } else {
        enqueue(job);
      }
    },
    deliveries: (): readonly Delivery[] => log.slice(),
    /** Stops every pending delivery (held, waiting or in flight). */
    async close(): Promise<void> {
      stop.abort();
      for (const { timer } of held.values()) clearTimeout(timer);
      held.clear();
      await Promise.allSettled([...queues.values()]);
    },
  };
}
