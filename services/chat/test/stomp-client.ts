import { Client, type IFrame, type IMessage } from '@stomp/stompjs';
import SockJS from 'sockjs-client';
import { WebSocket } from 'ws';

/** Collects values and lets a test await "n values" or "a value like this" without sleeping. */
export class Collector<T> {
  readonly items: T[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  push(item: T): void {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }

  /** Until `check` holds (tried now and on every new item). */
  until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (have ${this.items.length})`));
      }, timeoutMs);
      timer.unref();
      this.waiters.push(waiter);
    });
  }

  async count(n: number, timeoutMs = 15_000): Promise<T[]> {
    await this.until(() => this.items.length >= n, `${n} items`, timeoutMs);
    return this.items.slice(0, n);
  }

  async find(predicate: (item: T) => boolean, timeoutMs = 15_000): Promise<T> {
    await this.until(() => this.items.some(predicate), 'a matching item', timeoutMs);
    return this.items.find(predicate)!;
  }
}

export interface TestStomp {
  readonly client: Client;
  readonly errors: Collector<Record<string, unknown>>;
  readonly closed: Collector<{ code: number; reason: string }>;
  /** SUBSCRIBE with a receipt; resolves on the RECEIPT, rejects on an error or none in time. */
  subscribe<T = Record<string, unknown>>(destination: string): Promise<Collector<T>>;
  /** SEND with a receipt header; resolves when the RECEIPT arrives. */
  sendWithReceipt(destination: string, body: unknown): Promise<string>;
  send(destination: string, body: unknown, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

let receipts = 0;

/** Activates `client`; resolves once CONNECTED, rejects on an ERROR frame or a close before it. */
function activated(
  client: Client,
  onClose: (evt: { code: number; reason: string }) => void = () => undefined,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    client.onConnect = () => resolve();
    client.onStompError = (frame: IFrame) =>
      reject(new Error(`STOMP ERROR: ${frame.headers.message ?? frame.body}`));
    client.onWebSocketClose = (evt: { code: number; reason: string }) => {
      onClose({ code: evt.code, reason: evt.reason });
      reject(new Error(`socket closed before CONNECTED (${evt.code})`));
    };
    client.activate();
  });
}

/** How long a SUBSCRIBE waits for its RECEIPT (or its error). */
const SUBSCRIBE_TIMEOUT_MS = 15_000;

/**
 * The stock @stomp/stompjs client over `ws`, as a browser would use it. Resolves once CONNECTED
 * (rejects on an ERROR frame or a closed socket before that).
 */
export async function connectStomp(
  baseUrl: string,
  token: string | undefined,
  opts: { heartbeatMs?: number } = {},
) {
  const url = `${baseUrl.replace(/^http/, 'ws')}/ws`;
  const errors = new Collector<Record<string, unknown>>();
  const closed = new Collector<{ code: number; reason: string }>();
  const client = new Client({
    webSocketFactory: () => new WebSocket(url, ['v12.stomp', 'v11.stomp', 'v10.stomp']),
    connectHeaders: token ? { Authorization: `Bearer ${token}` } : {},
    reconnectDelay: 0,
    heartbeatIncoming: opts.heartbeatMs ?? 0,
    heartbeatOutgoing: opts.heartbeatMs ?? 0,
    debug: () => undefined,
  });
  await activated(client, (evt) => closed.push(evt));
  client.onStompError = (frame: IFrame) =>
    errors.push({ code: 'ERROR_FRAME', message: frame.headers.message, errorCode: frame.headers.code });
  client.subscribe('/user/queue/errors', (m: IMessage) =>
    errors.push(JSON.parse(m.body) as Record<string, unknown>),
  );

  const stomp: TestStomp = {
    client,
    errors,
    closed,
    async subscribe<T>(destination: string) {
      const collector = new Collector<T>();
      const receipt = `sub-${++receipts}`;
      const done = new Promise<void>((resolve) => client.watchForReceipt(receipt, () => resolve()));
      client.subscribe(destination, (m: IMessage) => collector.push(JSON.parse(m.body) as T), { receipt });
      // The server answers a SUBSCRIBE with its RECEIPT or with an error naming the receipt;
      // neither within the time fails the subscribe.
      const refused = errors
        .find((e) => e.receiptId === receipt, SUBSCRIBE_TIMEOUT_MS)
        .then(
          (e) => Promise.reject(Object.assign(new Error(String(e.message)), { code: e.code })),
          () =>
            Promise.reject(
              new Error(`no RECEIPT for SUBSCRIBE to ${destination} within ${SUBSCRIBE_TIMEOUT_MS} ms`),
            ),
        );
      await Promise.race([done, refused]);
      return collector;
    },
    sendWithReceipt(destination, body) {
      if (!client.connected) return Promise.reject(new Error('not connected'));
      const receipt = `r-${++receipts}`;
      const done = new Promise<string>((resolve) => client.watchForReceipt(receipt, () => resolve(receipt)));
      client.publish({ destination, body: JSON.stringify(body), headers: { receipt } });
      return done;
    },
    send(destination, body, headers = {}) {
      client.publish({ destination, body: typeof body === 'string' ? body : JSON.stringify(body), headers });
    },
    async close() {
      await client.deactivate();
    },
  };
  client.onWebSocketClose = (evt: { code: number; reason: string }) =>
    closed.push({ code: evt.code, reason: evt.reason });
  return stomp;
}

/**
 * The stock @stomp/stompjs client over sockjs-client, as a Spring client's `.withSockJS()`, with
 * only `transport` allowed (`websocket`, `xhr-streaming`, `xhr-polling`, `eventsource`).
 * Resolves once CONNECTED; `errors` collects the bodies of `/user/queue/errors`.
 */
export async function connectSockJs(url: string, token: string, transport: string) {
  const errors = new Collector<string>();
  const client = new Client({
    webSocketFactory: () => new SockJS(`${url}/ws`, null, { transports: [transport] }),
    connectHeaders: { Authorization: `Bearer ${token}` },
    reconnectDelay: 0,
    heartbeatIncoming: 0,
    heartbeatOutgoing: 0,
    debug: () => undefined,
  });
  await activated(client);
  client.subscribe('/user/queue/errors', (m: IMessage) => errors.push(m.body));
  return { client, errors };
}
