import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { ChatMessage as Message, RoomDetail, RoomEvent, RoomSummary } from '@chat/contracts';
import { deployments, useDeployment } from './deployments.ts';
import { api, signup, type TestUser } from './harness.ts';

for (const [name, start, skip] of await deployments('room administration')) {
  describe(`room administration and system messages (${name})`, { skip }, () => {
    const { d, stomp } = useDeployment(start, {});

    /** Owner A (node A) with B and C (node B) in a group; B watches the room live. */
    async function group() {
      const [a, b, c] = [
        await signup(d.urlA, '방장'),
        await signup(d.urlB, '비'),
        await signup(d.urlB, '씨'),
      ];
      const res = await api<RoomDetail>(d.urlA, 'POST', '/api/rooms/group', a.token, {
        name: '우리 방',
        memberIds: [b.userId, c.userId],
      });
      assert.equal(res.status, 201);
      const roomId = res.body.id;
      const cc = await stomp(d.urlB, c);
      const live = await cc.subscribe<Message>(`/topic/room.${roomId}`);
      return { a, b, c, roomId, live, cc };
    }

    const call = <T = { message: string }>(
      user: TestUser,
      method: string,
      path: string,
      body?: unknown,
      url = d.urlA,
    ) => api<T>(url, method, path, user.token, body);
    const list = async (user: TestUser) =>
      (await call<RoomSummary[]>(user, 'GET', '/api/rooms', undefined, d.urlB)).body;

    test('membership and room changes post SYSTEM messages in the room order, live and in history', async () => {
      const { a, b, c, roomId, live } = await group();
      const outsider = await signup(d.urlA, '디');
      assert.equal(
        (await call(a, 'POST', `/api/rooms/${roomId}/members`, { userIds: [outsider.userId] })).status,
        200,
      );
      assert.equal(
        (await call(b, 'DELETE', `/api/rooms/${roomId}/members/me`, undefined, d.urlB)).status,
        204,
      );
      assert.equal((await call(a, 'PATCH', `/api/rooms/${roomId}`, { name: '  새 이름 ' })).status, 200);
      const handed = await call<RoomDetail>(a, 'POST', `/api/rooms/${roomId}/owner`, { userId: c.userId });
      assert.equal(handed.status, 200);
      assert.deepEqual(
        handed.body.members.filter((m) => m.role === 'OWNER').map((m) => m.userId),
        [c.userId],
        'one owner, the new one',
      );
      await live.count(4);
      assert.deepEqual(
        live.items.map((m) => [m.seq, m.type, m.system?.event, m.content]),
        [
          [1, 'SYSTEM', 'MEMBERS_INVITED', '방장님이 디님을 초대했습니다.'],
          [2, 'SYSTEM', 'MEMBER_LEFT', '비님이 나갔습니다.'],
          [3, 'SYSTEM', 'ROOM_RENAMED', "방장님이 채팅방 이름을 '새 이름'(으)로 바꿨습니다."],
          [4, 'SYSTEM', 'OWNER_CHANGED', '씨님이 방장이 되었습니다.'],
        ],
      );
      assert.deepEqual(live.items[0]?.system, {
        event: 'MEMBERS_INVITED',
        actor: { userId: a.userId, nickname: '방장' },
        users: [{ userId: outsider.userId, nickname: '디' }],
      });
      const history = await call<{ messages: Message[] }>(
        c,
        'GET',
        `/api/rooms/${roomId}/messages`,
        undefined,
        d.urlB,
      );
      assert.deepEqual(history.body.messages.slice().reverse(), live.items);
      // Now C owns it: A's administration is refused.
      const refused = await call(a, 'PATCH', `/api/rooms/${roomId}`, { name: 'x' });
      assert.deepEqual([refused.status, refused.body.message], [403, 'Only the room owner can do this']);
    });

    test('the owner removes a member: their subscription ends, the room leaves their list', async () => {
      const { a, b, roomId, live } = await group();
      const cb = await stomp(d.urlB, b);
      await cb.subscribe(`/topic/room.${roomId}`);
      assert.equal((await call(a, 'DELETE', `/api/rooms/${roomId}/members/${b.userId}`)).status, 204);
      const ended = await cb.errors.find((e) => e.code === 'NOT_A_MEMBER');
      assert.equal(ended.roomId, roomId);
      assert.ok(!(await list(b)).some((r) => r.id === roomId));
      const removed = await live.find((m) => m.system?.event === 'MEMBER_REMOVED');
      assert.deepEqual(removed.system?.users, [{ userId: b.userId, nickname: '비' }]);
    });

    test('an owner who leaves hands the group to the member who joined first', async () => {
      const { a, b, roomId, live } = await group();
      assert.equal((await call(a, 'DELETE', `/api/rooms/${roomId}/members/me`)).status, 204);
      const changed = await live.find((m) => m.system?.event === 'OWNER_CHANGED');
      assert.deepEqual(
        changed.system?.users.map((u) => u.userId),
        [b.userId],
      );
      const detail = await call<RoomDetail>(b, 'GET', `/api/rooms/${roomId}`, undefined, d.urlB);
      assert.equal(detail.body.members.find((m) => m.role === 'OWNER')?.userId, b.userId);
    });

    test('a closed room stays readable and takes nothing new', async () => {
      const { a, c, roomId, live, cc } = await group();
      await cc.sendWithReceipt('/app/chat.send', { roomId, content: '닫기 전' });
      const before = await live.find((m) => m.content === '닫기 전');
      assert.equal((await call(a, 'DELETE', `/api/rooms/${roomId}`)).status, 204);
      await live.find((m) => m.system?.event === 'ROOM_CLOSED');
      const messageKey = randomUUID();
      cc.send('/app/chat.send', { roomId, content: '닫힌 뒤', messageKey });
      assert.equal((await cc.errors.find((e) => e.messageKey === messageKey)).code, 'ROOM_CLOSED');
      const edit = await call(
        c,
        'PATCH',
        `/api/rooms/${roomId}/messages/${before.id}`,
        { content: 'x' },
        d.urlB,
      );
      assert.equal(edit.status, 409);
      const invite = await call(a, 'POST', `/api/rooms/${roomId}/members`, { userIds: [c.userId] });
      assert.deepEqual([invite.status, invite.body.message.includes('closed')], [409, true]);
      const listed = (await list(c)).find((r) => r.id === roomId);
      assert.equal(typeof listed?.closedAt, 'string');
      const history = await call<{ messages: Message[] }>(
        c,
        'GET',
        `/api/rooms/${roomId}/messages`,
        undefined,
        d.urlB,
      );
      assert.deepEqual(
        history.body.messages.map((m) => m.content),
        ['방장님이 채팅방을 닫았습니다.', '닫기 전'],
      );
      assert.equal(
        (await call(c, 'DELETE', `/api/rooms/${roomId}/members/me`, undefined, d.urlB)).status,
        204,
        'leaving still works',
      );
    });

    test('bad administration gets the contract error and changes nothing', async () => {
      const { a, b, c, roomId } = await group();
      const direct = await call<RoomDetail>(a, 'POST', '/api/rooms/direct', { targetUserId: b.userId });
      const outsider = await signup(d.urlA);
      const cases: [string, ReturnType<typeof call>, number][] = [
        ['a member renames', call(b, 'PATCH', `/api/rooms/${roomId}`, { name: 'x' }, d.urlB), 403],
        [
          'a member removes',
          call(b, 'DELETE', `/api/rooms/${roomId}/members/${c.userId}`, undefined, d.urlB),
          403,
        ],
        [
          'a member hands over',
          call(b, 'POST', `/api/rooms/${roomId}/owner`, { userId: b.userId }, d.urlB),
          403,
        ],
        ['a member closes', call(b, 'DELETE', `/api/rooms/${roomId}`, undefined, d.urlB), 403],
        ['an outsider', call(outsider, 'PATCH', `/api/rooms/${roomId}`, { name: 'x' }), 403],
        ['an empty name', call(a, 'PATCH', `/api/rooms/${roomId}`, { name: '   ' }), 400],
        ['a long name', call(a, 'PATCH', `/api/rooms/${roomId}`, { name: '가'.repeat(101) }), 400],
        [
          'a javascript: image',
          call(a, 'PATCH', `/api/rooms/${roomId}`, { imageUrl: 'javascript:alert(1)' }),
          400,
        ],
        ['removing myself', call(a, 'DELETE', `/api/rooms/${roomId}/members/${a.userId}`), 400],
        ['removing a non-member', call(a, 'DELETE', `/api/rooms/${roomId}/members/${outsider.userId}`), 404],
        [
          'handing over to a non-member',
          call(a, 'POST', `/api/rooms/${roomId}/owner`, { userId: outsider.userId }),
          404,
        ],
        ['a direct room', call(a, 'PATCH', `/api/rooms/${direct.body.id}`, { name: 'x' }), 400],
        ['an unknown room', call(a, 'DELETE', '/api/rooms/999999999'), 404],
        [
          'settings of a room not mine',
          call(outsider, 'PATCH', `/api/rooms/${roomId}/settings`, { muted: true }),
          403,
        ],
        ['a bad setting', call(a, 'PATCH', `/api/rooms/${roomId}/settings`, { muted: 'yes' }), 400],
      ];
      for (const [what, res, status] of cases) assert.equal((await res).status, status, what);
      const detail = await call<RoomDetail>(a, 'GET', `/api/rooms/${roomId}`);
      assert.equal(detail.body.name, '우리 방');
      assert.equal(detail.body.members.length, 3);
      assert.equal(detail.body.members.find((m) => m.role === 'OWNER')?.userId, a.userId);
    });

    test("a member's own settings: pinned first, muted shown, hidden until a newer message", async () => {
      const { a, b, roomId, cc } = await group();
      const other = await call<RoomDetail>(a, 'POST', '/api/rooms/group', {
        name: '다른 방',
        memberIds: [b.userId],
      });
      const settings = (body: unknown) =>
        call<RoomSummary>(b, 'PATCH', `/api/rooms/${roomId}/settings`, body, d.urlB);
      const pinned = await settings({ pinned: true, muted: true });
      assert.deepEqual([pinned.status, pinned.body.pinned, pinned.body.muted], [200, true, true]);
      assert.deepEqual(
        (await list(b)).map((r) => r.id),
        [roomId, other.body.id],
        'the pinned room first, though the other is newer',
      );
      assert.equal((await settings({ hidden: true })).status, 200);
      assert.ok(!(await list(b)).some((r) => r.id === roomId), 'hidden');
      const bc = await stomp(d.urlB, b);
      const events = await bc.subscribe<RoomEvent>('/user/queue/rooms');
      const seen = await bc.subscribe<Message>(`/topic/room.${roomId}`);
      await cc.sendWithReceipt('/app/chat.send', { roomId, content: '새 메시지' });
      await seen.find((m) => m.content === '새 메시지'); // stored (and the lists' caches bumped) before it goes out
      // B's open client is told: the room is back in its list, with the message that brought it.
      const added = await events.find((e) => e.type === 'ROOM_ADDED' && e.roomId === roomId);
      assert.equal(added.type === 'ROOM_ADDED' && added.room.lastMessage?.content, '새 메시지');
      assert.ok(
        (await list(b)).some((r) => r.id === roomId),
        'back with the newer message',
      );
      assert.equal((await list(a)).find((r) => r.id === roomId)?.muted, false, "one member's settings only");
    });
  });
}
