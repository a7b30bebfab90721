import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnBackends, signup } from '@chat/testing';

const CREATES_PER_MIN = 5;
const WRITES_PER_MIN = 4;

await describeOnBackends(
  'per-user limits of REST writes',
  (p) => {
    test('the 6th room creation in a minute is 429 with Retry-After, and no room is made', async () => {
      const [me, friend] = [await signup(p().api), await signup(p().api)];
      const group = (name: string) =>
        p().api.post('/api/rooms/group', { name, memberIds: [friend.userId] }, { token: me.token });
      for (let i = 0; i < CREATES_PER_MIN - 1; i++) assert.equal((await group(`room ${i}`)).status, 201);
      const other = await signup(p().api);
      const direct = await p().api.post(
        '/api/rooms/direct',
        { targetUserId: other.userId },
        { token: me.token },
      );
      assert.equal(direct.status, 201, 'direct and group rooms share the budget');
      const refused = await group('one too many');
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error, 'TOO_MANY_REQUESTS');
      assert.equal(refused.body.path, '/api/rooms/group');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      const refusedDirect = await p().api.post(
        '/api/rooms/direct',
        { targetUserId: (await signup(p().api)).userId },
        { token: me.token },
      );
      assert.equal(refusedDirect.status, 429);

      const rooms = await p().api.get('/api/rooms', { token: me.token });
      assert.equal(rooms.status, 200, 'reads are not limited');
      assert.equal(rooms.body.length, CREATES_PER_MIN, 'no room was created by a refused request');
      for (let i = 0; i < 10; i++) {
        assert.equal((await p().api.get(`/api/rooms/${rooms.body[0].id}`, { token: me.token })).status, 200);
      }
      const theirs = await p().api.post(
        '/api/rooms/group',
        { name: 'x', memberIds: [] },
        { token: friend.token },
      );
      assert.equal(theirs.status, 201, 'per user: others still create rooms');
    });

    test('invites and leaves share the write budget (with PATCH /api/users/me); a refused invite adds nobody', async () => {
      const me = await signup(p().api);
      const created = await p().api.post(
        '/api/rooms/group',
        { name: 'g', memberIds: [] },
        { token: me.token },
      );
      const roomId = created.body.id as number;
      const invite = async () =>
        p().api.post(
          `/api/rooms/${roomId}/members`,
          { userIds: [(await signup(p().api)).userId] },
          { token: me.token },
        );
      for (let i = 0; i < WRITES_PER_MIN - 1; i++) assert.equal((await invite()).status, 200);
      assert.equal(
        (await p().api.patch('/api/users/me', { statusMessage: 'hi' }, { token: me.token })).status,
        200,
      );
      const refused = await invite();
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal(
        (await p().api.patch('/api/users/me', { statusMessage: 'no' }, { token: me.token })).status,
        429,
      );
      const detail = await p().api.get(`/api/rooms/${roomId}`, { token: me.token });
      assert.equal(detail.body.members.length, WRITES_PER_MIN, 'me and the three invited before the limit');
    });

    test('the budget is shared by every node of the deployment', async (t) => {
      if (p().kind === 'embedded') return t.skip('one process; nodes share the budget through Redis');
      const second = await p().start({ NAMESPACE: p().env.NAMESPACE! });
      const me = await signup(p().api);
      const nodes = [p().api, second.api];
      for (let i = 0; i < CREATES_PER_MIN; i++) {
        const res = await nodes[i % 2]!.post(
          '/api/rooms/group',
          { name: `n${i}`, memberIds: [] },
          { token: me.token },
        );
        assert.equal(res.status, 201);
      }
      for (const node of nodes) {
        assert.equal(
          (await node.post('/api/rooms/group', { name: 'x', memberIds: [] }, { token: me.token })).status,
          429,
        );
      }
    });
  },
  {
    env: {
      ROOM_CREATE_RATE_PER_MIN: String(CREATES_PER_MIN),
      REST_WRITE_RATE_PER_MIN: String(WRITES_PER_MIN),
    },
    transport: 'inject',
  },
);
