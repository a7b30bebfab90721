import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { ChangesPage, ChatMessage as Message, MessageChange, RoomSummary } from '@chat/contracts';
import { deployments, useDeployment } from './deployments.ts';
import { api, signup, type TestUser } from './harness.ts';

/** Unsend closes 2 s after sending here, so that "too late" is reached in a test. */
const UNSEND_WINDOW_SEC = 2;
const ENV = {
  MESSAGE_UNSEND_WINDOW_SEC: String(UNSEND_WINDOW_SEC),
};

for (const [name, start, skip] of await deployments('message changes')) {
  describe(`message changes and replies: edit, unsend, reactions, quotes (${name})`, { skip }, () => {
    const { d, stomp } = useDeployment(start, ENV);

    /** A and B in a room of their own; A's messages sent over STOMP (receipted). */
    async function pair() {
      const [a, b] = [await signup(d.urlA, '앨리스'), await signup(d.urlB, '밥')];
      const res = await api<{ id: number }>(d.urlA, 'POST', '/api/rooms/group', a.token, {
        name: 'changes',
        memberIds: [b.userId],
      });
      assert.equal(res.status, 201);
      const roomId = res.body.id;
      const ca = await stomp(d.urlA, a);
      const mine = await ca.subscribe<Message>(`/topic/room.${roomId}`);
      const send = async (content: string) => {
        await ca.sendWithReceipt('/app/chat.send', { roomId, content });
        return mine.find((m) => m.content === content);
      };
      return { a, b, roomId, send };
    }

    const history = async (user: TestUser, roomId: number, url = d.urlB) => {
      const res = await api<{ messages: Message[]; lastChangeSeq: number }>(
        url,
        'GET',
        `/api/rooms/${roomId}/messages?size=100`,
        user.token,
      );
      assert.equal(res.status, 200);
      return res.body;
    };
    const changesAfter = async (user: TestUser, roomId: number, after: number) => {
      const res = await api<ChangesPage>(
        d.urlB,
        'GET',
        `/api/rooms/${roomId}/changes?afterChangeSeq=${after}`,
        user.token,
      );
      assert.equal(res.status, 200);
      return res.body;
    };
    const edit = (user: TestUser, roomId: number, id: number, body: unknown, url = d.urlA) =>
      api<{ changeKey: string; message: string }>(
        url,
        'PATCH',
        `/api/rooms/${roomId}/messages/${id}`,
        user.token,
        body,
      );
    const unsend = (user: TestUser, roomId: number, id: number, query = '') =>
      api<{ message: string }>(d.urlA, 'DELETE', `/api/rooms/${roomId}/messages/${id}${query}`, user.token);

    test('an edit reaches the other member live on the changes topic, and history shows it edited', async () => {
      const { a, b, roomId, send } = await pair();
      const sent = await send('오타가 있는 메세지');
      const live = await (await stomp(d.urlB, b)).subscribe<MessageChange>(`/topic/room.${roomId}.changes`);
      const res = await edit(a, roomId, sent.id, { content: '오타를 고친 메시지 ✏️' });
      assert.equal(res.status, 202);
      const change = await live.find((c) => c.message.id === sent.id);
      assert.equal(change.kind, 'EDITED');
      assert.equal(change.changeSeq, 1);
      assert.equal(change.message.content, '오타를 고친 메시지 ✏️');
      assert.equal(change.message.version, 1);
      assert.ok(change.message.editedAt);
      assert.equal(change.message.deletedAt, undefined);
      assert.equal(change.message.seq, sent.seq, 'the message keeps its place');
      const page = await history(b, roomId);
      assert.deepEqual(
        page.messages.find((m) => m.id === sent.id),
        change.message,
      );
      assert.equal(page.lastChangeSeq, 1);
    });

    test('unsend leaves a tombstone in place: no content, deletedAt set, out of search', async () => {
      const { a, b, roomId, send } = await pair();
      const sent = await send('지울 비밀 메시지');
      const after = await send('남는 메시지');
      const live = await (await stomp(d.urlB, b)).subscribe<MessageChange>(`/topic/room.${roomId}.changes`);
      assert.equal((await unsend(a, roomId, sent.id)).status, 202);
      const change = await live.find((c) => c.message.id === sent.id);
      assert.equal(change.kind, 'UNSENT');
      assert.equal(change.message.content, '');
      assert.ok(change.message.deletedAt);
      const page = await history(b, roomId);
      assert.deepEqual(
        page.messages.map((m) => [m.seq, m.content]),
        [
          [after.seq, '남는 메시지'],
          [sent.seq, ''],
        ],
      );
      const found = await api<Message[]>(
        d.urlB,
        'GET',
        `/api/rooms/${roomId}/messages/search?q=비밀`,
        b.token,
      );
      assert.deepEqual(found.body, []);
    });

    test('changes made while a member is away are caught up once each, in their latest state', async () => {
      const { a, b, roomId, send } = await pair();
      const [m1, m2, m3] = [await send('하나'), await send('둘'), await send('셋')];
      // B loaded the room (its change position), then went away.
      const { messages, lastChangeSeq } = await history(b, roomId);
      const local = new Map(messages.map((m) => [m.id, m]));
      const ca = await stomp(d.urlA, a);
      const aChanges = await ca.subscribe<MessageChange>(`/topic/room.${roomId}.changes`);
      for (const body of [{ content: '하나 (1)' }, { content: '하나 (2)' }]) {
        assert.equal((await edit(a, roomId, m1.id, body)).status, 202);
      }
      assert.equal((await unsend(a, roomId, m2.id)).status, 202);
      assert.equal((await edit(a, roomId, m3.id, { content: '셋!' })).status, 202);
      await aChanges.count(4);

      const page = await changesAfter(b, roomId, lastChangeSeq);
      assert.equal(page.hasMore, false);
      assert.equal(page.lastChangeSeq, 4);
      assert.deepEqual(
        page.changes.map((c) => [c.changeSeq, c.kind, c.message.id, c.message.content, c.message.version]),
        [
          [2, 'EDITED', m1.id, '하나 (2)', 2],
          [3, 'UNSENT', m2.id, '', 1],
          [4, 'EDITED', m3.id, '셋!', 1],
        ],
        'each changed message once, at its latest change',
      );
      // A client applies a change over a lower version only: catching up twice (a replay) and
      // the live events arriving late change nothing more.
      const apply = (c: MessageChange) => {
        const have = local.get(c.message.id);
        if (have && (have.version ?? 0) < (c.message.version ?? 0)) local.set(c.message.id, c.message);
      };
      for (const c of [...page.changes, ...(await changesAfter(b, roomId, lastChangeSeq)).changes]) apply(c);
      for (const c of aChanges.items) apply(c);
      const bySeq = [...local.values()].sort((x, y) => x.seq - y.seq);
      assert.deepEqual(bySeq, (await history(b, roomId)).messages.slice().reverse());
    });

    test('a retried change (same changeKey) is applied once', async () => {
      const { a, b, roomId, send } = await pair();
      const sent = await send('한 번만');
      const changeKey = randomUUID();
      const body = { content: '한 번만 고침', changeKey };
      const [r1, r2] = await Promise.all([edit(a, roomId, sent.id, body), edit(a, roomId, sent.id, body)]);
      assert.deepEqual([r1.status, r2.status], [202, 202]);
      assert.equal(
        (await unsend(a, roomId, sent.id, `?changeKey=${changeKey}`)).status,
        202,
        'a key names one change',
      );
      await send('다음'); // stored after the changes: the room's log keeps their order
      const page = await changesAfter(b, roomId, 0);
      assert.deepEqual(
        page.changes.map((c) => [c.changeSeq, c.message.content, c.message.version]),
        [[1, '한 번만 고침', 1]],
      );
    });

    test('a concurrent edit and unsend end unsent, the same on every node and in history', async () => {
      const { a, b, roomId, send } = await pair();
      const sent = await send('경쟁');
      const liveB = await (await stomp(d.urlB, b)).subscribe<MessageChange>(`/topic/room.${roomId}.changes`);
      const results = await Promise.all([
        edit(a, roomId, sent.id, { content: '고침' }),
        unsend(a, roomId, sent.id),
      ]);
      assert.equal(results[1].status, 202);
      const gone = await liveB.find((c) => c.kind === 'UNSENT');
      assert.equal(gone.message.content, '');
      const stored = (await history(b, roomId, d.urlA)).messages.find((m) => m.id === sent.id);
      assert.deepEqual(stored, gone.message);
      // It was the room's last message: the room list shows it unsent too.
      const list = await api<RoomSummary[]>(d.urlB, 'GET', '/api/rooms', b.token);
      const last = list.body.find((r) => r.id === roomId)?.lastMessage;
      assert.deepEqual([last?.id, last?.content, last?.deletedAt], [sent.id, '', gone.message.deletedAt]);
    });

    test('a reply quotes its message as it is now: edited, then unsent', async () => {
      const { a, b, roomId, send } = await pair();
      const original = await send('저녁 7시 어때요?');
      const cb = await stomp(d.urlB, b);
      const liveB = await cb.subscribe<Message>(`/topic/room.${roomId}`);
      await cb.sendWithReceipt('/app/chat.send', { roomId, content: '좋아요!', replyToId: original.id });
      const reply = await liveB.find((m) => m.content === '좋아요!');
      assert.deepEqual(reply.replyTo, {
        id: original.id,
        seq: original.seq,
        senderId: a.userId,
        senderNickname: '앨리스',
        content: '저녁 7시 어때요?',
        type: 'TEXT',
        deletedAt: null,
      });
      const quoteNow = async () =>
        (await history(a, roomId, d.urlA)).messages.find((m) => m.id === reply.id)?.replyTo;
      const changes = await (await stomp(d.urlA, a)).subscribe<MessageChange>(
        `/topic/room.${roomId}.changes`,
      );
      assert.equal((await edit(a, roomId, original.id, { content: '저녁 8시 어때요?' })).status, 202);
      await changes.count(1);
      assert.equal((await quoteNow())?.content, '저녁 8시 어때요?');
      assert.equal((await unsend(a, roomId, original.id)).status, 202);
      await changes.count(2);
      const gone = await quoteNow();
      assert.deepEqual([gone?.content, typeof gone?.deletedAt], ['', 'string']);
    });

    test('a reply to a message of another room, or to an unsent one, is refused and not stored', async () => {
      const { a, b, roomId, send } = await pair();
      const elsewhere = await pair();
      const theirs = await elsewhere.send('다른 방');
      const gone = await send('지운 메시지');
      const changes = await (await stomp(d.urlA, a)).subscribe<MessageChange>(
        `/topic/room.${roomId}.changes`,
      );
      assert.equal((await unsend(a, roomId, gone.id)).status, 202);
      await changes.count(1);
      const cb = await stomp(d.urlB, b);
      for (const [replyToId, code] of [
        [theirs.id, 'INVALID_PAYLOAD'],
        [gone.id, 'MESSAGE_UNSENT'],
        [999_999_999, 'INVALID_PAYLOAD'],
        ['1', 'INVALID_PAYLOAD'],
      ] as const) {
        const messageKey = randomUUID();
        cb.send('/app/chat.send', { roomId, content: '답장', replyToId, messageKey });
        const error = await cb.errors.find((e) => e.messageKey === messageKey);
        assert.equal(error.code, code, String(replyToId));
      }
      await send('끝');
      const contents = (await history(b, roomId)).messages.map((m) => m.content);
      assert.ok(!contents.includes('답장'), 'nothing stored');
    });

    test('delete for me hides a message from my view only; my other reads agree', async () => {
      const { a, b, roomId, send } = await pair();
      const hiddenOne = await send('나만 안 볼 메시지');
      const kept = await send('남는 메시지');
      const hide = (user: TestUser, id: number, room = roomId) =>
        api<{ message: string }>(d.urlB, 'POST', `/api/rooms/${room}/messages/${id}/hide`, user.token);
      // B's other tab (on the other node) hears of it on the room-list queue.
      const otherTab = await (await stomp(d.urlA, b)).subscribe<Record<string, unknown>>('/user/queue/rooms');
      assert.equal((await hide(b, hiddenOne.id)).status, 204);
      assert.deepEqual(await otherTab.find((e) => e.type === 'MESSAGE_HIDDEN'), {
        type: 'MESSAGE_HIDDEN',
        roomId,
        messageId: hiddenOne.id,
      });
      assert.equal((await hide(b, hiddenOne.id)).status, 204, 'again: no effect');
      const mine = await history(b, roomId);
      assert.deepEqual(
        mine.messages.map((m) => [m.id, m.content, m.hidden ?? false]),
        [
          [kept.id, '남는 메시지', false],
          [hiddenOne.id, '', true],
        ],
        'in place (seqs stay contiguous), without its text',
      );
      const catchUp = await api<{ messages: Message[] }>(
        d.urlB,
        'GET',
        `/api/rooms/${roomId}/messages?afterSeq=0`,
        b.token,
      );
      assert.equal(catchUp.body.messages.find((m) => m.id === hiddenOne.id)?.content, '');
      const found = await api<Message[]>(
        d.urlB,
        'GET',
        `/api/rooms/${roomId}/messages/search?q=${encodeURIComponent('안 볼')}`,
        b.token,
      );
      assert.deepEqual(found.body, []);
      const theirs = await history(a, roomId, d.urlA);
      assert.equal(
        theirs.messages.find((m) => m.id === hiddenOne.id)?.content,
        '나만 안 볼 메시지',
        'others still see it',
      );

      const outsider = await signup(d.urlA);
      const elsewhere = await pair();
      const other = await elsewhere.send('다른 방');
      for (const [what, res, status] of [
        ['another room’s message', hide(b, other.id), 404],
        ['a non-member', hide(outsider, kept.id), 403],
        ['a malformed id', api(d.urlB, 'POST', `/api/rooms/${roomId}/messages/x/hide`, b.token), 400],
        ['no token', api(d.urlB, 'POST', `/api/rooms/${roomId}/messages/${kept.id}/hide`), 401],
      ] as const) {
        assert.equal((await res).status, status, what);
      }
    });

    test('concurrent reactions of 20 members converge to the same counts on every node and in history', async () => {
      const { a, roomId, send } = await pair();
      const others = await Promise.all(
        Array.from({ length: 19 }, (_, i) => signup(i % 2 ? d.urlA : d.urlB, `member-${i}`)),
      );
      const invite = await api(d.urlA, 'POST', `/api/rooms/${roomId}/members`, a.token, {
        userIds: others.map((o) => o.userId),
      });
      assert.equal(invite.status, 200);
      const target = await send('공감해 주세요');
      const watchA = await (await stomp(d.urlA, a)).subscribe<MessageChange>(`/topic/room.${roomId}.changes`);
      const watchB = await (await stomp(d.urlB, others[0]!)).subscribe<MessageChange>(
        `/topic/room.${roomId}.changes`,
      );
      const members = [a, ...others];
      const path = `/api/rooms/${roomId}/messages/${target.id}/reaction`;
      // Everyone at once, through both nodes: even ones HEART, odd ones LIKE.
      const first = await Promise.all(
        members.map((m, i) =>
          api(i % 2 ? d.urlA : d.urlB, 'PUT', path, m.token, { reaction: i % 2 ? 'LIKE' : 'HEART' }),
        ),
      );
      assert.deepEqual(new Set(first.map((r) => r.status)), new Set([202]));
      // Then, again at once: five switch to CHECK, five take theirs back.
      const second = await Promise.all([
        ...members.slice(0, 5).map((m) => api(d.urlB, 'PUT', path, m.token, { reaction: 'CHECK' })),
        ...members.slice(5, 10).map((m) => api(d.urlA, 'DELETE', path, m.token)),
      ]);
      assert.deepEqual(new Set(second.map((r) => r.status)), new Set([202]));
      await send('끝'); // stored after every reaction: the room's log keeps their order

      const expected = new Map<string, number[]>();
      members.forEach((m, i) => {
        const reaction = i < 5 ? 'CHECK' : i < 10 ? null : i % 2 ? 'LIKE' : 'HEART';
        if (reaction) expected.set(reaction, [...(expected.get(reaction) ?? []), m.userId]);
      });
      const summary = (m: Message | undefined) =>
        Object.fromEntries(
          (m?.reactions ?? []).map((r) => [r.reaction, [r.count, [...r.userIds].sort((x, y) => x - y)]]),
        );
      const want = Object.fromEntries(
        [...expected].map(([r, ids]) => [r, [ids.length, ids.sort((x, y) => x - y)]]),
      );
      const stored = (await history(a, roomId)).messages.find((m) => m.id === target.id);
      assert.deepEqual(summary(stored), want, 'history');
      assert.equal(stored?.version, 30, 'one version per effective change (20 set, 5 switched, 5 removed)');
      for (const [node, watch] of [
        ['A', watchA],
        ['B', watchB],
      ] as const) {
        const last = await watch.find((c) => c.message.version === 30);
        assert.deepEqual(summary(last.message), want, `live on node ${node}`);
        assert.deepEqual(
          watch.items.map((c) => c.changeSeq),
          Array.from({ length: 30 }, (_, i) => i + 1),
          `node ${node}: every change once, in order`,
        );
      }
      const reactions = await api<{ reactions: string[] }>(d.urlB, 'GET', '/api/rooms/reactions', a.token);
      assert.deepEqual(reactions.body.reactions, ['HEART', 'LIKE', 'CHECK', 'SMILE', 'SURPRISED', 'SAD']);
    });

    test('bad reactions get the contract error and change nothing', async () => {
      const { a, b, roomId, send } = await pair();
      const kept = await send('그대로');
      const gone = await send('지움');
      const outsider = await signup(d.urlA);
      const path = (id: number) => `/api/rooms/${roomId}/messages/${id}/reaction`;
      const liveB = await (await stomp(d.urlB, b)).subscribe<MessageChange>(`/topic/room.${roomId}.changes`);
      assert.equal((await unsend(a, roomId, gone.id)).status, 202);
      await liveB.find((c) => c.message.id === gone.id);
      const cases: [string, Promise<{ status: number; body: { message: string } }>, number, RegExp][] = [
        [
          'an unknown reaction',
          api(d.urlB, 'PUT', path(kept.id), b.token, { reaction: 'ANGRY' }),
          400,
          /one of/,
        ],
        [
          'a malformed reaction',
          api(d.urlB, 'PUT', path(kept.id), b.token, { reaction: '❤️' }),
          400,
          /reaction/,
        ],
        ['no reaction', api(d.urlB, 'PUT', path(kept.id), b.token, {}), 400, /reaction/],
        [
          'an unsent message',
          api(d.urlB, 'PUT', path(gone.id), b.token, { reaction: 'HEART' }),
          409,
          /unsent/,
        ],
        [
          'a non-member',
          api(d.urlA, 'PUT', path(kept.id), outsider.token, { reaction: 'HEART' }),
          403,
          /not a member/,
        ],
        [
          'an unknown message',
          api(d.urlB, 'PUT', path(999_999_999), b.token, { reaction: 'HEART' }),
          404,
          /not found/,
        ],
      ];
      for (const [what, res, status, message] of cases) {
        const r = await res;
        assert.equal(r.status, status, what);
        assert.match(r.body.message, message, what);
      }
      // Removing a reaction I never set is accepted and changes nothing.
      assert.equal((await api(d.urlB, 'DELETE', path(kept.id), b.token)).status, 202);
      await send('다음');
      const stored = (await history(b, roomId)).messages.find((m) => m.id === kept.id);
      assert.deepEqual([stored?.version, stored?.reactions], [undefined, undefined], 'as sent');
    });

    test('bad changes get the contract error and change nothing', async () => {
      const { a, b, roomId, send } = await pair();
      const sent = await send('원래 그대로');
      const other = await send('다른 것');
      const outsider = await signup(d.urlA);
      const liveB = await (await stomp(d.urlB, b)).subscribe<MessageChange>(`/topic/room.${roomId}.changes`);
      const cases: [string, Promise<{ status: number; body: { message: string } }>, number, RegExp][] = [
        ['someone else edits', edit(b, roomId, sent.id, { content: 'x' }, d.urlB), 403, /sender/],
        [
          'someone else unsends',
          api(d.urlB, 'DELETE', `/api/rooms/${roomId}/messages/${sent.id}`, b.token),
          403,
          /sender/,
        ],
        ['a non-member', edit(outsider, roomId, sent.id, { content: 'x' }), 403, /not a member/],
        ['an unknown message', edit(a, roomId, 999_999_999, { content: 'x' }), 404, /not found/],
        ['empty content', edit(a, roomId, sent.id, { content: '  ' }), 400, /empty/],
        ['content too long', edit(a, roomId, sent.id, { content: 'x'.repeat(5001) }), 400, /longer/],
        ['control characters', edit(a, roomId, sent.id, { content: 'a\u0000b' }), 400, /content/],
        ['no content', edit(a, roomId, sent.id, {}), 400, /content/],
        ['a bad changeKey', edit(a, roomId, sent.id, { content: 'x', changeKey: 'a b' }), 400, /changeKey/],
        [
          'a malformed id',
          api(d.urlA, 'PATCH', `/api/rooms/${roomId}/messages/abc`, a.token, { content: 'x' }),
          400,
          /messageId/,
        ],
        [
          'no token',
          api(d.urlA, 'PATCH', `/api/rooms/${roomId}/messages/${sent.id}`, undefined, { content: 'x' }),
          401,
          /./,
        ],
        [
          'changes without a position',
          api(d.urlA, 'GET', `/api/rooms/${roomId}/changes`, a.token),
          400,
          /afterChangeSeq/,
        ],
        [
          'changes of a room not mine',
          api(d.urlA, 'GET', `/api/rooms/${roomId}/changes?afterChangeSeq=0`, outsider.token),
          403,
          /not a member/,
        ],
      ];
      for (const [what, res, status, message] of cases) {
        const r = await res;
        assert.equal(r.status, status, what);
        assert.match(r.body.message, message, what);
      }
      // Another room's message through this room's path: not found here.
      const elsewhere = await pair();
      const theirs = await elsewhere.send('다른 방');
      assert.equal((await edit(a, roomId, theirs.id, { content: 'x' })).status, 404);

      // Unsent, it cannot change any more; past the window, it cannot be unsent.
      assert.equal((await unsend(a, roomId, other.id)).status, 202);
      await liveB.find((c) => c.message.id === other.id);
      const again = await unsend(a, roomId, other.id);
      assert.deepEqual(
        [again.status, again.body.message],
        [409, 'The message was unsent; it cannot change any more'],
      );
      assert.equal((await edit(a, roomId, other.id, { content: 'x' })).status, 409);
      const closesAt = sent.timestamp + UNSEND_WINDOW_SEC * 1000 + 50;
      await new Promise((r) => setTimeout(r, Math.max(0, closesAt - Date.now()))); // the clock must pass it
      const late = await unsend(a, roomId, sent.id);
      assert.deepEqual(
        [late.status, late.body.message],
        [409, 'A message can be unsent only within 2 seconds of sending'],
      );

      const stored = (await history(b, roomId)).messages.find((m) => m.id === sent.id);
      assert.deepEqual(
        [stored?.content, stored?.version, stored?.editedAt, stored?.deletedAt],
        ['원래 그대로', undefined, undefined, undefined],
        'unchanged: the plain shape it was sent with',
      );
      const health = await fetch(`${d.urlA}/actuator/health`);
      assert.equal(health.status, 200);
    });
  });
}
