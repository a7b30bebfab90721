// What chat nodes tell each other crosses a process boundary: a malformed pub/sub message or
// log record is dropped (and logged), never thrown out of the subscription, never written to
// clients, and the next valid one is delivered as usual. Garbage is published through the
// server's own in-process pub/sub and log, as another node (or an older version) could.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ChatMessage,
  createChecker,
  PresenceEvent,
  type ReadReceipt,
  RoomEvent,
  SESSION_REVOKED_CHANNEL,
  type TypingEvent,
} from '@chat/contracts';
import type { TSchema } from '@sinclair/typebox';
import { MESSAGES_TOPIC, roomKey } from '../src/messages/message-log.ts';
import { channels } from '../src/realtime/broadcaster.ts';
import { PRESENCE_CHANNEL } from '../src/realtime/presence-events.ts';
import { ROOM_EVENTS_CHANNEL } from '../src/realtime/room-events.ts';
import { MEMBERSHIP_CHANNEL } from '../src/rooms/membership.ts';
import { api, signup, startTestServer, type TestServer, type TestUser } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

/** Not JSON, or JSON of the wrong kind for every channel. */
const JUNK = ['', 'not json', '{"unclosed":', 'null', 'true', '"text"', '{}', '[null]', '{"__proto__":{}}'];

/** Every item a client got passes the contract's schema. */
function assertWellFormed(schema: TSchema, items: readonly unknown[]) {
  const check = createChecker(schema, 'delivered');
  for (const item of items) assert.doesNotThrow(() => check(item), JSON.stringify(item));
}

