// KakaoTalk's per-message unread number is derived by clients from read positions (the room
// detail's `lastReadMessageId`, then `/topic/room.{id}.receipts`). This suite checks that the
// three ways of knowing it agree after a mixed history (reads over STOMP and REST, edits,
// an unsend, an invitation, replies, mentions, a member who leaves, a delete-for-me):
// a member who watched it all live, a member who loads the room afterwards, and a
// recomputation from the database. The room list's unread counts agree with the same marks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChatMessage as Message, ReadReceipt, RoomDetail, RoomSummary } from '@chat/contracts';
import { deployments, useDeployment } from './deployments.ts';
import { api, signup, type TestUser } from './harness.ts';
import { type Collector, connectStomp, type TestStomp } from './stomp-client.ts';

type Positions = Map<number, number | null>;

/** The contract's rule: the members whose read position is below a message's id. */
function unreadNumbers(positions: Positions, messages: readonly Message[]): Map<number, number> {
  const marks = new Map<number, number>();
  for (const [userId, id] of positions) marks.set(userId, id ?? 0);
  // A sender has read their message, receipt or not.
  for (const m of messages) if ((marks.get(m.senderId) ?? Infinity) < m.id) marks.set(m.senderId, m.id);
  return new Map(messages.map((m) => [m.id, [...marks.values()].filter((mark) => mark < m.id).length]));
}

const positionsOf = (detail: RoomDetail): Positions =>
  new Map(detail.members.map((m) => [m.userId, m.lastReadMessageId]));

/** The membership events after which a client reads the room detail again. */
const MEMBERSHIP = new Set(['MEMBERS_INVITED', 'MEMBER_LEFT', 'MEMBER_REMOVED']);

/**
 * A member watching the room: the detail once, receipts and messages as they come, and the
 * detail again after a membership change (marks only move forward; members who left drop out).
 */
async function watch(url: string, user: TestUser, roomId: number) {
  const stomp = await connectStomp(url, user.token);
  const messages = await stomp.subscribe<Message>(`/topic/room.${roomId}`);
  const receipts: Collector<ReadReceipt> = await stomp.subscribe<ReadReceipt>(
    `/topic/room.${roomId}.receipts`,
  );
  const detail = async () =>
    positionsOf((await api<RoomDetail>(url, 'GET', `/api/rooms/${roomId}`, user.token)).body);
  let positions = await detail();
  let applied = 0;
  let reloads = Promise.resolve();
  const moveForward = (userId: number, id: number) => {
    if (!positions.has(userId)) return;
    const known = positions.get(userId) ?? null;
    if (known === null || known < id) positions.set(userId, id);
  };
  let seen = 0;
  const onMessages = () => {
    for (; seen < messages.items.length; seen++) {
      const event = messages.items[seen]!.system?.event;
      if (event && MEMBERSHIP.has(event)) {
        reloads = reloads.then(async () => {
          // The fresh detail, keeping marks heard meanwhile (members who left drop out).
          const known = positions;
          positions = await detail();
          for (const [userId, id] of known) if (id !== null) moveForward(userId, id);
        });
      }
    }
  };
  return {
    stomp,
    messages,
    /** Until `last` arrived and the marks are at least `marks`: the live numbers. */
    async settle(lastContent: string, marks: ReadonlyMap<number, number>) {
      await messages.find((m) => m.content === lastContent);
      onMessages();
      await reloads;
      await receipts.until(() => {
        for (; applied < receipts.items.length; applied++) {
          const r = receipts.items[applied]!;
          moveForward(r.userId, r.lastReadMessageId);
        }
        return [...marks].every(([userId, id]) => (positions.get(userId) ?? 0) >= id);
      }, 'the read receipts');
      return unreadNumbers(positions, messages.items);
    },
  };
}

