import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChatMessage, RoomEvent } from '@chat/contracts';
import { type InProcessCluster, startInProcessCluster } from '@chat/testing';
import { api, signup, startTestServer, type TestServer } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

/** The room list item a ROOM_ADDED carries. */
const roomOf = (e: RoomEvent) => (e.type === 'ROOM_ADDED' ? e.room : undefined);

/**
 * A (on `urlA`) opens a 1:1 room with B, creates a group with B and C, invites D; B (on `urlB`,
 * two tabs) and C and D see each room arrive in their list as GET /api/rooms shows it; B's
 * read reaches B's other tab; B leaving in one tab removes the room in the other.
 */
async function roomListFollows(urlA: string, urlB: string, clients: TestStomp[]): Promise<void> {
  const [a, b, c, d] = [
    await signup(urlA, 'A'),
    await signup(urlB, 'B'),
    await signup(urlB, 'C'),
    await signup(urlB, 'D'),
  ];
  const [bTab1, bTab2, cc, cd] = [
    await connectStomp(urlB, b.token),
    await connectStomp(urlB, b.token),
    await connectStomp(urlB, c.token),
    await connectStomp(urlB, d.token),
  ];
  clients.push(bTab1, bTab2, cc, cd);
  const events = (s: TestStomp) => s.subscribe<RoomEvent>('/user/queue/rooms');
  const [b1, b2, cEvents, dEvents] = [
    await events(bTab1),
    await events(bTab2),
    await events(cc),
    await events(cd),
  ];

  const direct = await api<{ id: number }>(urlA, 'POST', '/api/rooms/direct', a.token, {
    targetUserId: b.userId,
  });
  assert.equal(direct.status, 201);
  const added = await b1.find((e) => e.roomId === direct.body.id);
  const listed = await api<unknown[]>(urlB, 'GET', '/api/rooms', b.token);
  assert.deepEqual({ type: added.type, room: roomOf(added) }, { type: 'ROOM_ADDED', room: listed.body[0] });
  assert.deepEqual(roomOf(added)?.peer, { userId: a.userId, nickname: 'A' });

  // B reads A's message through node A: B's other tab hears where B's read mark now is.
  const ca = await connectStomp(urlA, a.token);
  clients.push(ca);
  const live = await bTab1.subscribe<ChatMessage>(`/topic/room.${direct.body.id}`);
  await ca.sendWithReceipt('/app/chat.send', { roomId: direct.body.id, content: '읽어 줘' });
  const message = await live.find((m) => m.content === '읽어 줘');
  const read = await api(urlA, 'POST', `/api/rooms/${direct.body.id}/read`, b.token, {
    lastReadMessageId: message.id,
  });
  assert.equal(read.status, 202);
  assert.deepEqual(await b2.find((e) => e.type === 'ROOM_READ'), {
    type: 'ROOM_READ',
    roomId: direct.body.id,
    lastReadMessageId: message.id,
  });

  const group = await api<{ id: number }>(urlA, 'POST', '/api/rooms/group', a.token, {
    name: '새 그룹',
    memberIds: [b.userId, c.userId],
  });
  assert.equal(group.status, 201);
  for (const seen of [b1, b2, cEvents]) {
    const event = await seen.find((e) => e.roomId === group.body.id);
    assert.equal(event.type, 'ROOM_ADDED');
    assert.equal(roomOf(event)?.name, '새 그룹');
    assert.equal(roomOf(event)?.memberCount, 3);
  }

  const invited = await api(urlA, 'POST', `/api/rooms/${group.body.id}/members`, a.token, {
    userIds: [d.userId],
  });
  assert.equal(invited.status, 200);
  const dAdded = await dEvents.find((e) => e.roomId === group.body.id);
  assert.equal(roomOf(dAdded)?.memberCount, 4);
  assert.equal(roomOf(dAdded)?.unreadCount, 0);

  const left = await api(urlB, 'DELETE', `/api/rooms/${group.body.id}/members/me`, b.token);
  assert.equal(left.status, 204);
  const removed = await b2.find((e) => e.type === 'ROOM_REMOVED');
  assert.deepEqual(removed, { type: 'ROOM_REMOVED', roomId: group.body.id });

  // Nobody hears of rooms they are not in: C's events are the group only, B's tab saw no invite.
  await cc.sendWithReceipt('/app/chat.typing', { roomId: group.body.id });
  assert.deepEqual(
    cEvents.items.map((e) => [e.type, e.roomId]),
    [['ROOM_ADDED', group.body.id]],
  );
  assert.equal(b1.items.filter((e) => e.roomId === group.body.id && e.type === 'ROOM_ADDED').length, 1);
}

describe('room list events (embedded)', () => {
  let srv: TestServer;
  const clients: TestStomp[] = [];
  before(async () => {
    srv = await startTestServer();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await srv?.stop();
  });

  test('rooms others open with me, create with me or invite me into arrive live; leaving removes', async () => {
    await roomListFollows(srv.url, srv.url, clients);
  });
});

describe('room list events on two nodes (in-process, shared embedded infrastructure)', () => {
  let cluster: InProcessCluster | undefined;
  const clients: TestStomp[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await cluster?.stop();
  });

  test('a room created on one node reaches the sessions held on the other', async () => {
    cluster = await startInProcessCluster({ nodes: 2 });
    const [n1, n2] = cluster.nodes as [TestServer, TestServer];
    await roomListFollows(n1.url, n2.url, clients);
  });
});
