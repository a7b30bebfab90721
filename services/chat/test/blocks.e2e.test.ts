import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChatMessage as Message, RoomDetail, RoomEvent, RoomSummary } from '@chat/contracts';
import { deployments, useDeployment } from './deployments.ts';
import { api, signup, type TestUser } from './harness.ts';

for (const [name, start, skip] of await deployments('blocks')) {
  describe(`blocking a user (${name})`, { skip }, () => {
    const { d, stomp } = useDeployment(start, {});
    const call = <T = { message: string }>(
      user: TestUser,
      method: string,
      path: string,
      body?: unknown,
      url = d.urlA,
    ) => api<T>(url, method, path, user.token, body);
    const block = (blocker: TestUser, blocked: TestUser) =>
      call(blocker, 'PUT', `/api/rooms/blocked-users/${blocked.userId}`, undefined, d.urlB);
    const listOf = async (user: TestUser, url = d.urlB) =>
      (await call<RoomSummary[]>(user, 'GET', '/api/rooms', undefined, url)).body;

    test("in a 1:1, the blocked one's messages reach the blocker hidden, unread never grows; they are not told", async () => {
      const [a, b] = [await signup(d.urlA, '에이'), await signup(d.urlB, '비')];
      const room = await call<RoomDetail>(a, 'POST', '/api/rooms/direct', { targetUserId: b.userId });
      const roomId = room.body.id;
      const ca = await stomp(d.urlA, a);
      const aLive = await ca.subscribe<Message>(`/topic/room.${roomId}`);
      const bLive = await (await stomp(d.urlB, b)).subscribe<Message>(`/topic/room.${roomId}`);
      await ca.sendWithReceipt('/app/chat.send', { roomId, content: '차단 전' });
      const beforeBlock = await bLive.find((m) => m.content === '차단 전');

      assert.equal((await block(b, a)).status, 204);
      await ca.sendWithReceipt('/app/chat.send', { roomId, content: '차단 후' });
      const mine = await aLive.find((m) => m.content === '차단 후');
      assert.equal(mine.hidden, undefined, 'the sender sees their message as ever');
      const theirs = await bLive.find((m) => m.id === mine.id);
      assert.deepEqual([theirs.content, theirs.hidden], ['', true], 'the blocker gets it without its text');
      const bHistory = await call<{ messages: Message[] }>(
        b,
        'GET',
        `/api/rooms/${roomId}/messages`,
        undefined,
        d.urlB,
      );
      assert.deepEqual(
        bHistory.body.messages.map((m) => [m.content, m.hidden ?? false]),
        [
          ['', true],
          ['차단 전', false],
        ],
      );
      const bRoom = (await listOf(b)).find((r) => r.id === roomId);
      assert.deepEqual(
        [bRoom?.unreadCount, bRoom?.lastMessage?.content, bRoom?.lastMessage?.hidden],
        [1, '', true],
        'unread: the message from before the block only',
      );
      const aRoom = (await listOf(a, d.urlA)).find((r) => r.id === roomId);
      assert.equal(aRoom?.lastMessage?.content, '차단 후', 'A sees nothing different');
      // Nor does B's read position tell A: B has read neither message, as far as A can see.
      const aDetail = await call<RoomDetail>(a, 'GET', `/api/rooms/${roomId}`, undefined, d.urlA);
      assert.equal(aDetail.body.members.find((m) => m.userId === b.userId)?.lastReadMessageId, null);
      // B reads what B can see: nothing is unread any more.
      assert.equal(
        (await call(b, 'POST', `/api/rooms/${roomId}/read`, { lastReadMessageId: beforeBlock.id }, d.urlB))
          .status,
        202,
      );
      assert.equal((await listOf(b)).find((r) => r.id === roomId)?.unreadCount, 0);

      // Unblocked: new messages arrive again; the ones sent meanwhile stay hidden.
      assert.equal(
        (await call(b, 'DELETE', `/api/rooms/blocked-users/${a.userId}`, undefined, d.urlB)).status,
        204,
      );
      await ca.sendWithReceipt('/app/chat.send', { roomId, content: '해제 후' });
      const again = await bLive.find((m) => m.content === '해제 후');
      assert.equal(again.hidden, undefined);
    });

    test('a 1:1 the blocker hid stays hidden while the blocked one writes; a message after the unblock brings it back', async () => {
      const [a, b] = [await signup(d.urlA, '에이'), await signup(d.urlB, '비')];
      const roomId = (await call<RoomDetail>(a, 'POST', '/api/rooms/direct', { targetUserId: b.userId })).body
        .id;
      const ca = await stomp(d.urlA, a);
      const cb = await stomp(d.urlB, b);
      const bLive = await cb.subscribe<Message>(`/topic/room.${roomId}`);
      const bEvents = await cb.subscribe<RoomEvent>('/user/queue/rooms');
      await ca.sendWithReceipt('/app/chat.send', { roomId, content: '안녕' });
      await bLive.find((m) => m.content === '안녕');
      assert.equal((await block(b, a)).status, 204);
      const hide = await call(b, 'PATCH', `/api/rooms/${roomId}/settings`, { hidden: true }, d.urlB);
      assert.equal(hide.status, 200);

      await ca.sendWithReceipt('/app/chat.send', { roomId, content: '차단 중' });
      const hidden = await bLive.find((m) => m.hidden === true); // stored before it goes out
      assert.ok(!(await listOf(b)).some((r) => r.id === roomId), 'still hidden, after a reload too');

      assert.equal(
        (await call(b, 'DELETE', `/api/rooms/blocked-users/${a.userId}`, undefined, d.urlB)).status,
        204,
      );
      await ca.sendWithReceipt('/app/chat.send', { roomId, content: '해제 후' });
      // The first ROOM_ADDED B hears for the room is the unblocked message's, not the hidden one's.
      const added = await bEvents.find((e) => e.type === 'ROOM_ADDED' && e.roomId === roomId);
      assert.equal(added.type === 'ROOM_ADDED' && added.room.lastMessage?.content, '해제 후');
      assert.ok(hidden.id < (added.type === 'ROOM_ADDED' ? (added.room.lastMessage?.id ?? 0) : 0));
      assert.ok(
        (await listOf(b)).some((r) => r.id === roomId),
        'back in the list',
      );
    });

    test('a blocked user opening a new 1:1 with the blocker makes a room only they are in', async () => {
      const [a, b] = [await signup(d.urlA, '에이'), await signup(d.urlB, '비')];
      assert.equal((await block(b, a)).status, 204);
      const bEvents = await (await stomp(d.urlB, b)).subscribe('/user/queue/rooms');
      const room = await call<RoomDetail>(a, 'POST', '/api/rooms/direct', { targetUserId: b.userId });
      assert.equal(room.status, 201, 'not told');
      assert.deepEqual(
        room.body.members.map((m) => m.userId),
        [a.userId],
      );
      const ca = await stomp(d.urlA, a);
      await ca.sendWithReceipt('/app/chat.send', { roomId: room.body.id, content: '들려요?' });
      assert.ok(!(await listOf(b)).some((r) => r.id === room.body.id), 'not in the blocker list');
      assert.equal(
        (await call(b, 'GET', `/api/rooms/${room.body.id}/messages`, undefined, d.urlB)).status,
        403,
      );
      // Someone else opens a chat with B: B hears of that room, and of no other before it.
      const c = await signup(d.urlA, '씨');
      const cRoom = await call<RoomDetail>(c, 'POST', '/api/rooms/direct', { targetUserId: b.userId });
      await bEvents.find((e) => e.roomId === cRoom.body.id);
      assert.deepEqual(
        bEvents.items.map((e) => e.roomId),
        [cRoom.body.id],
        'no ROOM_ADDED for the room of the one B blocked',
      );
      // Once unblocked, the blocker opens the chat: the room, with what came meanwhile hidden.
      await call(b, 'DELETE', `/api/rooms/blocked-users/${a.userId}`, undefined, d.urlB);
      const opened = await call<RoomDetail>(
        b,
        'POST',
        '/api/rooms/direct',
        { targetUserId: a.userId },
        d.urlB,
      );
      assert.deepEqual([opened.status, opened.body.id], [200, room.body.id]);
      const history = await call<{ messages: Message[] }>(
        b,
        'GET',
        `/api/rooms/${room.body.id}/messages`,
        undefined,
        d.urlB,
      );
      assert.deepEqual(
        history.body.messages.map((m) => [m.content, m.hidden]),
        [['', true]],
      );
    });

    test('my block list, and bad blocks', async () => {
      const [a, b, c] = [
        await signup(d.urlA, '에이'),
        await signup(d.urlB, '비'),
        await signup(d.urlB, '씨'),
      ];
      await block(a, b);
      await block(a, c);
      await block(a, b);
      const listed = await call<{ userId: number; nickname: string }[]>(a, 'GET', '/api/rooms/blocked-users');
      assert.deepEqual(
        listed.body.map((x) => [x.userId, x.nickname]).sort(),
        [
          [b.userId, '비'],
          [c.userId, '씨'],
        ].sort(),
      );
      for (const [what, res, status] of [
        ['myself', call(a, 'PUT', `/api/rooms/blocked-users/${a.userId}`), 400],
        ['nobody', call(a, 'PUT', '/api/rooms/blocked-users/999999999'), 404],
        ['a malformed id', call(a, 'PUT', '/api/rooms/blocked-users/x'), 400],
        ['no token', api(d.urlA, 'PUT', `/api/rooms/blocked-users/${b.userId}`), 401],
      ] as const) {
        assert.equal((await res).status, status, what);
      }
    });
  });
}
