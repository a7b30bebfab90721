import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnBackends, type SignedUp, signup } from '@chat/testing';
import { connectStomp } from './stomp-client.ts';

interface Detail {
  members: { userId: number; lastReadMessageId: number | null }[];
}

/**
 * (+) `GET /api/rooms/{id}` gives each member's read position (`lastReadMessageId`), from which
 * clients derive KakaoTalk's per-message unread number. It must follow every way a read mark
 * moves (HTTP, STOMP, sending, joining) at once, cached detail or not.
 */
await describeOnBackends('members’ read positions in the room detail', (p) => {
  test('null before any read; the sender has read their own; reads move it forward only; joiners start at the end', async () => {
    const api = p().api;
    const [owner, m1, m2, late] = [
      await signup(api),
      await signup(api),
      await signup(api),
      await signup(api),
    ];
    const room = await api.post(
      '/api/rooms/group',
      { name: 'reads', memberIds: [m1.userId, m2.userId] },
      { token: owner.token },
    );
    assert.equal(room.status, 201);
    const roomId = room.body.id as number;
    const positions = async (who: SignedUp = m1) => {
      const res = await api.get<Detail>(`/api/rooms/${roomId}`, { token: who.token });
      assert.equal(res.status, 200);
      return Object.fromEntries(res.body.members.map((m) => [m.userId, m.lastReadMessageId]));
    };
    assert.deepEqual(await positions(), { [owner.userId]: null, [m1.userId]: null, [m2.userId]: null });

    const sender = await connectStomp(p().server.url, owner.token);
    const reader = await connectStomp(p().server.url, m2.token);
    const live = await reader.subscribe<{ id: number }>(`/topic/room.${roomId}`);
    const receipts = await reader.subscribe<{ userId: number; lastReadMessageId: number }>(
      `/topic/room.${roomId}.receipts`,
    );
    for (const content of ['하나', '둘']) await sender.sendWithReceipt('/app/chat.send', { roomId, content });
    const [first, second] = await live.count(2);
    assert.deepEqual(
      await positions(),
      { [owner.userId]: second!.id, [m1.userId]: null, [m2.userId]: null },
      'sending a message means having read it',
    );

    assert.equal(
      (await api.post(`/api/rooms/${roomId}/read`, { lastReadMessageId: first!.id }, { token: m1.token }))
        .status,
      202,
    );
    assert.equal((await positions())[m1.userId], first!.id, 'HTTP read mark, shown at once');
    await reader.sendWithReceipt('/app/chat.read', { roomId, lastReadMessageId: second!.id });
    await receipts.find((r) => r.userId === m2.userId);
    assert.equal((await positions(owner))[m2.userId], second!.id, 'STOMP read mark');

    await api.post(`/api/rooms/${roomId}/read`, { lastReadMessageId: first!.id }, { token: m2.token });
    assert.equal((await positions())[m2.userId], second!.id, 'never moves back');

    await api.post(`/api/rooms/${roomId}/members`, { userIds: [late.userId] }, { token: owner.token });
    assert.equal(
      (await positions(late))[late.userId],
      second!.id,
      'a new member has read everything before joining',
    );
    await sender.close();
    await reader.close();
  });
});
