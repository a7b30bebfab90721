// The in-process multi-node tier: two chat nodes in this process sharing one embedded
// infrastructure (PGlite, memory cache, in-process pub/sub, embedded log). What crosses nodes
// here is what crosses them in production; process death and real-service outages stay in the
// multi-process suites (distributed, scale-out, presence.distributed, shutdown, faults).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChatMessage as Message } from '@chat/contracts';
import { type InProcessCluster, startInProcessCluster, type TestServer } from '@chat/testing';
import { allHistory, api, signup, type TestUser } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

interface PresenceEvent {
  userId: number;
  status: 'ONLINE' | 'OFFLINE';
}

const is = (user: TestUser, status: PresenceEvent['status']) => (e: PresenceEvent) =>
  e.userId === user.userId && e.status === status;

describe('chat on two in-process nodes sharing one embedded infrastructure', () => {
  let cluster: InProcessCluster;
  let n1: TestServer;
  let n2: TestServer;
  const conns: TestStomp[] = [];

  async function stomp(node: TestServer, user: TestUser): Promise<TestStomp> {
    const c = await connectStomp(node.url, user.token);
    conns.push(c);
    return c;
  }

  async function group(owner: TestUser, members: TestUser[], name = 'across'): Promise<number> {
    const res = await api<{ id: number }>(n1.url, 'POST', '/api/rooms/group', owner.token, {
      name,
      memberIds: members.map((m) => m.userId),
    });
    assert.equal(res.status, 201);
    return res.body.id;
  }

  before(async () => {
    cluster = await startInProcessCluster({
      nodes: 2,
      env: { CHAT_SEND_RATE_PER_SEC: '1000', CHAT_SEND_BURST: '1000' },
    });
    [n1, n2] = cluster.nodes as [TestServer, TestServer];
  });
  after(async () => {
    await Promise.all(conns.map((c) => c.close().catch(() => undefined)));
    await cluster?.stop();
  });

  test('messages from both nodes reach subscribers on both nodes once each, in the order of history', async () => {
    const [a, b] = [await signup(n1.url, 'on-1'), await signup(n2.url, 'on-2')];
    const roomId = await group(a, [b]);
    const [ca, cb] = [await stomp(n1, a), await stomp(n2, b)];
    const liveA = await ca.subscribe<Message>(`/topic/room.${roomId}`);
    const liveB = await cb.subscribe<Message>(`/topic/room.${roomId}`);
    const perSender = 20;
    await Promise.all([
      (async () => {
        for (let i = 0; i < perSender; i++)
          await ca.sendWithReceipt('/app/chat.send', { roomId, content: `a${i}` });
      })(),
      (async () => {
        for (let i = 0; i < perSender; i++)
          await cb.sendWithReceipt('/app/chat.send', { roomId, content: `b${i}` });
      })(),
    ]);
    const history = await allHistory(n2.url, b, roomId);
    assert.equal(history.length, 2 * perSender);
    for (const [who, live] of [
      ['subscriber on node 1', liveA],
      ['subscriber on node 2', liveB],
    ] as const) {
      await live.count(history.length);
      assert.deepEqual(live.items, history, `${who}: every message once, as stored, in seq order`);
    }
    for (const prefix of ['a', 'b']) {
      assert.deepEqual(
        history.filter((m) => m.content.startsWith(prefix)).map((m) => m.content),
        Array.from({ length: perSender }, (_, i) => `${prefix}${i}`),
        `the messages of sender ${prefix} in the order sent`,
      );
    }
  });

  test('read receipts and typing cross nodes', async () => {
    const [a, b] = [await signup(n1.url, 'writer'), await signup(n2.url, 'typist')];
    const roomId = await group(a, [b]);
    const [ca, cb] = [await stomp(n1, a), await stomp(n2, b)];
    const receipts = await ca.subscribe<{ roomId: number; userId: number; lastReadMessageId: number }>(
      `/topic/room.${roomId}.receipts`,
    );
    const typing = await ca.subscribe<{ roomId: number; userId: number; nickname: string }>(
      `/topic/room.${roomId}.typing`,
    );
    const live = await cb.subscribe<Message>(`/topic/room.${roomId}`);
    await ca.sendWithReceipt('/app/chat.send', { roomId, content: 'read me' });
    const [msg] = await live.count(1);
    await cb.sendWithReceipt('/app/chat.read', { roomId, lastReadMessageId: msg!.id });
    assert.deepEqual(await receipts.find((r) => r.userId === b.userId), {
      roomId,
      userId: b.userId,
      lastReadMessageId: msg!.id,
    });
    cb.send('/app/chat.typing', { roomId });
    assert.deepEqual(await typing.find((t) => t.userId === b.userId), {
      roomId,
      userId: b.userId,
      nickname: 'typist',
    });
  });

  test('presence: a user online on node 2 is seen from node 1, and goes OFFLINE when the last tab closes', async () => {
    const [w, x] = [await signup(n1.url, 'watcher'), await signup(n2.url, 'roamer')];
    const roomId = await group(w, [x]);
    const events = await (await stomp(n1, w)).subscribe<PresenceEvent>('/topic/presence');
    const [tab1, tab2] = [await stomp(n2, x), await stomp(n1, x)];
    await events.find(is(x, 'ONLINE'));
    const online = `/api/rooms/${roomId}/members/online`;
    const both = [w.userId, x.userId].sort((p, q) => p - q);
    assert.deepEqual((await api<number[]>(n2.url, 'GET', online, x.token)).body, both);
    // Two tabs on two nodes: one OFFLINE, once both are closed.
    await tab1.close();
    await tab2.close();
    await events.find(is(x, 'OFFLINE'));
    assert.deepEqual(
      events.items.filter((e) => e.userId === x.userId).map((e) => e.status),
      ['ONLINE', 'OFFLINE'],
    );
    assert.deepEqual((await api<number[]>(n1.url, 'GET', online, w.token)).body, [w.userId]);
  });

  // Last: it stops node 2.
  test('node 2 stops gracefully: its sessions close, node 1 keeps accepting, persisting and delivering', async () => {
    const [a, b, c] = [await signup(n1.url, 'stays'), await signup(n1.url, 'reader'), await signup(n2.url)];
    const roomId = await group(a, [b, c]);
    const cc = await stomp(n2, c);
    const ca = await stomp(n1, a);
    const live = await (await stomp(n1, b)).subscribe<Message>(`/topic/room.${roomId}`);
    await cc.sendWithReceipt('/app/chat.send', { roomId, content: 'before the stop' });
    await live.count(1);

    await n2.stop();
    await cc.closed.count(1);
    await assert.rejects(fetch(`${n2.url}/actuator/health`), 'node 2 no longer listens');

    for (let i = 0; i < 5; i++) await ca.sendWithReceipt('/app/chat.send', { roomId, content: `after ${i}` });
    const history = await allHistory(n1.url, b, roomId);
    assert.deepEqual(
      history.map((m) => m.content),
      ['before the stop', ...Array.from({ length: 5 }, (_, i) => `after ${i}`)],
    );
    await live.count(history.length);
    assert.deepEqual(live.items, history, 'the subscriber on node 1 got every message once, in order');
    assert.equal((await api(n1.url, 'GET', '/actuator/health')).status, 200);
  });
});
