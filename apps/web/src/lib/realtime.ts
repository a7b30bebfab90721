// The STOMP client: one connection, subscriptions that survive reconnects, reconnect with
// exponential backoff and jitter, and a connection status for the offline banner.
import { Client, type IMessage } from '@stomp/stompjs';
import type { StompErrorPayload } from './wire.ts';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface Realtime {
  subscribe(destination: string, handler: (body: unknown) => void): () => void;
  /**
   * Sends a frame; resolves when the server's RECEIPT says it was durably accepted. Rejects with
   * 'offline' when the connection is gone, 'timeout' when no answer comes, and SendRefused as
   * soon as the error queue names its receipt.
   */
  send(destination: string, body: unknown, opts?: { receipt?: boolean; timeoutMs?: number }): Promise<void>;
  onStatus(listener: (s: ConnectionStatus) => void): () => void;
  /** Called after every (re)connect, once subscriptions are back: the place for catch-up. */
  onConnected(listener: () => void): () => void;
  readonly status: ConnectionStatus;
  stop(): Promise<void>;
}

/** The server refused a send (its error on `/user/queue/errors` named the send's receipt). */
export class SendRefused extends Error {
  readonly code: string;
  readonly retryAfterMs: number | undefined;
  constructor(payload: Pick<StompErrorPayload, 'code' | 'message' | 'retryAfterMs'>) {
    super(payload.message);
    this.name = 'SendRefused';
    this.code = payload.code;
    this.retryAfterMs = payload.retryAfterMs;
  }
}

const ERRORS = '/user/queue/errors';
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * The sends waiting for their RECEIPT. A connection that closes fails them at once ('offline'):
 * the RECEIPT cannot come any more, and the caller keeps the message for the resend after the
 * reconnect, instead of learning it at the timeout (by then possibly online again, which would
 * call a message failed that its resend got accepted).
 */
export function receiptWaits() {
  const waiting = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  return {
    wait(receipt: string, timeoutMs: number): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => settle(new Error('timeout')), timeoutMs);
        const settle = (err?: Error) => {
          clearTimeout(timer);
          waiting.delete(receipt);
          if (err) reject(err);
          else resolve();
        };
        waiting.set(receipt, { resolve: () => settle(), reject: settle });
      });
    },
    received(receipt: string): void {
      waiting.get(receipt)?.resolve();
    },
    /** The server's refusal of the send with this receipt: its wait fails with it at once. */
    refused(receipt: string, err: SendRefused): void {
      waiting.get(receipt)?.reject(err);
    },
    /** The connection is gone: every wait fails with 'offline'. */
    failAll(): void {
      for (const w of [...waiting.values()]) w.reject(new Error('offline'));
    },
  };
}

export function createRealtime(opts: { url: string; token: () => Promise<string | null> }): Realtime {
  const handlers = new Map<string, Set<(body: unknown) => void>>();
  const active = new Map<string, () => void>();
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  const connectedListeners = new Set<() => void>();
  let status: ConnectionStatus = 'connecting';
  let attempt = 0;
  let seq = 0;
  const receipts = receiptWaits();
  // Always subscribed: a refusal names the send's receipt, and its wait ends with it.
  handlers.set(
    ERRORS,
    new Set([
      (body: unknown) => {
        const e = body as Partial<StompErrorPayload> | null;
        if (typeof e?.receiptId === 'string' && typeof e.code === 'string') {
          receipts.refused(
            e.receiptId,
            new SendRefused({
              code: e.code,
              message: String(e.message ?? e.code),
              retryAfterMs: e.retryAfterMs,
            }),
          );
        }
      },
    ]),
  );

  const setStatus = (s: ConnectionStatus) => {
    if (s === status) return;
    status = s;
    for (const l of statusListeners) l(s);
  };

  const client = new Client({
    brokerURL: opts.url,
    heartbeatIncoming: 10_000,
    heartbeatOutgoing: 10_000,
    reconnectDelay: BASE_DELAY_MS,
    beforeConnect: async (c) => {
      const token = await opts.token();
      c.connectHeaders = token ? { Authorization: `Bearer ${token}` } : {};
    },
  });

  const subscribeNow = (destination: string) => {
    if (!client.connected || active.has(destination)) return;
    const sub = client.subscribe(destination, (frame: IMessage) => {
      let body: unknown;
      try {
        body = JSON.parse(frame.body);
      } catch {
        return;
      }
      for (const h of handlers.get(destination) ?? []) h(body);
    });
    active.set(destination, () => sub.unsubscribe());
  };

  client.onConnect = () => {
    attempt = 0;
    active.clear();
    for (const d of handlers.keys()) subscribeNow(d);
    setStatus('online');
    for (const l of connectedListeners) l();
  };
  const down = () => {
    active.clear();
    setStatus('offline');
    receipts.failAll();
    client.reconnectDelay = backoffDelay(attempt++);
  };
  client.onWebSocketClose = down;
  client.onStompError = down;
  client.activate();

  return {
    get status() {
      return status;
    },
    subscribe(destination, handler) {
      const set = handlers.get(destination) ?? new Set();
      handlers.set(destination, set);
      set.add(handler);
      subscribeNow(destination);
      return () => {
        set.delete(handler);
        if (set.size > 0) return;
        handlers.delete(destination);
        const unsub = active.get(destination);
        active.delete(destination);
        if (unsub && client.connected) unsub();
      };
    },
    send(destination, body, o = {}) {
      if (!client.connected) return Promise.reject(new Error('offline'));
      if (!o.receipt) {
        client.publish({ destination, body: JSON.stringify(body) });
        return Promise.resolve();
      }
      const receipt = `r-${++seq}`;
      const received = receipts.wait(receipt, o.timeoutMs ?? 10_000);
      client.watchForReceipt(receipt, () => receipts.received(receipt));
      client.publish({ destination, body: JSON.stringify(body), headers: { receipt } });
      return received;
    },
    onStatus(l) {
      statusListeners.add(l);
      return () => statusListeners.delete(l);
    },
    onConnected(l) {
      connectedListeners.add(l);
      return () => connectedListeners.delete(l);
    },
    stop: () => client.deactivate(),
  };
}
