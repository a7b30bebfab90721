import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChatMessage as Message } from '@chat/contracts';
import { type InProcessCluster, startInProcessCluster } from '@chat/testing';
import { api, signup, startTestServer, type TestServer, type TestUser } from './harness.ts';
import { type Collector, connectStomp, type TestStomp } from './stomp-client.ts';

type Typing = { roomId: number; userId: number; nickname: string };

async function groupOf(url: string, owner: TestUser, members: TestUser[]): Promise<number> {
  const res = await api<{ id: number }>(url, 'POST', '/api/rooms/group', owner.token, {
    name: 'subscriptions',
    memberIds: members.map((m) => m.userId),
  });
  assert.equal(res.status, 201);
  return res.body.id;
}

/**
 * A sends, C (a member on B's node) receives, then B does a receipted round trip: whatever the
 * node wrote to B's socket for that message has arrived by then (one socket, in order).
 */
async function flushAfter(c: Collector<unknown>, n: number, b: TestStomp, bOwnRoom: number): Promise<void> {
  await c.count(n);
  await b.sendWithReceipt('/app/chat.typing', { roomId: bOwnRoom });
}

/**
 * B (on `urlB`, with C beside it) leaves a room while subscribed to its messages and typing:
 * both subscriptions end at once, B is told, and A's next message and typing reach C only.
 */
async function leaveEndsSubscriptions(urlA: string, urlB: string, clients: TestStomp[]): Promise<void> {
  const [a, b, c] = [await signup(urlA, 'A'), await signup(urlB, 'B'), await signup(urlB, 'C')];
  const roomId = await groupOf(urlA, a, [b, c]);
  const bOwnRoom = await groupOf(urlB, b, [c]);
  const [ca, cb, cc] = [
    await connectStomp(urlA, a.token),
    await connectStomp(urlB, b.token),
    await connectStomp(urlB, c.token),
  ];
  clients.push(ca, cb, cc);
  const bLive = await cb.subscribe<Message>(`/topic/room.${roomId}`);
  const bTyping = await cb.subscribe<Typing>(`/topic/room.${roomId}.typing`);
  const cLive = await cc.subscribe<Message>(`/topic/room.${roomId}`);
  const cTyping = await cc.subscribe<Typing>(`/topic/room.${roomId}.typing`);
  await ca.sendWithReceipt('/app/chat.send', { roomId, content: 'before' });
  await bLive.count(1);

  const left = await api(urlB, 'DELETE', `/api/rooms/${roomId}/members/me`, b.token);
  assert.equal(left.status, 204);
  const notices = await Promise.all(
    [`/topic/room.${roomId}`, `/topic/room.${roomId}.typing`].map((destination) =>
      cb.errors.find((e) => e.code === 'NOT_A_MEMBER' && e.destination === destination),
    ),
  );
  for (const notice of notices) assert.equal(notice.roomId, roomId);

  await ca.sendWithReceipt('/app/chat.send', { roomId, content: 'after' });
  await flushAfter(cLive, 2, cb, bOwnRoom);
  assert.deepEqual(
    bLive.items.map((m) => m.content),
    ['before'],
    'an ex-member gets no new message',
  );
  ca.send('/app/chat.typing', { roomId });
  await flushAfter(cTyping, 1, cb, bOwnRoom);
  assert.deepEqual(bTyping.items, [], 'an ex-member gets no typing event');
  assert.ok(cb.client.connected, 'the connection stays open');
}

describe('room subscriptions (embedded)', () => {
  let srv: TestServer;
  const clients: TestStomp[] = [];
  before(async () => {
    srv = await startTestServer();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await srv?.stop();
  });

  test('leaving a room ends the open subscriptions to its topics', async () => {
    await leaveEndsSubscriptions(srv.url, srv.url, clients);
  });

  test('only the canonical spelling of a room topic is accepted', async () => {
    const [a, b] = [await signup(srv.url, 'A'), await signup(srv.url, 'B')];
    const roomId = await groupOf(srv.url, a, [b]);
    const cb = await connectStomp(srv.url, b.token);
    clients.push(cb);
    for (const spelling of [
      `0${roomId}`,
      `+${roomId}`,
      ` ${roomId}`,
      `${roomId}e0`,
      '0',
      '9007199254740993',
    ]) {
      await assert.rejects(cb.subscribe(`/topic/room.${spelling}`), { code: 'INVALID_DESTINATION' });
      await assert.rejects(cb.subscribe(`/topic/room.${spelling}.typing`), { code: 'INVALID_DESTINATION' });
    }
    assert.ok(cb.client.connected);
  });

  test("one subscriber's unsubscribe, however it spelled the room, leaves the others' delivery alone", async () => {
    const [a, b] = [await signup(srv.url, 'A'), await signup(srv.url, 'B')];
    const roomId = await groupOf(srv.url, a, [b]);
    const [ca, cb] = [await connectStomp(srv.url, a.token), await connectStomp(srv.url, b.token)];
    clients.push(ca, cb);
    const aLive = await ca.subscribe<Message>(`/topic/room.${roomId}`);
    const refused = cb.errors.find((e) => e.receiptId === 'odd');
    const odd = cb.client.subscribe(`/topic/room.0${roomId}`, () => undefined, { receipt: 'odd' });
    assert.equal((await refused).code, 'INVALID_DESTINATION');
    odd.unsubscribe();
    const bSub = cb.client.subscribe(`/topic/room.${roomId}`, () => undefined, { receipt: 'plain' });
    await new Promise<void>((resolve) => cb.client.watchForReceipt('plain', () => resolve()));
    bSub.unsubscribe();
    await ca.sendWithReceipt('/app/chat.send', { roomId, content: 'still delivered' });
    const [got] = await aLive.count(1, 5000);
    assert.equal(got?.content, 'still delivered');
  });

  test('a second SUBSCRIBE to the same destination is refused and deliveries are not multiplied', async () => {
    const [a, b] = [await signup(srv.url, 'A'), await signup(srv.url, 'B')];
    const roomId = await groupOf(srv.url, a, [b]);
    const [ca, cb] = [await connectStomp(srv.url, a.token), await connectStomp(srv.url, b.token)];
    clients.push(ca, cb);
    const live = await cb.subscribe<Message>(`/topic/room.${roomId}`);
    await assert.rejects(cb.subscribe(`/topic/room.${roomId}`), { code: 'DUPLICATE_SUBSCRIPTION' });
    await ca.sendWithReceipt('/app/chat.send', { roomId, content: 'one' });
    await ca.sendWithReceipt('/app/chat.send', { roomId, content: 'two' });
    await live.count(2);
    await cb.sendWithReceipt('/app/chat.typing', { roomId });
    assert.equal(live.items.length, 2);
  });
});

describe('room subscriptions on two nodes (in-process, shared embedded infrastructure)', () => {
  let cluster: InProcessCluster | undefined;
  const clients: TestStomp[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await cluster?.stop();
  });

  test('leaving a room on one node ends the subscriptions held on the other', async () => {
    cluster = await startInProcessCluster({ nodes: 2 });
    const [n1, n2] = cluster.nodes as [TestServer, TestServer];
    await leaveEndsSubscriptions(n1.url, n2.url, clients);
  });
});
