import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ChatMessage as Message } from '@chat/contracts';
import { withTimeout } from '@chat/platform';
import { skipUnless } from '@chat/platform/testing';
import {
  createRealBackend,
  type RealBackend,
  type SpawnedServer,
  startHealthyServer,
  stopServer,
} from '@chat/testing';
import { allHistory, api, signup, type TestUser } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

const skip = await skipUnless(
  'chat: two nodes and kill -9 on PostgreSQL + Redis + NATS',
  'postgres',
  'redis',
  'nats',
);

/** SENDs of one message (each waits 5 s for its RECEIPT, then reconnects) before the test fails. */
const SEND_ATTEMPTS = 5;

/** A chat node of this suite: send limits out of the way of the streams below. */
function startNode(env: Record<string, string>): Promise<SpawnedServer> {
  return startHealthyServer({ ...env, CHAT_SEND_RATE_PER_SEC: '1000', CHAT_SEND_BURST: '1000' });
}

/** An isolated deployment on the real servers, shared by the nodes of one test. */
async function deployment(): Promise<RealBackend & { nodeEnv: Record<string, string> }> {
  const backend = await createRealBackend();
  const nodeEnv = { ...backend.env, JWT_SECRET: randomBytes(32).toString('hex'), LOG_PARTITIONS: '4' };
  return { ...backend, nodeEnv };
}

async function groupRoom(url: string, owner: TestUser, members: TestUser[]): Promise<number> {
  const res = await api<{ id: number }>(url, 'POST', '/api/rooms/group', owner.token, {
    name: 'distributed',
    memberIds: members.map((m) => m.userId),
  });
  assert.equal(res.status, 201);
  return res.body.id;
}

describe('chat on two nodes (PostgreSQL, Redis, NATS)', { skip }, () => {
  let dist: Awaited<ReturnType<typeof deployment>>;
  let n1: SpawnedServer;
  let n2: SpawnedServer;
  const conns: TestStomp[] = [];

  before(async () => {
    dist = await deployment();
    n1 = await startNode(dist.nodeEnv);
    n2 = await startNode(dist.nodeEnv);
  });
  after(async () => {
    await Promise.all(conns.map((c) => c.close()));
    await Promise.all([n1, n2].filter(Boolean).map(stopServer));
    await dist?.cleanup();
  });

  test('a message sent on node 1 reaches a member on node 2 with the id and seq of history', async () => {
    const a = await signup(n1.url, 'on-node-1');
    const b = await signup(n2.url, 'on-node-2');
    const roomId = await groupRoom(n1.url, a, [b]);
    const [ca, cb] = [await connectStomp(n1.url, a.token), await connectStomp(n2.url, b.token)];
    conns.push(ca, cb);
    const live = await cb.subscribe<Message>(`/topic/room.${roomId}`);
    await ca.sendWithReceipt('/app/chat.send', { roomId, content: 'across nodes' });
    const [got] = await live.count(1);
    const [stored] = await allHistory(n2.url, b, roomId);
    assert.deepEqual(got, stored);
    assert.equal(got?.seq, 1);
  });

  test('500 messages from 5 senders on both nodes: one order for every receiver, equal to history', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => signup(i % 2 ? n2.url : n1.url)));
    const roomId = await groupRoom(n1.url, users[0]!, users.slice(1));
    const clients = await Promise.all(users.map((u, i) => connectStomp(i % 2 ? n2.url : n1.url, u.token)));
    conns.push(...clients);
    const receivers = await Promise.all(clients.map((c) => c.subscribe<Message>(`/topic/room.${roomId}`)));
    await Promise.all(
      clients.slice(0, 5).map(async (c, s) => {
        for (let i = 0; i < 100; i++)
          await c.sendWithReceipt('/app/chat.send', { roomId, content: `${s}:${i}` });
      }),
    );
    const orders = await Promise.all(receivers.map(async (r) => (await r.count(500)).map((m) => m.id)));
    for (const order of orders) assert.deepEqual(order, orders[0]);
    const history = await allHistory(n2.url, users[1]!, roomId);
    assert.deepEqual(
      history.map((m) => m.id),
      orders[0],
    );
    assert.deepEqual(
      history.map((m) => m.seq),
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
  });
});

