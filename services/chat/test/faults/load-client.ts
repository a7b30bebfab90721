// The clients of the fault suites: each sends chat messages with receipts, one at a time, and
// does what a real client does when no RECEIPT comes (an error, a timeout, a closed socket):
// it sends again, with the same messageKey when it uses keys, else as a new message. Every
// attempt is recorded, so a test can tell what history may, must and must not hold.
import { randomUUID } from 'node:crypto';
import type { ChatNode } from '../cluster.ts';
import { delay, waitFor } from '../cluster.ts';
import type { TestUser } from '../harness.ts';
import { type Collector, connectStomp, type TestStomp } from '../stomp-client.ts';

/** No RECEIPT, no error and no close within this: the client gives up on the attempt and resends. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 10_000;
/** How long a client keeps trying to connect somewhere before the test fails. */
const RECONNECT_WITHIN_MS = 60_000;
const RETRY_BACKOFF_MS = 250;

export type Outcome = 'receipt' | 'error' | 'timeout' | 'closed';

/** One SEND of one message. Unkeyed resends get their own content (`c<client>-<n>.r<attempt>`). */
export interface Attempt {
  readonly client: number;
  readonly n: number;
  readonly attempt: number;
  readonly roomId: number;
  readonly content: string;
  readonly messageKey?: string;
  outcome?: Outcome;
  errorCode?: string;
}

let receipts = 0;

export class LoadClient {
  stomp!: TestStomp;
  node!: ChatNode;
  readonly attempts: Attempt[] = [];
  readonly closes: { node: string; code: number }[] = [];
  /** Live messages per room, across reconnects (resubscribed after each). */
  readonly live = new Map<number, Collector<{ content: string; seq: number }>[]>();
  private closed!: Promise<void>;
  private reconnecting: Promise<void> | undefined;
  private stopped = false;

  constructor(
    readonly index: number,
    readonly user: TestUser,
    readonly keyed: boolean,
    private readonly pickNode: () => ChatNode,
    private readonly subscribeTo: readonly number[] = [],
  ) {}