describe('pub/sub messages and log records are checked on receipt (embedded)', () => {
  let srv: TestServer;
  let a: TestUser;
  let b: TestUser;
  let roomId: number;
  let aConn: TestStomp;
  let bConn: TestStomp;
  /** Pub/sub handlers that threw: the in-process adapter reports them as process warnings. */
  const handlerFailures: string[] = [];
  const onWarning = (w: Error) => {
    if (w.message.startsWith('pub/sub handler')) handlerFailures.push(w.message);
  };

  const publish = async (channel: string, payloads: readonly string[]) => {
    for (const p of payloads) await srv.server.infra.pubsub.publish(channel, p);
  };
  const group = async (name: string, members: readonly TestUser[]) => {
    const res = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', a.token, {
      name,
      memberIds: members.map((m) => m.userId),
    });
    assert.equal(res.status, 201);
    return res.body.id;
  };
  const send = async (content: string) => {
    await aConn.sendWithReceipt('/app/chat.send', { roomId, content });
  };

  before(async () => {
    process.on('warning', onWarning);
    srv = await startTestServer();
    [a, b] = [await signup(srv.url, 'A'), await signup(srv.url, 'B')];
    roomId = await group('checked', [b]);
    [aConn, bConn] = [await connectStomp(srv.url, a.token), await connectStomp(srv.url, b.token)];
  });
  after(async () => {
    await Promise.all([aConn.close(), bConn.close()]);
    await srv.stop();
    process.off('warning', onWarning);
    assert.deepEqual(handlerFailures, [], 'no pub/sub handler threw');
  });

  test('room messages: malformed batches are dropped, the next message is delivered once', async () => {
    const live = await bConn.subscribe<ChatMessage>(`/topic/room.${roomId}`);
    const message = (over: Record<string, unknown>) => ({
      id: 999_999,
      seq: 999_999,
      messageKey: 'forged',
      roomId,
      senderId: a.userId,
      senderNickname: 'A',
      content: 'garbage',
      type: 'TEXT',
      createdAt: new Date().toISOString(),
      timestamp: Date.now(),
      ...over,
    });
    await publish(channels.messages(roomId), [
      ...JUNK,
      JSON.stringify(message({})), // not an array
      JSON.stringify([message({ id: '1' })]),
      JSON.stringify([message({ type: 'VIDEO' })]),
      JSON.stringify([message({ content: null })]),
      JSON.stringify([message({ roomId: roomId + 1 })]), // another room's message on this channel
    ]);
    await send('after garbage');
    await live.find((m) => m.content === 'after garbage');
    assert.deepEqual(
      live.items.map((m) => [m.seq, m.content]),
      [[1, 'after garbage']],
    );
    assertWellFormed(ChatMessage, live.items);
  });

  test('read receipts: malformed ones are dropped, the next one is delivered', async () => {
    const receipts = await aConn.subscribe<ReadReceipt>(`/topic/room.${roomId}.receipts`);
    await send('to be read');
    const history = await api<{ messages: ChatMessage[] }>(
      srv.url,
      'GET',
      `/api/rooms/${roomId}/messages`,
      b.token,
    );
    const newest = history.body.messages[0]!;
    await publish(channels.receipts(roomId), [
      ...JUNK,
      JSON.stringify({ roomId, userId: String(b.userId), lastReadMessageId: newest.id }),
      JSON.stringify({ roomId, userId: b.userId, lastReadMessageId: -1 }),
      JSON.stringify({ roomId: roomId + 1, userId: b.userId, lastReadMessageId: newest.id }),
    ]);
    await bConn.sendWithReceipt('/app/chat.read', { roomId, lastReadMessageId: newest.id });
    await receipts.find((r) => r.userId === b.userId);
    assert.deepEqual(receipts.items, [{ roomId, userId: b.userId, lastReadMessageId: newest.id }]);
  });

  test('typing: malformed events are dropped, the next one is delivered', async () => {
    const typing = await aConn.subscribe<TypingEvent>(`/topic/room.${roomId}.typing`);
    await publish(channels.typing(roomId), [
      ...JUNK,
      JSON.stringify({ roomId, userId: b.userId }),
      JSON.stringify({ roomId, userId: b.userId, nickname: 42 }),
      JSON.stringify({ roomId: roomId + 1, userId: b.userId, nickname: 'B' }),
    ]);
    await bConn.sendWithReceipt('/app/chat.typing', { roomId });
    await typing.find((t) => t.userId === b.userId);
    assert.deepEqual(typing.items, [{ roomId, userId: b.userId, nickname: 'B' }]);
  });

  test('presence: malformed events are dropped, the next transition is delivered', async () => {
    const c = await signup(srv.url, 'C');
    await group('presence', [c]);
    const presence = await aConn.subscribe<PresenceEvent>('/topic/presence');
    await publish(PRESENCE_CHANNEL, [
      ...JUNK,
      JSON.stringify({ userId: c.userId, status: 'AWAY', timestamp: Date.now() }),
      JSON.stringify({ userId: c.userId, status: 'ONLINE' }),
      JSON.stringify({ userId: -c.userId, status: 'ONLINE', timestamp: Date.now() }),
    ]);
    const cConn = await connectStomp(srv.url, c.token);
    try {
      await presence.find((e) => e.userId === c.userId && e.status === 'ONLINE');
      assertWellFormed(PresenceEvent, presence.items);
      assert.deepEqual(
        presence.items.filter((e) => e.userId === c.userId).map((e) => e.status),
        ['ONLINE'],
      );
    } finally {
      await cConn.close();
    }
  });

  test('room-list notices: malformed ones are dropped, the next room arrives', async () => {
    const rooms = await bConn.subscribe<RoomEvent>('/user/queue/rooms');
    await publish(ROOM_EVENTS_CHANNEL, [
      ...JUNK,
      JSON.stringify({ type: 'ROOM_ADDED', roomId, userIds: [String(b.userId)] }),
      JSON.stringify({ type: 'ROOM_RENAMED', roomId, userIds: [b.userId] }),
      JSON.stringify({ type: 'ROOM_REMOVED', roomId: 'x', userIds: [b.userId] }),
    ]);
    const added = await group('added after garbage', [b]);
    await rooms.find((e) => e.roomId === added);
    assert.deepEqual(
      rooms.items.map((e) => [e.type, e.roomId]),
      [['ROOM_ADDED', added]],
    );
    assertWellFormed(RoomEvent, rooms.items);
  });

  test('user control: malformed notices close nobody, the next one closes its user', async () => {
    const d = await signup(srv.url, 'D');
    const dConn = await connectStomp(srv.url, d.token);
    await publish(channels.userControl, [
      ...JUNK,
      JSON.stringify({ userId: d.userId }), // no reason
      JSON.stringify({ userId: String(d.userId), reason: 'forged' }),
    ]);
    await publish(channels.userControl, [JSON.stringify({ userId: d.userId, reason: 'suspended' })]);
    const ended = await dConn.errors.find((e) => e.code === 'ERROR_FRAME');
    assert.equal(ended.message, 'Session closed: suspended');
    assert.equal(dConn.errors.items.filter((e) => e.code === 'ERROR_FRAME').length, 1);
  });

  test('session-revoked notices: malformed ones end nothing, the next one ends its session', async () => {
    const e = await signup(srv.url, 'E');
    const eConn = await connectStomp(srv.url, e.token);
    await publish(SESSION_REVOKED_CHANNEL, [
      ...JUNK,
      JSON.stringify({ userId: String(e.userId), reason: 'forged' }),
      JSON.stringify({ userId: e.userId }),
    ]);
    await publish(SESSION_REVOKED_CHANNEL, [JSON.stringify({ userId: e.userId, reason: 'test' })]);
    const ended = await eConn.errors.find((x) => x.code === 'ERROR_FRAME');
    assert.equal(ended.errorCode, 'TOKEN_REVOKED');
  });

  test('membership changes: malformed ones are dropped, the next one revokes a subscription', async () => {
    const f = await signup(srv.url, 'F');
    const room = await group('membership', [f]);
    const fConn = await connectStomp(srv.url, f.token);
    try {
      await fConn.subscribe(`/topic/room.${room}`);
      // Removed behind the node's back: only a membership notice makes the node look again.
      await srv.server.infra.db.query('delete from chat.room_members where room_id = $1 and user_id = $2', [
        room,
        f.userId,
      ]);
      await publish(MEMBERSHIP_CHANNEL, [...JUNK, 'abc', '-1', '1.5', `"${room}"`, `[${room}]`]);
      await publish(MEMBERSHIP_CHANNEL, [String(room)]);
      const revoked = await fConn.errors.find((x) => x.code === 'NOT_A_MEMBER');
      assert.equal(revoked.roomId, room);
    } finally {
      await fConn.close();
    }
  });

  test('message log: malformed records are dead-lettered, the next message is delivered', async () => {
    const room = await group('log', [b]);
    const live = await bConn.subscribe<ChatMessage>(`/topic/room.${room}`);
    const record = (over: Record<string, unknown>) =>
      JSON.stringify({
        roomId: room,
        senderId: a.userId,
        messageKey: `bad-${Math.random()}`,
        content: 'garbage',
        type: 'TEXT',
        acceptedAt: Date.now(),
        ...over,
      });
    await srv.server.infra.log.append(
      MESSAGES_TOPIC,
      [
        ...JUNK,
        record({ type: 'VIDEO' }),
        record({ senderId: 'A' }),
        record({ content: 42 }),
        record({ acceptedAt: 'now' }),
      ].map((value) => ({ key: roomKey(room), value })),
    );
    await aConn.sendWithReceipt('/app/chat.send', { roomId: room, content: 'after bad records' });
    await live.find((m) => m.content === 'after bad records');
    assert.deepEqual(
      live.items.map((m) => [m.seq, m.content]),
      [[1, 'after bad records']],
    );
  });
});
