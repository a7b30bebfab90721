import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ChatMessage as Message } from '@chat/contracts';
import { api, signup, startTestServer, type TestServer, type TestUser } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

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

async function groupOf(owner: TestUser, members: TestUser[], name = 'room'): Promise<number> {
  const res = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', owner.token, {
    name,
    memberIds: members.map((m) => m.userId),
  });
  assert.equal(res.status, 201);
  return res.body.id;
}

async function history(user: TestUser, roomId: number, query = 'size=100'): Promise<Message[]> {
  const res = await api<{ messages: Message[] }>(
    srv.url,
    'GET',
    `/api/rooms/${roomId}/messages?${query}`,
    user.token,
  );
  assert.equal(res.status, 200);
  return res.body.messages;
}

describe('messaging over STOMP (embedded)', () => {
  test('a receipted message reaches members live with the id and seq history returns', async () => {
    const [a, b] = [await signup(srv.url, '민수'), await signup(srv.url, 'Bob')];
    const roomId = await groupOf(a, [b]);
    const [ca, cb] = [await stomp(a), await stomp(b)];
    const live = await cb.subscribe<Message>(`/topic/room.${roomId}`);
    const content = '안녕하세요 👋 שלום — "quotes" \\ back\nline';
    await ca.sendWithReceipt('/app/chat.send', { roomId, content, senderId: b.userId });
    const [got] = await live.count(1);
    assert.ok(got);
    assert.equal(got.content, content, 'text round-trips byte for byte');
    assert.equal(got.senderId, a.userId, 'a forged senderId is ignored');
    assert.equal(got.senderNickname, '민수');
    assert.equal(got.seq, 1);
    assert.equal(got.type, 'TEXT');
    assert.equal(got.timestamp, Date.parse(got.createdAt));
    const [stored] = await history(b, roomId);
    assert.deepEqual(stored, got);
  });

  test('a retried SEND with the same messageKey is stored once and gets its own receipt', async () => {
    const [a, b] = [await signup(srv.url), await signup(srv.url)];
    const roomId = await groupOf(a, [b]);
    const ca = await stomp(a);
    const live = await (await stomp(b)).subscribe<Message>(`/topic/room.${roomId}`);
    const messageKey = randomUUID();
    const r1 = await ca.sendWithReceipt('/app/chat.send', { roomId, content: 'once', messageKey });
    const r2 = await ca.sendWithReceipt('/app/chat.send', { roomId, content: 'once', messageKey });
    assert.notEqual(r1, r2);
    await ca.sendWithReceipt('/app/chat.send', { roomId, content: 'after' });
    await live.find((m) => m.content === 'after');
    assert.deepEqual(
      live.items.map((m) => m.seq),
      [1, 2],
      'the retry was not delivered twice',
    );
    const all = await history(b, roomId);
    assert.deepEqual(
      all.map((m) => [m.seq, m.content]),
      [
        [2, 'after'],
        [1, 'once'],
      ],
    );
    assert.equal(all[1]?.messageKey, messageKey);
  });

  test('per-request errors arrive on /user/queue/errors and keep the connection', async () => {
    const [a, b, outsider] = [await signup(srv.url), await signup(srv.url), await signup(srv.url)];
    const roomId = await groupOf(a, [b]);
    const co = await stomp(outsider);
    await assert.rejects(co.subscribe(`/topic/room.${roomId}`), { code: 'NOT_A_MEMBER' });
    await assert.rejects(co.subscribe(`/topic/room.${roomId}.typing`), { code: 'NOT_A_MEMBER' });
    await assert.rejects(co.subscribe('/topic/room.99999999'), { code: 'ROOM_NOT_FOUND' });
    await assert.rejects(co.subscribe('/queue/somebody-else'), { code: 'INVALID_DESTINATION' });

    const cases: [unknown, string][] = [
      [{ roomId, content: 'hi' }, 'NOT_A_MEMBER'],
      [{ roomId: 99999999, content: 'hi' }, 'ROOM_NOT_FOUND'],
    ];
    const ca = await stomp(a);
    const live = await ca.subscribe<Message>(`/topic/room.${roomId}`);
    const aCases: [unknown, string][] = [
      [{ roomId, content: '' }, 'INVALID_PAYLOAD'],
      [{ roomId, content: 'x'.repeat(5001) }, 'CONTENT_TOO_LONG'],
      [{ roomId, content: 'sys', type: 'SYSTEM' }, 'INVALID_PAYLOAD'],
      [{ roomId: '1', content: 'x' }, 'INVALID_PAYLOAD'],
      ['{not json', 'INVALID_PAYLOAD'],
    ];
    for (const [client, list] of [
      [co, cases],
      [ca, aCases],
    ] as const) {
      for (const [body, code] of list) {
        const receipt = `bad-${randomUUID()}`;
        const messageKey = randomUUID();
        const payload = typeof body === 'string' ? body : JSON.stringify({ ...(body as object), messageKey });
        client.send('/app/chat.send', payload, { receipt });
        const err = await client.errors.find((e) => e.receiptId === receipt);
        assert.equal(err.code, code, JSON.stringify(body).slice(0, 80));
        if (typeof body !== 'string') assert.equal(err.messageKey, messageKey);
      }
    }
    // 5000 code points of emoji is within the limit (a code point is one character).
    await ca.sendWithReceipt('/app/chat.send', { roomId, content: '😀'.repeat(5000) });
    await live.count(1);
    const stored = await history(a, roomId);
    assert.equal(stored.length, 1, 'nothing of the bad input was stored');
    assert.equal([...(stored[0]?.content ?? '')].length, 5000);
    assert.equal(co.closed.items.length + ca.closed.items.length, 0, 'connections stayed open');
  });

  test('500 messages from 5 senders arrive in one order for every receiver, matching history', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => signup(srv.url)));
    const [owner, ...rest] = users as [TestUser, ...TestUser[]];
    const roomId = await groupOf(owner, rest);
    const conns = await Promise.all(users.map((u) => stomp(u)));
    const receivers = await Promise.all(conns.map((c) => c.subscribe<Message>(`/topic/room.${roomId}`)));
    const senders = conns.slice(0, 5);
    await Promise.all(
      senders.map(async (c, s) => {
        for (let i = 0; i < 100; i++)
          await c.sendWithReceipt('/app/chat.send', { roomId, content: `s${s}-${i}` });
      }),
    );
    const orders = await Promise.all(receivers.map(async (r) => (await r.count(500)).map((m) => m.id)));
    for (const order of orders) assert.deepEqual(order, orders[0]);
    const live = await receivers[0]!.count(500);
    assert.deepEqual(
      live.map((m) => m.seq),
      Array.from({ length: 500 }, (_, i) => i + 1),
      'seq is gapless',
    );
    for (let s = 0; s < 5; s++) {
      const mine = live.filter((m) => m.content.startsWith(`s${s}-`)).map((m) => m.content);
      assert.deepEqual(
        mine,
        Array.from({ length: 100 }, (_, i) => `s${s}-${i}`),
        'each sender keeps its order',
      );
    }
    const stored: Message[] = [];
    let cursor: number | undefined;
    for (;;) {
      const page = await api<{ messages: Message[]; hasMore: boolean; nextCursor: number | null }>(
        srv.url,
        'GET',
        `/api/rooms/${roomId}/messages?size=100${cursor ? `&cursor=${cursor}` : ''}`,
        owner.token,
      );
      stored.push(...page.body.messages);
      if (!page.body.hasMore) break;
      cursor = page.body.nextCursor!;
    }
    assert.deepEqual(stored.reverse(), live, 'history equals what was delivered live');
    const after = await api<{ messages: Message[]; hasMore: boolean }>(
      srv.url,
      'GET',
      `/api/rooms/${roomId}/messages?afterSeq=450&size=500`,
      owner.token,
    );
    assert.deepEqual(
      after.body.messages.map((m) => m.seq),
      Array.from({ length: 50 }, (_, i) => 451 + i),
    );
    assert.equal(after.body.hasMore, false);
    assert.equal(
      conns.every((c) => c.closed.items.length === 0),
      true,
    );
  });

  test('read marks: unread counts, receipts to the room, never moving back', async () => {
    const [a, b] = [await signup(srv.url), await signup(srv.url, 'reader')];
    const roomId = await groupOf(a, [b]);
    const [ca, cb] = [await stomp(a), await stomp(b)];
    const receipts = await ca.subscribe<{ roomId: number; userId: number; lastReadMessageId: number }>(
      `/topic/room.${roomId}.receipts`,
    );
    const live = await cb.subscribe<Message>(`/topic/room.${roomId}`);
    for (let i = 0; i < 3; i++) await ca.sendWithReceipt('/app/chat.send', { roomId, content: `m${i}` });
    const msgs = await live.count(3);
    const rooms = async (u: TestUser) =>
      (
        await api<{ id: number; unreadCount: number; lastMessage: { content: string } }[]>(
          srv.url,
          'GET',
          '/api/rooms',
          u.token,
        )
      ).body;
    assert.equal((await rooms(b)).find((r) => r.id === roomId)?.unreadCount, 3);
    assert.equal(
      (await rooms(a)).find((r) => r.id === roomId)?.unreadCount,
      0,
      'own messages are not unread',
    );
    assert.equal((await rooms(b)).find((r) => r.id === roomId)?.lastMessage.content, 'm2');

    const middle = msgs[1]!;
    const read = await api(srv.url, 'POST', `/api/rooms/${roomId}/read`, b.token, {
      lastReadMessageId: middle.id,
    });
    assert.equal(read.status, 202);
    assert.equal((await rooms(b)).find((r) => r.id === roomId)?.unreadCount, 1);
    const r = await receipts.find((x) => x.userId === b.userId);
    assert.deepEqual(r, { roomId, userId: b.userId, lastReadMessageId: middle.id });

    // Moving back is accepted and ignored, over REST and STOMP.
    const back = await api(srv.url, 'POST', `/api/rooms/${roomId}/read`, b.token, {
      lastReadMessageId: msgs[0]!.id,
    });
    assert.equal(back.status, 202);
    assert.equal((await rooms(b)).find((r) => r.id === roomId)?.unreadCount, 1);
    await cb.sendWithReceipt('/app/chat.read', { roomId, lastReadMessageId: msgs[0]!.id });
    assert.equal((await rooms(b)).find((r) => r.id === roomId)?.unreadCount, 1);
    cb.send(
      '/app/chat.read',
      { roomId, lastReadMessageId: msgs[2]!.id + 1_000_000 },
      { receipt: 'bad-read' },
    );
    const err = await cb.errors.find((e) => e.receiptId === 'bad-read');
    assert.match(String(err.message), /lastReadMessageId/);
    await cb.sendWithReceipt('/app/chat.read', { roomId, lastReadMessageId: msgs[2]!.id });
    assert.equal((await rooms(b)).find((r) => r.id === roomId)?.unreadCount, 0);
  });

  test('typing events reach other members', async () => {
    const [a, b] = [await signup(srv.url, 'typist'), await signup(srv.url)];
    const roomId = await groupOf(a, [b]);
    const [ca, cb] = [await stomp(a), await stomp(b)];
    const typing = await cb.subscribe<{ roomId: number; userId: number; nickname: string }>(
      `/topic/room.${roomId}.typing`,
    );
    ca.send('/app/chat.typing', { roomId });
    assert.deepEqual(await typing.find(() => true), { roomId, userId: a.userId, nickname: 'typist' });
  });

  test('CONNECT without a valid token gets ERROR and is closed', async () => {
    await assert.rejects(connectStomp(srv.url, undefined), /STOMP ERROR|closed/);
    await assert.rejects(connectStomp(srv.url, 'not-a-token'), /STOMP ERROR|closed/);
  });
});