  async connect(node: ChatNode): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const connecting = connectStomp(node.url, this.user.token);
    const stomp = await Promise.race([
      connecting,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no CONNECTED from ${node.name}`)), CONNECT_TIMEOUT_MS);
      }),
    ])
      .catch((err: unknown) => {
        void connecting.then((s) => s.close()).catch(() => undefined);
        throw err;
      })
      .finally(() => clearTimeout(timer));
    this.stomp = stomp;
    this.node = node;
    this.closed = new Promise((resolve) => {
      const previous = stomp.client.onWebSocketClose;
      stomp.client.onWebSocketClose = (evt: { code: number; reason: string }) => {
        previous(evt);
        this.closes.push({ node: node.name, code: evt.code });
        resolve();
        // A subscriber that does not send still comes back, as a real client would.
        if (this.subscribeTo.length > 0 && !this.stopped && this.stomp === stomp) {
          this.reconnect().catch(() => undefined);
        }
      };
    });
    try {
      for (const roomId of this.subscribeTo) {
        const collector = await stomp.subscribe<{ content: string; seq: number }>(`/topic/room.${roomId}`);
        this.live.set(roomId, [...(this.live.get(roomId) ?? []), collector]);
      }
    } catch (err) {
      await stomp.close().catch(() => undefined);
      throw err;
    }
  }

  /** Whether a live message with this content reached this client in that room. */
  sawLive(roomId: number, content: string): boolean {
    return (this.live.get(roomId) ?? []).some((c) => c.items.some((m) => m.content === content));
  }

  /**
   * Sends message `n` until it is receipted; the attempt that was. With `giveUpAt` (epoch ms),
   * throws once an attempt after that time fails.
   */
  async send(
    n: number,
    roomId: number,
    content = `c${this.index}-${n}`,
    giveUpAt?: number,
  ): Promise<Attempt> {
    const messageKey = this.keyed ? randomUUID() : undefined;
    for (let attempt = 0; ; attempt++) {
      const a: Attempt = {
        client: this.index,
        n,
        attempt,
        roomId,
        content: this.keyed || attempt === 0 ? content : `${content}.r${attempt}`,
        ...(messageKey ? { messageKey } : {}),
      };
      this.attempts.push(a);
      a.outcome = await this.sendOnce(a);
      if (a.outcome === 'receipt') return a;
      if (this.stopped) throw new Error(`${a.content}: client closed`);
      if (giveUpAt !== undefined && Date.now() > giveUpAt) {
        throw new Error(`${a.content}: no RECEIPT (last: ${a.outcome} ${a.errorCode ?? ''})`);
      }
      if (a.outcome === 'closed') await this.reconnect();
      else await delay(RETRY_BACKOFF_MS);
    }
  }

  private async sendOnce(a: Attempt): Promise<Outcome> {
    const { client, errors } = this.stomp;
    if (!client.connected) return 'closed';
    const receipt = `f${this.index}-${++receipts}`;
    const received = new Promise<Outcome>((resolve) =>
      client.watchForReceipt(receipt, () => resolve('receipt')),
    );
    const failed = errors
      .find((e) => e.receiptId === receipt, ATTEMPT_TIMEOUT_MS)
      .then(
        (e): Outcome => {
          a.errorCode = String(e.code);
          return 'error';
        },
        (): Outcome => 'timeout',
      );
    try {
      client.publish({
        destination: '/app/chat.send',
        body: JSON.stringify({ roomId: a.roomId, content: a.content, messageKey: a.messageKey }),
        headers: { receipt },
      });
    } catch {
      return 'closed';
    }
    return Promise.race([received, failed, this.closed.then((): Outcome => 'closed')]);
  }

  /** Connects again (to a node `pickNode` chooses), as long as it takes within a minute. */
  reconnect(): Promise<void> {
    this.reconnecting ??= this.connectAgain().finally(() => {
      this.reconnecting = undefined;
    });
    return this.reconnecting;
  }

  private async connectAgain(): Promise<void> {
    await this.stomp.close().catch(() => undefined);
    const deadline = Date.now() + RECONNECT_WITHIN_MS;
    for (;;) {
      try {
        await this.connect(this.pickNode());
        return;
      } catch (err) {
        if (Date.now() > deadline || this.stopped) throw err;
        await delay(RETRY_BACKOFF_MS);
      }
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.stomp?.close().catch(() => undefined);
  }
}

/** Clients sending to the rooms in turn, paced, until `stop()`; each finishes its message. */
export function startLoad(clients: readonly LoadClient[], rooms: readonly number[], pacingMs: number) {
  let stopping = false;
  let receipted = 0;
  const loops = clients.map(async (client) => {
    for (let n = 0; !stopping; n++) {
      await client.send(n, rooms[(client.index + n) % rooms.length]!);
      receipted++;
      if (!stopping) await delay(pacingMs);
    }
  });
  let ended: unknown;
  const all = Promise.all(loops).then(
    () => {
      ended = new Error('senders ended early');
    },
    (err: unknown) => {
      ended = err;
      throw err;
    },
  );
  all.catch(() => undefined); // surfaces in more() and stop()
  return {
    get receipted() {
      return receipted;
    },
    /** Resolves once `n` more messages are receipted. */
    async more(n: number, timeoutMs = 30_000): Promise<void> {
      const target = receipted + n;
      await waitFor(
        () => {
          if (ended !== undefined) throw ended;
          return receipted >= target;
        },
        timeoutMs,
        () => `${target} receipted (have ${receipted})`,
      );
    },
    async stop(): Promise<void> {
      stopping = true;
      await all;
    },
  };
}

/**
 * Each client sends `perClient` messages at once (pipelined, as a client flushing its outbox
 * does), numbered from `from`; resolves once all are receipted (resending as needed). Puts
 * many SENDs in flight at the moment of a fault.
 */
export function burst(
  clients: readonly LoadClient[],
  rooms: readonly number[],
  perClient: number,
  from = 1_000_000,
): Promise<Attempt[]> {
  return Promise.all(
    clients.flatMap((client) =>
      Array.from({ length: perClient }, (_, k) => client.send(from + k, rooms[k % rooms.length]!)),
    ),
  );
}

/** Resolves once one message of a burst is receipted: the node is working through the rest. */
export function inProcess(clients: readonly LoadClient[], from = 1_000_000): Promise<void> {
  return waitFor(
    () => clients.some((c) => c.attempts.some((a) => a.n >= from && a.outcome === 'receipt')),
    10_000,
    () => 'a RECEIPT of the burst',
  );
}
