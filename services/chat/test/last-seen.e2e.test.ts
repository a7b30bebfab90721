import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PresenceEvent, RoomDetail } from '@chat/contracts';
import { deployments, useDeployment } from './deployments.ts';
import { api, signup, type TestUser } from './harness.ts';
import { connectStomp } from './stomp-client.ts';

for (const [name, start, skip] of await deployments('last seen')) {
  describe(`last seen (${name})`, { skip }, () => {
    const { d, stomp } = useDeployment(start, {});
    const lastSeenIn = async (user: TestUser, roomId: number) =>
      (
        await api<{ userId: number; lastSeenAt: string | null }[]>(
          d.urlB,
          'GET',
          `/api/rooms/${roomId}/members/last-seen`,
          user.token,
        )
      ).body;

    test("a user's last connection closing sets their last seen, told to those who share a room", async () => {
      const [a, b] = [await signup(d.urlA, '에이'), await signup(d.urlB, '비')];
      const room = await api<RoomDetail>(d.urlA, 'POST', '/api/rooms/direct', a.token, {
        targetUserId: b.userId,
      });
      const roomId = room.body.id;
      assert.deepEqual(
        (await lastSeenIn(b, roomId)).map((x) => x.lastSeenAt),
        [null, null],
        'never seen yet',
      );
      const watch = await (await stomp(d.urlB, b)).subscribe<PresenceEvent>('/topic/presence');
      const ca = await connectStomp(d.urlA, a.token);
      await watch.find((e) => e.userId === a.userId && e.status === 'ONLINE');
      const closedAt = Date.now();
      await ca.close();
      const offline = await watch.find((e) => e.userId === a.userId && e.status === 'OFFLINE');
      assert.ok(
        offline.lastSeenAt && Date.parse(offline.lastSeenAt) >= closedAt - 1000,
        'the OFFLINE event says when',
      );
      const listed = (await lastSeenIn(b, roomId)).find((x) => x.userId === a.userId);
      assert.equal(listed?.lastSeenAt, offline.lastSeenAt);
    });

    test('hidden by its owner: neither the list nor the OFFLINE event tells it', async () => {
      const [a, b] = [await signup(d.urlA, '에이'), await signup(d.urlB, '비')];
      const room = await api<RoomDetail>(d.urlA, 'POST', '/api/rooms/direct', a.token, {
        targetUserId: b.userId,
      });
      const hide = await api<{ showLastSeen: boolean }>(d.urlA, 'PATCH', '/api/rooms/me/privacy', a.token, {
        showLastSeen: false,
      });
      assert.deepEqual([hide.status, hide.body], [200, { showLastSeen: false }]);
      assert.deepEqual((await api(d.urlA, 'GET', '/api/rooms/me/privacy', a.token)).body, {
        showLastSeen: false,
      });
      const watch = await (await stomp(d.urlB, b)).subscribe<PresenceEvent>('/topic/presence');
      const ca = await connectStomp(d.urlA, a.token);
      await watch.find((e) => e.userId === a.userId && e.status === 'ONLINE');
      await ca.close();
      const offline = await watch.find((e) => e.userId === a.userId && e.status === 'OFFLINE');
      assert.equal(offline.lastSeenAt, undefined);
      assert.equal((await lastSeenIn(b, room.body.id)).find((x) => x.userId === a.userId)?.lastSeenAt, null);
      // Bad input, and strangers.
      const outsider = await signup(d.urlA);
      for (const [what, res, status] of [
        [
          'a non-member',
          api(d.urlA, 'GET', `/api/rooms/${room.body.id}/members/last-seen`, outsider.token),
          403,
        ],
        [
          'not a boolean',
          api(d.urlA, 'PATCH', '/api/rooms/me/privacy', a.token, { showLastSeen: 'no' }),
          400,
        ],
        ['no token', api(d.urlA, 'GET', '/api/rooms/me/privacy'), 401],
      ] as const) {
        assert.equal((await res).status, status, what);
      }
    });
  });
}
