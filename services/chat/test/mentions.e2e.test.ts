import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { ChatMessage as Message, RoomSummary } from '@chat/contracts';
import { deployments, useDeployment } from './deployments.ts';
import { api, signup, type TestUser } from './harness.ts';

for (const [name, start, skip] of await deployments('mentions')) {
  describe(`mentions (${name})`, { skip }, () => {
    const { d, stomp } = useDeployment(start, {});

    /** A (on node A) with B and C (on node B) in a group; A's sends are receipted and seen back. */
    async function group() {
      const a = await signup(d.urlA, '앨리스');
      const b = await signup(d.urlB, `밥-${randomUUID().slice(0, 4)}`);
      const c = await signup(d.urlB, '밥 아저씨');
      const res = await api<{ id: number }>(d.urlA, 'POST', '/api/rooms/group', a.token, {
        name: 'mentions',
        memberIds: [b.userId, c.userId],
      });
      assert.equal(res.status, 201);
      const roomId = res.body.id;
      const ca = await stomp(d.urlA, a);
      const live = await ca.subscribe<Message>(`/topic/room.${roomId}`);
      const send = async (body: Record<string, unknown>) => {
        await ca.sendWithReceipt('/app/chat.send', { roomId, ...body });
        return live.find((m) => m.content === body.content);
      };
      return { a, b, c, roomId, ca, send };
    }

    const mentionCount = async (user: TestUser, roomId: number) => {
      const res = await api<RoomSummary[]>(d.urlB, 'GET', '/api/rooms', user.token);
      return res.body.find((r) => r.id === roomId)?.unreadMentionCount;
    };

    test('@nickname mentions a member: on the message, and counted in their room list until read', async () => {
      const { b, c, roomId, send } = await group();
      const m1 = await send({ content: `@${b.nickname} 내일 봐요` });
      assert.deepEqual(m1.mentions, [b.userId]);
      const m2 = await send({ content: '@밥 아저씨 오세요? 그리고 @없는사람' });
      assert.deepEqual(m2.mentions, [c.userId], 'the longest nickname; a name of nobody is plain text');
      const m3 = await send({ content: '골라서 부르기', mentionIds: [b.userId, c.userId] });
      assert.deepEqual(m3.mentions, [b.userId, c.userId]);
      assert.deepEqual([await mentionCount(b, roomId), await mentionCount(c, roomId)], [2, 2]);
      const history = await api<{ messages: Message[] }>(
        d.urlB,
        'GET',
        `/api/rooms/${roomId}/messages`,
        b.token,
      );
      assert.deepEqual(
        history.body.messages.map((m) => m.mentions),
        [m3.mentions, m2.mentions, m1.mentions],
      );
      const read = await api(d.urlB, 'POST', `/api/rooms/${roomId}/read`, b.token, {
        lastReadMessageId: m2.id,
      });
      assert.equal(read.status, 202);
      assert.equal(await mentionCount(b, roomId), 1, 'only the one after the read mark');
    });

    test('mentioning someone not in the room, or malformed ids, is refused and stores nothing', async () => {
      const { a, b, roomId, ca, send } = await group();
      const outsider = await signup(d.urlA);
      for (const mentionIds of [
        [outsider.userId],
        [b.userId, outsider.userId],
        'x',
        [0],
        Array(51).fill(b.userId),
      ]) {
        const messageKey = randomUUID();
        ca.send('/app/chat.send', { roomId, content: '부름', mentionIds, messageKey });
        const error = await ca.errors.find((e) => e.messageKey === messageKey);
        assert.equal(error.code, 'INVALID_PAYLOAD', JSON.stringify(mentionIds));
      }
      await send({ content: '끝' });
      const history = await api<{ messages: Message[] }>(
        d.urlA,
        'GET',
        `/api/rooms/${roomId}/messages`,
        a.token,
      );
      assert.deepEqual(
        history.body.messages.map((m) => m.content),
        ['끝'],
      );
    });
  });
}
