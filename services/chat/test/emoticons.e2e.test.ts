import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import {
  type ChatMessage,
  decodeEmoticonUsed,
  EMOTICON_USAGE_TOPIC,
  type EmoticonUsed,
  type RoomDetail,
  STORE_EVENTS_TOPIC,
} from '@chat/contracts';
import { type Consumer, withTimeout } from '@chat/platform';
import { describeOnBackends, eventually } from '@chat/testing';
import { CHAT_STORE_GROUP } from '../src/emoticons/store-events.consumer.ts';
import { MESSAGES_TOPIC, PERSIST_GROUP } from '../src/messages/message-log.ts';
import { allHistory, api, signup, type TestUser } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';
import { appendInventory, appendOrder, drained, fulfilledGift, storeId } from './store-events.ts';

await describeOnBackends(
  'emoticon messages and gifts',
  (platform) => {
    const conns: TestStomp[] = [];
    after(() => Promise.all(conns.map((c) => c.close())));
    const url = () => platform().server.url;
    const log = () => platform().server.server.infra.log;
    const db = () => platform().server.server.infra.db;

    async function stomp(user: TestUser): Promise<TestStomp> {
      const c = await connectStomp(url(), user.token);
      conns.push(c);
      return c;
    }

    /** A holds a pack (version 1) and shares a direct room with B; both connected, B listening. */
    async function pair() {
      const a = await signup(url(), 'ems-a');
      const b = await signup(url(), 'ems-b');
      const itemId = storeId();
      await appendInventory(log(), { userId: a.userId, itemId, owned: true, version: 1 });
      await holding(a.userId, itemId, 1);
      const room = await api<RoomDetail>(url(), 'POST', '/api/rooms/direct', a.token, {
        targetUserId: b.userId,
      });
      const roomId = room.body.id;
      const [ca, cb] = [await stomp(a), await stomp(b)];
      const live = await cb.subscribe<ChatMessage>(`/topic/room.${roomId}`);
      return { a, b, itemId, roomId, ca, cb, live };
    }

    /** Until chat's view shows the holding at `version`; its row then. */
    async function holding(userId: number, itemId: number, version: number) {
      return eventually(async () => {
        const { rows } = await db().query<{ owned: boolean; version: number; used_at: Date | null }>(
          'select owned, version::int as version, used_at from chat.emoticon_holdings where user_id = $1 and item_id = $2',
          [userId, itemId],
        );
        return rows[0]?.version === version && rows[0];
      });
    }

    /** SENDs and waits for the error naming its messageKey. */
    async function refused(c: TestStomp, body: Record<string, unknown>) {
      const messageKey = randomUUID();
      c.send('/app/chat.send', { ...body, messageKey });
      return c.errors.find((e) => e.messageKey === messageKey);
    }

    test('an owner sends an emoticon: the other member gets it live and in history, with its alt as content', async () => {
      const { a, b, itemId, roomId, ca, live } = await pair();
      await ca.sendWithReceipt('/app/chat.send', {
        roomId,
        type: 'EMOTICON',
        emoticon: { itemId, index: 1 },
      });
      const m = await live.find((x) => x.type === 'EMOTICON');
      const emoticon = {
        itemId,
        index: 1,
        alt: '(하트)',
        imageUrl: `/api/store/items/${itemId}/emoticons/1/image`,
      };
      assert.deepEqual([m.senderId, m.content, m.emoticon], [a.userId, '(하트)', emoticon]);
      const history = await allHistory(url(), b, roomId);
      assert.deepEqual(history.at(-1)?.emoticon, emoticon);

      // Not editable; unsent like any message (the emoticon goes with the content).
      const edit = await api<{ message: string }>(
        url(),
        'PATCH',
        `/api/rooms/${roomId}/messages/${m.id}`,
        a.token,
        {
          content: 'x',
        },
      );
      assert.equal(edit.status, 400);
      assert.match(edit.body.message, /Emoticon messages cannot be edited/);
      const unsend = await api(url(), 'DELETE', `/api/rooms/${roomId}/messages/${m.id}`, a.token);
      assert.equal(unsend.status, 202);
      const gone = await eventually(async () => {
        const h = await allHistory(url(), b, roomId);
        const x = h.find((y) => y.id === m.id);
        return x?.deletedAt ? x : undefined;
      });
      assert.deepEqual([gone.content, gone.emoticon ?? null], ['', null]);
    });

    test('a non-owner is refused (EMOTICON_NOT_OWNED), nothing is stored, and the connection stays open', async () => {
      const { a, itemId, roomId, ca, cb, live } = await pair();
      const e = await refused(cb, { roomId, type: 'EMOTICON', emoticon: { itemId, index: 0 } });
      assert.equal(e.code, 'EMOTICON_NOT_OWNED');
      const past = await refused(ca, { roomId, type: 'EMOTICON', emoticon: { itemId, index: 2 } });
      assert.deepEqual(
        [past.code, /past the last emoticon/.test(String(past.message))],
        ['INVALID_PAYLOAD', true],
      );
      for (const body of [
        { type: 'EMOTICON' },
        { type: 'TEXT', content: 'hi', emoticon: { itemId, index: 0 } },
        { type: 'EMOTICON', emoticon: { itemId, index: 32 } },
        { type: 'EMOTICON', emoticon: { itemId: 'x', index: 0 } },
      ]) {
        assert.equal((await refused(ca, { roomId, ...body })).code, 'INVALID_PAYLOAD', JSON.stringify(body));
      }
      await cb.sendWithReceipt('/app/chat.send', { roomId, content: 'still here' });
      await live.find((m) => m.content === 'still here');
      const history = await allHistory(url(), a, roomId);
      assert.deepEqual(
        history.map((m) => m.type),
        ['TEXT'],
      );
    });

    test('a revoke (higher version) stops sending; a replayed older event changes nothing', async () => {
      const { a, itemId, roomId, ca } = await pair();
      await appendInventory(log(), { userId: a.userId, itemId, owned: false, version: 5 });
      await holding(a.userId, itemId, 5);
      const send = { roomId, type: 'EMOTICON', emoticon: { itemId, index: 0 } };
      assert.equal((await refused(ca, send)).code, 'EMOTICON_NOT_OWNED');
      // The grant again, as a replay or a late delivery of version 1 (and 4): applied over 5, nothing.
      await appendInventory(log(), { userId: a.userId, itemId, owned: true, version: 1 });
      await appendInventory(log(), { userId: a.userId, itemId, owned: true, version: 4 });
      await drained(log(), STORE_EVENTS_TOPIC, CHAT_STORE_GROUP);
      assert.deepEqual(await holding(a.userId, itemId, 5), { owned: false, version: 5, used_at: null });
      assert.equal((await refused(ca, send)).code, 'EMOTICON_NOT_OWNED');
      // Bought again (version 6): sendable again.
      await appendInventory(log(), { userId: a.userId, itemId, owned: true, version: 6 });
      await holding(a.userId, itemId, 6);
      await ca.sendWithReceipt('/app/chat.send', send);
    });

    test('the first use of a pack appends exactly one EmoticonUsed', async () => {
      const { a, itemId, roomId, ca, live } = await pair();
      await log().ensureTopic(EMOTICON_USAGE_TOPIC);
      const seen: EmoticonUsed[] = [];
      const group = `test-usage-${randomUUID().slice(0, 8)}`;
      const consumer: Consumer = await log().consume(EMOTICON_USAGE_TOPIC, group, async (records) => {
        for (const r of records) seen.push(decodeEmoticonUsed(r.value));
      });
      try {
        const send = { roomId, type: 'EMOTICON', emoticon: { itemId, index: 0 } };
        await ca.sendWithReceipt('/app/chat.send', send);
        const used = await eventually(async () => (await holding(a.userId, itemId, 1)).used_at);
        await ca.sendWithReceipt('/app/chat.send', { ...send, emoticon: { itemId, index: 1 } });
        await live.find((m) => m.content === '(하트)');
        assert.equal((await holding(a.userId, itemId, 1)).used_at?.getTime(), used.getTime());
        await drained(log(), EMOTICON_USAGE_TOPIC, group);
        const mine = seen.filter((e) => e.userId === a.userId && e.itemId === itemId);
        assert.equal(mine.length, 1, JSON.stringify(mine));
        assert.equal(mine[0]?.usedAt, used.getTime());
      } finally {
        await withTimeout(consumer.stop(), 10_000, 'usage consumer stop');
      }
    });

    test('a gift posts one GIFT_SENT in the direct room (made for it), even when delivered twice', async () => {
      const giver = await signup(url(), '선물하는이');
      const receiver = await signup(url(), '받는이');
      const orderId = storeId();
      const itemId = storeId();
      const order = fulfilledGift({
        orderId,
        buyerId: giver.userId,
        recipientId: receiver.userId,
        itemId,
        itemTitle: '춤추는 곰',
        giftMessage: '생일 축하해',
      });
      await appendOrder(log(), order, 2);
      await drained(log(), STORE_EVENTS_TOPIC, CHAT_STORE_GROUP);
      await drained(log(), MESSAGES_TOPIC, PERSIST_GROUP);
      // A third delivery after the first was stored: still one.
      await appendOrder(log(), order);
      await drained(log(), STORE_EVENTS_TOPIC, CHAT_STORE_GROUP);
      await drained(log(), MESSAGES_TOPIC, PERSIST_GROUP);
      const rooms = await api<{ id: number; type: string }[]>(url(), 'GET', '/api/rooms', receiver.token);
      const direct = rooms.body.filter((r) => r.type === 'DIRECT');
      assert.equal(direct.length, 1);
      const history = await allHistory(url(), receiver, direct[0]!.id);
      const gifts = history.filter((m) => m.system?.event === 'GIFT_SENT');
      assert.equal(gifts.length, 1, JSON.stringify(history));
      const [m] = gifts;
      assert.equal(m?.senderId, giver.userId);
      assert.equal(m?.content, "선물하는이님이 받는이님에게 '춤추는 곰' 이모티콘을 선물했습니다.");
      assert.deepEqual(m?.system?.gift, { orderId, itemId, itemTitle: '춤추는 곰', message: '생일 축하해' });
      // The same room as POST /api/rooms/direct finds.
      const found = await api<RoomDetail>(url(), 'POST', '/api/rooms/direct', giver.token, {
        targetUserId: receiver.userId,
      });
      assert.deepEqual([found.status, found.body.id], [200, direct[0]!.id]);
    });
  },
  { env: { CHAT_SEND_RATE_PER_SEC: '1000', CHAT_SEND_BURST: '1000' } },
);