describe('kill -9 of a chat node and of the consumer process mid-stream', { skip }, () => {
  let dist: Awaited<ReturnType<typeof deployment>>;
  const nodes: SpawnedServer[] = [];
  const conns: TestStomp[] = [];

  before(async () => {
    dist = await deployment();
  });
  after(async () => {
    await Promise.all(conns.map((c) => c.close().catch(() => undefined)));
    await Promise.all(nodes.map(stopServer));
    await dist?.cleanup();
  });

  test('every receipted message is stored once and reaches connected subscribers once, in order', async () => {
    const front = { ...dist.nodeEnv, CONSUMERS: 'false' };
    const worker = { ...dist.nodeEnv, CONSUMERS: 'true', LOG_LEASE_TTL_MS: '2000' };
    const nodeA = await startNode(front);
    const nodeB = await startNode(front);
    let consumer = await startNode(worker);
    nodes.push(nodeA, nodeB, consumer);

    const [s1, s2, r1, r2] = await Promise.all([1, 2, 3, 4].map(() => signup(nodeA.url)));
    const roomId = await groupRoom(nodeA.url, s1!, [s2!, r1!, r2!]);
    const recv = await Promise.all([r1!, r2!].map((u) => connectStomp(nodeA.url, u.token)));
    conns.push(...recv);
    const live = await Promise.all(recv.map((c) => c.subscribe<Message>(`/topic/room.${roomId}`)));

    const receipted = new Set<string>();
    const total = 240;
    // Sender 1 stays on node A; sender 2 is on node B until B is killed, then moves to A and
    // resends what had no receipt, with the same messageKey.
    const c1 = await connectStomp(nodeA.url, s1!.token);
    let c2 = await connectStomp(nodeB.url, s2!.token);
    conns.push(c1);
    const send = async (client: () => TestStomp, prefix: string, onStep: (i: number) => Promise<void>) => {
      for (let i = 0; i < total / 2; i++) {
        await onStep(i);
        const messageKey = randomUUID();
        for (let attempt = 1; ; attempt++) {
          try {
            await withTimeout(
              client().sendWithReceipt('/app/chat.send', { roomId, content: `${prefix}${i}`, messageKey }),
              5000,
            );
            receipted.add(messageKey);
            break;
          } catch (err) {
            if (attempt === SEND_ATTEMPTS) {
              throw new Error(`${prefix}${i}: no RECEIPT after ${SEND_ATTEMPTS} attempts (last: ${err})`);
            }
            await reconnect();
          }
        }
      }
    };
    let reconnecting: Promise<void> | undefined;
    const reconnect = () => {
      reconnecting ??= (async () => {
        c2 = await connectStomp(nodeA.url, s2!.token);
        conns.push(c2);
      })();
      return reconnecting;
    };

    await Promise.all([
      send(
        () => c1,
        'a',
        async (i) => {
          if (i === 40) {
            consumer.child.kill('SIGKILL');
            await consumer.exited;
          }
          if (i === 70) {
            consumer = await startNode(worker);
            nodes.push(consumer);
          }
        },
      ),
      send(
        () => c2,
        'b',
        async (i) => {
          if (i === 60) {
            nodeB.child.kill('SIGKILL');
            await nodeB.exited;
          }
        },
      ),
    ]);
    assert.equal(receipted.size, total);

    const got = await Promise.all(live.map((l) => l.count(total, 60_000)));
    const history = await allHistory(nodeA.url, r1!, roomId);
    const keys = history.map((m) => m.messageKey);
    assert.equal(new Set(keys).size, keys.length, 'no message stored twice');
    for (const key of receipted) assert.ok(keys.includes(key), `receipted ${key} is in history`);
    assert.deepEqual(
      history.map((m) => m.seq),
      Array.from({ length: history.length }, (_, i) => i + 1),
      'seq gapless',
    );
    for (const messages of got) {
      assert.deepEqual(
        messages.map((m) => m.id),
        history.map((m) => m.id),
        'each connected subscriber got every message once, in history order',
      );
    }
    for (const l of live) assert.equal(l.items.length, history.length, 'nothing delivered twice');
  });
});
