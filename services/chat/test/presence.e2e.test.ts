import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { WebSocket } from 'ws';
import { api, signup, startTestServer, type TestServer, type TestUser } from './harness.ts';
import { type Collector, connectStomp, type TestStomp } from './stomp-client.ts';

interface PresenceEvent {
  userId: number;
  status: 'ONLINE' | 'OFFLINE';
  timestamp: number;
}

/** The contract: OFFLINE within 5 s of the user's last connection closing. */
const OFFLINE_WITHIN_MS = 5000;

let srv: TestServer;
const clients: TestStomp[] = [];
before(async () => {
  srv = await startTestServer();
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await srv.stop();
});

async function stomp(user: TestUser): Promise<TestStomp> {
  const c = await connectStomp(srv.url, user.token);
  clients.push(c);
  return c;
}

async function watcher(user: TestUser): Promise<Collector<PresenceEvent>> {
  return (await stomp(user)).subscribe<PresenceEvent>('/topic/presence');
}

async function room(owner: TestUser, members: TestUser[]): Promise<number> {
  const res = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', owner.token, {
    name: 'presence',
    memberIds: members.map((m) => m.userId),
  });
  assert.equal(res.status, 201);
  return res.body.id;
}

const is = (user: TestUser, status: PresenceEvent['status']) => (e: PresenceEvent) =>
  e.userId === user.userId && e.status === status;

const statusesOf = (events: Collector<PresenceEvent>, user: TestUser) =>
  events.items.filter((e) => e.userId === user.userId).map((e) => e.status);

/** Closes and measures how long until `events` shows the user OFFLINE. */
async function offlineAfter(close: () => unknown, events: Collector<PresenceEvent>, user: TestUser) {
  const started = Date.now();
  await close();
  const event = await events.find(is(user, 'OFFLINE'), OFFLINE_WITHIN_MS + 1000);
  const elapsed = Date.now() - started;
  assert.ok(elapsed < OFFLINE_WITHIN_MS, `OFFLINE after ${elapsed} ms`);
  assert.ok(Math.abs(event.timestamp - Date.now()) < 10_000, 'timestamp is epoch millis');
}

describe('presence over STOMP (embedded)', () => {
  test('ONLINE and OFFLINE reach co-members only, never strangers', async () => {
    const [a, b, stranger, strangersFriend] = await Promise.all([1, 2, 3, 4].map(() => signup(srv.url)));
    await room(a!, [b!]);
    await room(stranger!, [strangersFriend!]);
    const [ofB, ofStranger] = [await watcher(b!), await watcher(stranger!)];

    const ca = await stomp(a!);
    const online = await ofB.find(is(a!, 'ONLINE'));
    assert.equal(typeof online.timestamp, 'number');
    // The stranger's own co-member comes and goes: their events arrive, a's never did.
    const cf = await stomp(strangersFriend!);
    await ofStranger.find(is(strangersFriend!, 'ONLINE'));
    await offlineAfter(() => ca.close(), ofB, a!);
    await cf.close();
    await ofStranger.find(is(strangersFriend!, 'OFFLINE'));
    assert.deepEqual(statusesOf(ofStranger, a!), [], 'no event about a user sharing no room');
    assert.deepEqual(statusesOf(ofB, strangersFriend!), []);
    assert.deepEqual(statusesOf(ofB, a!), ['ONLINE', 'OFFLINE']);
  });

  test('two tabs of one user do not flap; OFFLINE once the last closes', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => signup(srv.url)));
    const roomId = await room(b!, [a!, c!]);
    const ofB = await watcher(b!);
    const tab1 = await stomp(a!);
    await ofB.find(is(a!, 'ONLINE'));
    const tab2 = await stomp(a!);
    const cc = await stomp(c!);
    await ofB.find(is(c!, 'ONLINE'));

    await tab1.close();
    // c closes after tab 1: whatever tab 1's close caused has been published by the time c's
    // OFFLINE (which waits the same grace) arrives.
    await cc.close();
    await ofB.find(is(c!, 'OFFLINE'));
    assert.deepEqual(statusesOf(ofB, a!), ['ONLINE'], 'closing one of two tabs changes nothing');
    const online = await api<number[]>(srv.url, 'GET', `/api/rooms/${roomId}/members/online`, b!.token);
    assert.ok(online.body.includes(a!.userId), 'a is still online with one tab');

    await offlineAfter(() => tab2.close(), ofB, a!);
    assert.deepEqual(statusesOf(ofB, a!), ['ONLINE', 'OFFLINE']);
  });

  test('a dropped connection (no DISCONNECT) goes OFFLINE within 5 s', async () => {
    const [a, b] = [await signup(srv.url), await signup(srv.url)];
    await room(a, [b]);
    const ofB = await watcher(b);
    const ca = await stomp(a);
    await ofB.find(is(a, 'ONLINE'));
    await offlineAfter(() => (ca.client.webSocket as unknown as WebSocket).terminate(), ofB, a);
  });

  test('members/online lists members online, for members only', async () => {
    const [a, b, outsider] = await Promise.all([1, 2, 3].map(() => signup(srv.url)));
    const roomId = await room(a!, [b!]);
    const path = `/api/rooms/${roomId}/members/online`;
    const ofB = await watcher(b!);
    const ca = await stomp(a!);
    await ofB.find(is(a!, 'ONLINE'));

    const both = await api<number[]>(srv.url, 'GET', path, b!.token);
    assert.equal(both.status, 200);
    assert.deepEqual(
      both.body,
      [a!.userId, b!.userId].sort((x, y) => x - y),
    );
    assert.equal((await api(srv.url, 'GET', path, outsider!.token)).status, 403);
    assert.equal((await api(srv.url, 'GET', path)).status, 401);
    assert.equal((await api(srv.url, 'GET', '/api/rooms/999999999/members/online', b!.token)).status, 404);

    await ca.close();
    await ofB.find(is(a!, 'OFFLINE'));
    assert.deepEqual((await api<number[]>(srv.url, 'GET', path, b!.token)).body, [b!.userId]);
  });

  test('a new shared room starts presence between its members; leaving ends it', async () => {
    const [a, b] = [await signup(srv.url), await signup(srv.url)];
    const ofB = await watcher(b);
    const before = await stomp(a); // a and b share no room yet
    // Sharing a room from now on: the next transitions of a reach b.
    const roomId = await room(a, [b]);
    await offlineAfter(() => before.close(), ofB, a);
    assert.deepEqual(statusesOf(ofB, a), ['OFFLINE']);

    const tab = await stomp(a);
    await ofB.find(is(a, 'ONLINE'));
    const left = await api(srv.url, 'DELETE', `/api/rooms/${roomId}/members/me`, b.token);
    assert.equal(left.status, 204);
    // b no longer shares a room with a; c, who does, sees a's next transition.
    const c = await signup(srv.url);
    await room(c, [a]);
    const ofC = await watcher(c);
    await offlineAfter(() => tab.close(), ofC, a);
    assert.deepEqual(statusesOf(ofB, a), ['OFFLINE', 'ONLINE'], 'nothing after leaving the room');
  });
});