for (const [name, start, skip] of await deployments('per-message unread numbers')) {
  describe(`per-message unread numbers: live, history and the database agree (${name})`, { skip }, () => {
    const { d, stomp, track } = useDeployment(start, {});

    test('after reads, edits, an unsend, an invitation, a reply with a mention, a leave and a hide', async () => {
      const a = await signup(d.urlA, '에이');
      const b = await signup(d.urlB, '비');
      const c = await signup(d.urlA, '씨');
      const dd = await signup(d.urlB, '디');
      const e = await signup(d.urlA, '이');
      const created = await api<RoomDetail>(d.urlA, 'POST', '/api/rooms/group', a.token, {
        name: '안 읽은 수',
        memberIds: [b.userId, c.userId, dd.userId],
      });
      assert.equal(created.status, 201);
      const roomId = created.body.id;
      // A watches on node A, B on node B; the others act.
      const aLive = await watch(d.urlA, a, roomId);
      const bLive = await watch(d.urlB, b, roomId);
      track(aLive.stomp, bLive.stomp);
      const [cStomp, eStomp] = [await stomp(d.urlA, c), await stomp(d.urlA, e)];
      const send = async (s: TestStomp, content: string, extra: Record<string, unknown> = {}) => {
        await s.sendWithReceipt('/app/chat.send', { roomId, content, ...extra });
        return aLive.messages.find((m) => m.content === content);
      };
      const call = (user: TestUser, url: string, method: string, path: string, body?: unknown) =>
        api(url, method, `/api/rooms/${roomId}${path}`, user.token, body);

      const a1 = await send(aLive.stomp, '하나');
      const a2 = await send(aLive.stomp, '둘');
      await bLive.stomp.sendWithReceipt('/app/chat.read', { roomId, lastReadMessageId: a1.id });
      const c1 = await send(cStomp, '셋');
      assert.equal((await call(dd, d.urlB, 'POST', '/read', { lastReadMessageId: c1.id })).status, 202);
      assert.equal(
        (await call(a, d.urlA, 'PATCH', `/messages/${a1.id}`, { content: '하나 (고침)' })).status,
        202,
      );
      assert.equal((await call(a, d.urlA, 'DELETE', `/messages/${a2.id}`)).status, 202);
      assert.equal((await call(a, d.urlA, 'POST', '/members', { userIds: [e.userId] })).status, 200);
      await aLive.messages.find((m) => m.system?.event === 'MEMBERS_INVITED');
      const b1 = await send(bLive.stomp, '@씨 넷', { replyToId: c1.id });
      assert.deepEqual(b1.mentions, [c.userId]);
      await eStomp.sendWithReceipt('/app/chat.read', { roomId, lastReadMessageId: b1.id });
      assert.equal((await call(c, d.urlA, 'DELETE', '/members/me')).status, 204);
      await aLive.messages.find((m) => m.system?.event === 'MEMBER_LEFT');
      assert.equal((await call(dd, d.urlB, 'POST', `/messages/${b1.id}/hide`)).status, 204);
      const a3 = await send(aLive.stomp, '다섯');

      const marks = new Map([
        [b.userId, b1.id],
        [dd.userId, c1.id],
        [e.userId, b1.id],
      ]);
      const live = [await aLive.settle('다섯', marks), await bLive.settle('다섯', marks)];

      // Loaded afterwards (on each node): the detail and a history page.
      const loaded = async (user: TestUser, url: string) => {
        const detail = (await api<RoomDetail>(url, 'GET', `/api/rooms/${roomId}`, user.token)).body;
        const page = await api<{ messages: Message[] }>(
          url,
          'GET',
          `/api/rooms/${roomId}/messages?size=100`,
          user.token,
        );
        return unreadNumbers(positionsOf(detail), [...page.body.messages].reverse());
      };
      const history = [await loaded(a, d.urlA), await loaded(e, d.urlB)];

      // From the stored marks: current members whose read seq is below the message's seq.
      const { rows } = await d.db.query<{ id: number | string; unread: number | string }>(
        `select m.id, (select count(*) from chat.room_members rm
                        where rm.room_id = m.room_id and rm.last_read_seq < m.seq) as unread
           from chat.messages m where m.room_id = $1 order by m.seq`,
        [roomId],
      );
      const stored = new Map(rows.map((r) => [Number(r.id), Number(r.unread)]));

      // In order: 하나, 둘 (unsent), 셋, E invited, 넷, C left, 다섯. Members now A, B, D, E;
      // marks: A at 다섯, B and E at 넷, D at 셋.
      const ids = [...stored.keys()];
      assert.equal(ids.length, 7);
      assert.deepEqual([...stored.values()], [0, 0, 0, 1, 1, 3, 3]);
      assert.deepEqual(ids.slice(0, 3), [a1.id, a2.id, c1.id]);
      assert.equal(ids[6], a3.id);
      for (const [i, numbers] of [...live, ...history].entries()) {
        assert.deepEqual(numbers, stored, `view ${i}: ${JSON.stringify([...numbers])}`);
      }

      // The room lists count the same messages, less what is hidden from the member.
      const unreadOf = async (user: TestUser, url: string) =>
        (await api<RoomSummary[]>(url, 'GET', '/api/rooms', user.token)).body.find((r) => r.id === roomId)
          ?.unreadCount;
      assert.deepEqual(
        [
          await unreadOf(a, d.urlA),
          await unreadOf(b, d.urlB),
          await unreadOf(dd, d.urlB),
          await unreadOf(e, d.urlA),
        ],
        [0, 2, 3, 2],
        'B and E: C left and 다섯; D: E invited, C left and 다섯 (넷 is hidden from D)',
      );
    });
  });
}
