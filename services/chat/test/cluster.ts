// Helpers of the multi-process suites (scale-out, shutdown): chat nodes on real PostgreSQL,
// Redis and NATS, clients that reconnect and resend, the log's partition leases as seen in
// NATS, and the checks every such test ends with.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ChatMessage } from '@chat/contracts';
import { partitionFor, withTimeout } from '@chat/platform';
import { testServiceUrls } from '@chat/platform/testing';
import {
  createRealBackend,
  freePort,
  type RealBackend,
  type SpawnedServer,
  spawnServer,
  stopServer,
  waitForHealth,
} from '@chat/testing';
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { allHistory, api, signup, type TestUser } from './harness.ts';
import { type Collector, connectStomp, type TestStomp } from './stomp-client.ts';

export type Message = ChatMessage;

export interface ChatNode {
  readonly name: string;
  readonly server: SpawnedServer;
  readonly url: string;
  readonly pid: number;
}

export interface Lease {
  partition: number;
  /** Owning process, from the consumer instance id `<host>-<pid>-<random>`; null when free. */
  pid: number | null;
  expiresAt: number;
}

const MESSAGES_TOPIC_TOKEN = 'chat_messages'; // token('chat.messages') in the log's NATS names
const PERSIST_GROUP = 'chat-persist';
/** Connections a ChatClient tries for one message before the send fails. */
const SEND_ATTEMPTS = 10;

/** An isolated deployment on the real servers: one database, key prefix and stream prefix. */
export class Cluster {
  readonly nodes: ChatNode[] = [];
  readonly env: Record<string, string>;
  private constructor(
    private readonly backend: RealBackend,
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    readonly partitions: number,
    env: Record<string, string>,
  ) {
    this.env = env;
  }

  /** `backend`: dependencies of the test's own (fault tests); default the shared services. */
  static async create(opts: {
    partitions: number;
    env?: Record<string, string>;
    backend?: RealBackend;
  }): Promise<Cluster> {
    const backend = opts.backend ?? (await createRealBackend());
    const natsUrl = backend.env.NATS_URL ?? testServiceUrls.nats;
    // Reconnects for as long as it takes: a fault test restarts NATS under it.
    const nc = await connect({ servers: natsUrl.replace(/^nats:\/\//, ''), maxReconnectAttempts: -1 });
    const jsm = await jetstreamManager(nc);
    const env = {
      ...backend.env,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_PARTITIONS: String(opts.partitions),
      CHAT_SEND_RATE_PER_SEC: '1000',
      CHAT_SEND_BURST: '1000',
      LOGIN_RATE_PER_MIN: '10000',
      // roomPerPartition creates rooms until every partition has one (tens with bad luck).
      ROOM_CREATE_RATE_PER_MIN: '10000',
      ...opts.env,
    };
    return new Cluster(backend, nc, jsm, opts.partitions, env);
  }

  get namespace(): string {
    return this.backend.env.NAMESPACE!;
  }

  /** Starts a node (all services, consumers on) and waits until it is healthy. */
  async startNode(name: string): Promise<ChatNode> {
    const server = spawnServer({ ...this.env, PORT: String(await freePort()) });
    const node = { name, server, url: server.url, pid: server.child.pid! };
    this.nodes.push(node);
    await waitForHealth(server);
    return node;
  }

  alive(): ChatNode[] {
    return this.nodes.filter((n) => n.server.child.exitCode === null && n.server.child.signalCode === null);
  }

  /** The lease of every partition of the persistence group, as stored in the control stream. */
  async leases(): Promise<Lease[]> {
    const stream = `${this.namespace}_ctl`;
    const base = `${this.namespace}.ctl.l.${MESSAGES_TOPIC_TOKEN}.${PERSIST_GROUP}`;
    return Promise.all(
      Array.from({ length: this.partitions }, async (_, partition): Promise<Lease> => {
        const m = await this.jsm.streams.getMessage(stream, { last_by_subj: `${base}.${partition}` });
        const stamp = m?.json<{ owner: string | null; expiresAt: number }>();
        const pid = stamp?.owner ? /-(\d+)-[0-9a-f]+$/.exec(stamp.owner)?.[1] : undefined;
        return { partition, pid: pid ? Number(pid) : null, expiresAt: stamp?.expiresAt ?? 0 };
      }),
    );
  }

  /**
   * Waits until every partition is leased, unexpired, by one of `nodes`, and each of them owns
   * between floor and ceil of partitions / nodes. Returns how many ms it took.
   */
  async balancedOver(nodes: readonly ChatNode[], timeoutMs = 30_000): Promise<number> {
    const started = Date.now();
    const lo = Math.floor(this.partitions / nodes.length);
    const hi = Math.ceil(this.partitions / nodes.length);
    let last: Lease[] = [];
    await waitFor(
      async () => {
        last = await this.leases();
        const now = Date.now();
        if (last.some((l) => l.expiresAt <= now || !nodes.some((n) => n.pid === l.pid))) return false;
        return nodes.every((n) => {
          const owned = last.filter((l) => l.pid === n.pid).length;
          return owned >= lo && owned <= hi;
        });
      },
      timeoutMs,
      () =>
        `partitions balanced over ${nodes.map((n) => `${n.name}(${n.pid})`).join(', ')}; leases: ${JSON.stringify(
          last.map((l) => ({ p: l.partition, pid: l.pid, ttl: l.expiresAt - Date.now() })),
        )}`,
    );
    return Date.now() - started;
  }

  /** Runs `body`; if it fails, prints the end of every node's output (warnings, errors) first. */
  async diagnose(t: { diagnostic(message: string): void }, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (err) {
      for (const n of this.nodes) {
        const out = `${n.server.stdout().slice(-4000)}${n.server.stderr().slice(-4000)}`.trim();
        t.diagnostic(`${n.name} (pid ${n.pid}) output: ${out || '(none)'}`);
      }
      throw err;
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.alive().map((n) => stopNode(n)));
  }

  async cleanup(): Promise<void> {
    await this.stopAll();
    await this.nc.close().catch(() => undefined);
    await this.backend.cleanup();
  }
}

/** Stops a node (SIGKILL after 20 s so cleanup never hangs). */
export function stopNode(node: ChatNode): Promise<number | string> {
  return stopServer(node.server);
}

/** Polls `check` (every 100 ms) until it holds; fails with `what()` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await delay(100);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Creates group rooms until there is one per partition; returns those, by partition. */
export async function roomPerPartition(
  url: string,
  owner: TestUser,
  members: readonly TestUser[],
  partitions: number,
): Promise<number[]> {
  const byPartition = new Map<number, number>();
  for (let i = 0; byPartition.size < partitions; i++) {
    assert.ok(i < partitions * 20, 'room ids cover every partition');
    const res = await api<{ id: number }>(url, 'POST', '/api/rooms/group', owner.token, {
      name: `room ${i}`,
      memberIds: members.map((m) => m.userId),
    });
    assert.equal(res.status, 201);
    const p = partitionFor(`room.${res.body.id}`, partitions);
    if (!byPartition.has(p)) byPartition.set(p, res.body.id);
  }
  return [...byPartition.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
}

export type Outcome = 'receipt' | 'closed';

/** Receipted messages by messageKey, in the order their RECEIPTs arrived. */
export type Receipted = Map<string, { roomId: number; senderId: number }>;

/**
 * A user's STOMP client that survives its node: a SEND whose socket closes before the RECEIPT
 * is sent again, same messageKey, on a live node. `onReconnect` runs on each new connection
 * before the resend (resubscribe, catch up).
 */
export class ChatClient {
  stomp!: TestStomp;
  node!: ChatNode;
  /** Close events of earlier connections, in order. */
  readonly closes: { node: string; code: number; reason: string }[] = [];
  private closed!: Promise<{ code: number; reason: string }>;

  constructor(
    readonly user: TestUser,
    private readonly pickNode: () => ChatNode,
    private readonly onReconnect: (client: ChatClient) => Promise<void> = async () => undefined,
  ) {}

  async connect(node: ChatNode): Promise<void> {
    const stomp = await connectStomp(node.url, this.user.token);
    this.stomp = stomp;
    this.node = node;
    this.closed = new Promise((resolve) => {
      const previous = stomp.client.onWebSocketClose;
      stomp.client.onWebSocketClose = (evt: { code: number; reason: string }) => {
        previous(evt);
        resolve({ code: evt.code, reason: evt.reason });
      };
    });
  }

  /**
   * Resolves once the message is receipted, reconnecting to another node when the socket
   * closes; fails after `SEND_ATTEMPTS` connections without a RECEIPT.
   */
  async send(roomId: number, content: string, messageKey: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const stomp = this.stomp;
      const receipt = Promise.resolve()
        .then(() => stomp.sendWithReceipt('/app/chat.send', { roomId, content, messageKey }))
        .then(
          (): Outcome => 'receipt',
          // Not connected any more: the close event is on its way (reconnect() checks it comes).
          (): Outcome => 'closed',
        );
      const outcome = await withTimeout(
        Promise.race([receipt, this.closed.then((): Outcome => 'closed')]),
        30_000,
        `waiting for the RECEIPT of ${messageKey} from ${this.node.name}:`,
      );
      if (outcome === 'receipt') return;
      if (attempt === SEND_ATTEMPTS) {
        throw new Error(
          `no RECEIPT of ${messageKey} after ${SEND_ATTEMPTS} connections (last: ${this.node.name})`,
        );
      }
      await this.reconnect();
    }
  }

  private async reconnect(): Promise<void> {
    const evt = await withTimeout(
      this.closed,
      15_000,
      `waiting for the close of the socket to ${this.node.name}:`,
    );
    this.closes.push({ node: this.node.name, ...evt });
    for (let attempt = 1; ; attempt++) {
      const node = this.pickNode();
      try {
        await this.connect(node);
        break;
      } catch (err) {
        // The picked node may be going down right now; another pick, a bounded number of times.
        if (attempt >= 5) throw err;
        await delay(200);
      }
    }
    await this.onReconnect(this);
  }

  async close(): Promise<void> {
    await this.stomp?.close().catch(() => undefined);
  }
}

/**
 * Senders that keep a steady stream going until `stop()`: each sends to its rooms in turn
 * (one message in flight per sender, paced), records what was receipted, by room.
 */
export function startTraffic(senders: readonly ChatClient[], rooms: readonly number[], pacingMs: number) {
  const receipted: Receipted = new Map(); // in receipt order
  let stopping = false;
  const loops = senders.map(async (client, s) => {
    for (let i = 0; !stopping; i++) {
      const roomId = rooms[(s + i) % rooms.length]!;
      const messageKey = randomUUID();
      await client.send(roomId, `${client.user.nickname} #${i}`, messageKey);
      receipted.set(messageKey, { roomId, senderId: client.user.userId });
      if (!stopping) await delay(pacingMs);
    }
  });
  const all = Promise.all(loops);
  // A failing sender fails the test when `stop()` is awaited; do not let it go unhandled meanwhile.
  all.catch(() => undefined);
  return {
    receipted,
    /** Resolves once `n` more messages than now are receipted. */
    async more(n: number, timeoutMs = 30_000): Promise<void> {
      const target = receipted.size + n;
      await Promise.race([
        waitFor(
          () => receipted.size >= target,
          timeoutMs,
          () => `${target} receipted (have ${receipted.size})`,
        ),
        all.then(() => Promise.reject(new Error('senders ended early'))),
      ]);
    },
    async stop(): Promise<Receipted> {
      stopping = true;
      await all;
      return receipted;
    },
  };
}

/** Waits until each room's history holds at least as many messages as were receipted for it. */
export async function persisted(
  url: string,
  reader: TestUser,
  rooms: readonly number[],
  receipted: Receipted,
  timeoutMs = 30_000,
): Promise<void> {
  const expected = new Map(rooms.map((r) => [r, 0]));
  for (const { roomId } of receipted.values()) expected.set(roomId, (expected.get(roomId) ?? 0) + 1);
  const have = new Map<number, number>();
  await waitFor(
    async () => {
      for (const roomId of rooms) {
        const [last] = (
          await api<{ messages: Message[] }>(url, 'GET', `/api/rooms/${roomId}/messages?size=1`, reader.token)
        ).body.messages;
        have.set(roomId, last?.seq ?? 0);
      }
      return rooms.every((r) => (have.get(r) ?? 0) >= expected.get(r)!);
    },
    timeoutMs,
    () =>
      `persistence of every receipted message: expected ${JSON.stringify([...expected])}, last seqs ${JSON.stringify([...have])}`,
  );
}

/**
 * Per room: every receipted message is stored exactly once, seq is 1..n without a gap, and
 * each sender's messages are in the order they were sent (one at a time, each after the
 * RECEIPT of the one before, so that is the order of the log).
 */
export async function checkHistory(
  url: string,
  reader: TestUser,
  rooms: readonly number[],
  receipted: Receipted,
): Promise<Map<number, Message[]>> {
  const histories = new Map<number, Message[]>();
  for (const roomId of rooms) {
    const history = await allHistory(url, reader, roomId);
    histories.set(roomId, history);
    const keys = history.map((m) => m.messageKey);
    assert.equal(new Set(keys).size, keys.length, `room ${roomId}: no message stored twice`);
    const inRoom = [...receipted].filter(([, r]) => r.roomId === roomId);
    const expected = inRoom.map(([k]) => k);
    const stored = new Set(keys);
    const missing = expected.filter((k) => !stored.has(k));
    assert.deepEqual(missing, [], `room ${roomId}: every receipted message is in history`);
    // Every key ever sent was resent until receipted, so history holds exactly the receipted ones.
    assert.equal(keys.length, expected.length, `room ${roomId}: nothing in history that was not receipted`);
    assert.deepEqual(
      history.map((m) => m.seq),
      Array.from({ length: history.length }, (_, i) => i + 1),
      `room ${roomId}: seq gapless`,
    );
    for (const senderId of new Set(inRoom.map(([, r]) => r.senderId))) {
      assert.deepEqual(
        history.filter((m) => m.senderId === senderId).map((m) => m.messageKey),
        inRoom.filter(([, r]) => r.senderId === senderId).map(([k]) => k),
        `room ${roomId}: the messages of sender ${senderId} are in history in the order sent`,
      );
    }
  }
  return histories;
}

/** What a subscriber got live in one room equals the room's history: each once, in seq order. */
export async function checkLive(
  who: string,
  roomId: number,
  live: Collector<Message>,
  history: readonly Message[],
  timeoutMs = 30_000,
): Promise<void> {
  await live.count(history.length, timeoutMs).catch((err: unknown) => {
    throw new Error(`${who}, room ${roomId}: ${(err as Error).message}`);
  });
  assert.deepEqual(
    live.items.map((m) => m.seq),
    history.map((m) => m.seq),
    `${who}, room ${roomId}: every message once, in seq order`,
  );
  assert.deepEqual(
    live.items.map((m) => m.id),
    history.map((m) => m.id),
    `${who}, room ${roomId}: live carries the ids of history`,
  );
}

/** A counter or gauge of the node's `/actuator/prometheus` (sum over label sets), or 0. */
export async function metric(node: ChatNode, name: string): Promise<number> {
  const res = await fetch(`${node.url}/actuator/prometheus`);
  const text = await res.text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) sum += Number(line.split(' ').at(-1));
  }
  return sum;
}

export { allHistory, signup };
